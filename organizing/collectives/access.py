"""Who may see which collective. Every collective view goes through here."""

from django.db.models import QuerySet
from django.http import Http404

from .models import Collective, CollectiveStatus


def get_collective_for_user(
    user, slug: str, *, queryset: QuerySet | None = None
) -> Collective:
    """Verified collectives are public; pending or suspended ones only for members and staff."""
    queryset = queryset if queryset is not None else Collective.objects.all()
    try:
        collective = queryset.get(slug=slug)
    except Collective.DoesNotExist:
        raise Http404 from None
    if collective.status == CollectiveStatus.VERIFIED:
        return collective
    if user.is_staff:
        return collective
    if user.is_authenticated and collective.memberships.filter(user=user).exists():
        return collective
    raise Http404
