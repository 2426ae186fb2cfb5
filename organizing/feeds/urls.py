"""Public read-only output: calendar and news feeds, the JSON API and its schema.

Included at the root before the actions' URLs, so that /actions/feed.ics is not taken for an
action's slug.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import api, calendars, news

app_name = "feeds"
urlpatterns = [
    path("actions/feed.ics", calendars.actions_ics, name="actions_ics"),
    path("actions/feed.rss", news.actions_rss, name="actions_rss"),
    path("actions/feed.atom", news.actions_atom, name="actions_atom"),
    path("coalitions/<slug:slug>/feed.ics", calendars.coalition_ics, name="coalition_ics"),
    # A person's private calendar: the secret is the path, never a query string.
    path("calendar/<str:token>.ics", calendars.personal_ics, name="personal_ics"),
    path("api/v1/actions/", api.ActionListView.as_view(), name="api_actions"),
    path("api/v1/actions/<slug:slug>/", api.ActionDetailView.as_view(), name="api_action"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # Swagger UI from our own static files (drf-spectacular-sidecar), its script a file too:
    # nothing from a CDN, nothing inline (see templates/feeds/api_docs.html).
    path(
        "api/v1/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="feeds:api_schema", template_name="feeds/api_docs.html"
        ),
        name="api_docs",
    ),
]
