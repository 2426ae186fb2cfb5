"""A person's own space, under /me/."""

from django.urls import path  # noqa: F401  (the patterns follow)

app_name = "me"

urlpatterns: list = []
