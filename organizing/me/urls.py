"""A person's own space, under /me/."""

from django.urls import path

from .views import dashboard, settings

app_name = "me"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("settings/", settings.profile_settings, name="settings"),
    path("account/", settings.account, name="account"),
]
