"""A person's own space, under /me/."""

from django.urls import path

from .views import calendar, dashboard, data, deletion, notifications, settings

app_name = "me"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("actions/<slug:state>/", dashboard.action_list, name="actions"),
    path("rsvps/", dashboard.rsvp_list, name="rsvps"),
    path("settings/", settings.profile_settings, name="settings"),
    path("account/", settings.account, name="account"),
    path("notifications/", notifications.notification_settings, name="notifications"),
    path("data/", data.data_download, name="data"),
    path("delete/", deletion.account_delete_confirm, name="delete"),
    path("delete/done/", deletion.account_goodbye, name="goodbye"),
    path("calendar/", calendar.calendar_feed, name="calendar"),
]
