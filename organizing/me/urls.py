"""A person's own space, under /me/."""

from django.urls import path

from .views import dashboard, settings

app_name = "me"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("actions/<slug:state>/", dashboard.action_list, name="actions"),
    path("rsvps/", dashboard.rsvp_list, name="rsvps"),
    path("settings/", settings.profile_settings, name="settings"),
    path("account/", settings.account, name="account"),
]
