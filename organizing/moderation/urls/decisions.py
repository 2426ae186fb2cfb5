"""Moderation decisions as the collective concerned sees them, at the site root (see
`urls/__init__.py`)."""

from django.urls import path

from ..views import decisions

app_name = "moderation_decisions"
urlpatterns = [
    path(
        "collectives/<slug:slug>/decisions/",
        decisions.collective_decisions,
        name="collective",
    ),
    path(
        "collectives/<slug:slug>/decisions/<int:pk>/review/",
        decisions.review_request,
        name="review",
    ),
    path("actions/<slug:slug>/decisions/", decisions.action_decisions, name="action"),
]
