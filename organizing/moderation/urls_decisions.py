"""Moderation decisions as the collective concerned sees them. Included at the site root:
path("", include("organizing.moderation.urls_decisions"))."""

from django.urls import path

from . import views_decisions

app_name = "moderation_decisions"
urlpatterns = [
    path(
        "collectives/<slug:slug>/decisions/",
        views_decisions.collective_decisions,
        name="collective",
    ),
    path(
        "collectives/<slug:slug>/decisions/<int:pk>/review/",
        views_decisions.review_request,
        name="review",
    ),
    path("actions/<slug:slug>/decisions/", views_decisions.action_decisions, name="action"),
]
