"""A person's own space, under /me/."""

from django.urls import path

from .views import calendar, data, deletion

app_name = "me"

urlpatterns: list = [
    path("data/", data.data_download, name="data"),
    path("delete/", deletion.account_delete_confirm, name="delete"),
    path("delete/done/", deletion.account_goodbye, name="goodbye"),
    path("calendar/", calendar.calendar_feed, name="calendar"),
]
