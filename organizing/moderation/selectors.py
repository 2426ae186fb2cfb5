"""Reads of moderation records for the pages of those they concern."""

from organizing.collectives.models import Collective

from .models import Decision


def latest_decisions(collective: Collective, *, limit: int = 3) -> list[Decision]:
    """The moderators' latest decisions about a collective or its actions, newest first."""
    return list(Decision.objects.filter(collective=collective).order_by("-created_at")[:limit])
