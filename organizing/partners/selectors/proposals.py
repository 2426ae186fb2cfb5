"""Reads of partnership proposals: what may be proposed, and what is waiting between two
collectives."""

from django.db.models import Q, QuerySet

from organizing.coalitions.models import Coalition, CoalitionMembership, CoalitionMembershipStatus
from organizing.collectives.models import Collective

from ..models import PartnershipProposal, ProposalStatus


def joinable_coalitions(
    from_collective: Collective, to_collective: Collective
) -> QuerySet[Coalition]:
    """The coalitions `from_collective` may invite `to_collective` into: those where the first
    is an active member and the second is not."""
    already_in = CoalitionMembership.objects.filter(
        collective=to_collective, status=CoalitionMembershipStatus.ACTIVE
    ).values("coalition_id")
    return (
        Coalition.objects.filter(
            memberships__collective=from_collective,
            memberships__status=CoalitionMembershipStatus.ACTIVE,
        )
        .exclude(pk__in=already_in)
        .order_by("name")
    )


def pending_between(a: Collective, b: Collective) -> PartnershipProposal | None:
    """The proposal waiting between two collectives, whichever side sent it."""
    return (
        PartnershipProposal.objects.filter(
            Q(from_collective=a, to_collective=b) | Q(from_collective=b, to_collective=a),
            status=ProposalStatus.PENDING,
        )
        .select_related("from_collective", "to_collective")
        .first()
    )
