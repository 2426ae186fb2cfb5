from django.urls import path

from ..views import reports

app_name = "moderation"
urlpatterns = [
    path("<str:kind>/<slug:slug>/", reports.report_create_view, name="report"),
]
