"""Reads for partner suggestions: the facts scoring needs, and who is excluded from whom."""

from django.db.models import Q
from django.utils import timezone

from organizing.coalitions.models import CoalitionMembership, CoalitionMembershipStatus

from .models import ExclusionKind, PartnerExclusion


def blocked_between(a_id: int, b_id: int) -> bool:
    """Whether either collective blocked the other: no suggestion, proposal or invitation
    between them, whichever side asks."""
    return PartnerExclusion.objects.filter(
        Q(collective_id=a_id, other_id=b_id) | Q(collective_id=b_id, other_id=a_id),
        kind=ExclusionKind.BLOCKED,
    ).exists()


def partner_ids(collective_id: int) -> set[int]:
    """Collectives that already share an active coalition with this one."""
    coalition_ids = CoalitionMembership.objects.filter(
        collective_id=collective_id, status=CoalitionMembershipStatus.ACTIVE
    ).values("coalition_id")
    return set(
        CoalitionMembership.objects.filter(
            coalition_id__in=coalition_ids, status=CoalitionMembershipStatus.ACTIVE
        ).exclude(collective_id=collective_id).values_list("collective_id", flat=True)
    )


def excluded_ids(collective_id: int) -> set[int]:
    """Never suggested to this collective: its partners, those it dismissed (until the
    dismissal expires), and those blocked either way."""
    now = timezone.now()
    mine = PartnerExclusion.objects.filter(collective_id=collective_id).filter(
        Q(kind=ExclusionKind.BLOCKED) | Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    ).values_list("other_id", flat=True)
    blocked_me = PartnerExclusion.objects.filter(
        other_id=collective_id, kind=ExclusionKind.BLOCKED
    ).values_list("collective_id", flat=True)
    return {*mine, *blocked_me, *partner_ids(collective_id)}
