from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("<str:kind>/<slug:slug>/", views.report_create_view, name="report"),
]
