"""Who may see coalitions and appeals. Both are public records once created."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Appeal, Coalition


def get_coalition_for_user(user, slug: str, *, queryset: QuerySet | None = None) -> Coalition:
    return get_object_or_404(queryset if queryset is not None else Coalition, slug=slug)


def get_appeal_for_user(user, slug: str, *, queryset: QuerySet | None = None) -> Appeal:
    return get_object_or_404(queryset if queryset is not None else Appeal, slug=slug)
