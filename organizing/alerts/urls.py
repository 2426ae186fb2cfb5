"""Alerts: saved searches that send a daily digest of new matching actions; follows of a
collective or a coalition, an email for each action it publishes."""

from django.urls import path, re_path

from . import views

app_name = "notifications"
# Before the follows' token links, so that "follow/collective/<slug>/" is never read as one.
_TARGET = r"^follow/(?P<kind>collective|coalition)/(?P<slug>[-a-zA-Z0-9_]+)/"
urlpatterns = [
    path("", views.alert_create, name="alert_create"),
    path("<str:token>/confirm/", views.alert_confirm, name="alert_confirm"),
    path("<str:token>/unsubscribe/", views.alert_unsubscribe, name="alert_unsubscribe"),
    re_path(_TARGET + "$", views.follow_create, name="follow"),
    re_path(_TARGET + "unfollow/$", views.follow_delete, name="unfollow"),
    path("follow/<str:token>/confirm/", views.follow_confirm, name="follow_confirm"),
    path("follow/<str:token>/unsubscribe/", views.follow_unsubscribe, name="follow_unsubscribe"),
]
