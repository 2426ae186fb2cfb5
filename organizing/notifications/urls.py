"""Alerts: saved searches that send a daily digest of new matching actions."""

app_name = "notifications"
urlpatterns = []
