"""Alerts: saved searches that send a daily digest of new matching actions."""

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.alert_create, name="alert_create"),
    path("<str:token>/confirm/", views.alert_confirm, name="alert_confirm"),
    path("<str:token>/unsubscribe/", views.alert_unsubscribe, name="alert_unsubscribe"),
]
