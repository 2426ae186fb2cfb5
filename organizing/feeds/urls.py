"""Public read-only output: calendar and news feeds, the JSON API and its schema."""

app_name = "feeds"
urlpatterns = []
