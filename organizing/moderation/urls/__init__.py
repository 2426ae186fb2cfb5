"""Moderation's pages, included once at the site root, in two namespaces: the decisions as the
collective concerned sees them (`moderation_decisions:`, under /collectives/ and /actions/)
and the report form (`moderation:report`, under /report/)."""

from django.urls import include, path

urlpatterns = [
    path("", include("organizing.moderation.urls.decisions")),
    path("report/", include("organizing.moderation.urls.reports")),
]
