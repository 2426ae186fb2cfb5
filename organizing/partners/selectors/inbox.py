"""The collective's inbox: everything about coalitions that waits for it or that it waits for.

One selector, `collective_inbox`, reads every section with its joins, each section bounded,
so the page runs the same number of queries however full the inbox is. Coalitions and appeals
the moderators hid are left out (their pages answer 404).
"""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from organizing.actions.models import Action
from organizing.appeals.models import AppealInvitation, AppealSignature
from organizing.coalitions.models import (
    CoalitionMembership,
    CoalitionMembershipStatus,
    CoalitionRole,
    SolidarityCall,
    SolidarityPledge,
)
from organizing.collectives.models import Collective

from ..models import PartnershipProposal, ProposalStatus

# Each section shows at most this many items (the most relevant first).
SECTION_LIMIT = 50


@dataclass
class Inbox:
    received: list[PartnershipProposal] = field(default_factory=list)
    sent: list[PartnershipProposal] = field(default_factory=list)
    invitations: list[CoalitionMembership] = field(default_factory=list)
    join_requests: list[CoalitionMembership] = field(default_factory=list)
    solidarity_calls: list[SolidarityCall] = field(default_factory=list)
    appeal_invitations: list[AppealInvitation] = field(default_factory=list)
    consents_due: list[CoalitionMembership] = field(default_factory=list)

    @property
    def pending_received(self) -> int:
        return sum(1 for p in self.received if p.status == ProposalStatus.PENDING)


def _pending_first(queryset: QuerySet[PartnershipProposal]) -> QuerySet[PartnershipProposal]:
    waiting = Case(
        When(status=ProposalStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return queryset.annotate(waiting=waiting).order_by("waiting", "-created_at")


def _active_coalition_ids(collective: Collective, *, coordinator: bool = False) -> QuerySet:
    memberships = CoalitionMembership.objects.filter(
        collective=collective, status=CoalitionMembershipStatus.ACTIVE
    )
    if coordinator:
        memberships = memberships.filter(role=CoalitionRole.COORDINATOR)
    return memberships.values("coalition_id")


def received_proposals(collective: Collective) -> list[PartnershipProposal]:
    # proposed_by: the "Report" link names the proposal's author by their public id.
    queryset = PartnershipProposal.objects.filter(to_collective=collective).select_related(
        "from_collective", "coalition", "decided_by", "proposed_by"
    )
    return list(_pending_first(queryset)[:SECTION_LIMIT])


def sent_proposals(collective: Collective) -> list[PartnershipProposal]:
    queryset = PartnershipProposal.objects.filter(from_collective=collective).select_related(
        "to_collective", "coalition", "decided_by"
    )
    return list(_pending_first(queryset)[:SECTION_LIMIT])


def coalition_invitations(collective: Collective) -> list[CoalitionMembership]:
    """Coalitions that invited this collective to join."""
    return list(
        CoalitionMembership.objects.filter(
            collective=collective,
            status=CoalitionMembershipStatus.INVITED,
            coalition__hidden_at__isnull=True,
        )
        .select_related("coalition", "invited_by")
        .order_by("-created_at")[:SECTION_LIMIT]
    )


def coalition_join_requests(collective: Collective) -> list[CoalitionMembership]:
    """Requests to join the coalitions this collective coordinates."""
    return list(
        CoalitionMembership.objects.filter(
            coalition_id__in=_active_coalition_ids(collective, coordinator=True),
            status=CoalitionMembershipStatus.REQUESTED,
            coalition__hidden_at__isnull=True,
        )
        .select_related("coalition", "collective")
        .order_by("-created_at")[:SECTION_LIMIT]
    )


def solidarity_calls(collective: Collective) -> list[SolidarityCall]:
    """Partners' calls for upcoming actions, soonest first, with this collective's pledge
    (`my_headcount`, None when it has not pledged)."""
    my_pledge = SolidarityPledge.objects.filter(call=OuterRef("pk"), collective=collective)
    return list(
        SolidarityCall.objects.filter(
            coalition_id__in=_active_coalition_ids(collective),
            coalition__hidden_at__isnull=True,
            action__in=Action.objects.public().upcoming(),
        )
        .exclude(collective=collective)
        .annotate(
            my_headcount=Subquery(my_pledge.values("headcount")[:1]),
        )
        .select_related("action", "coalition", "collective")
        .order_by(F("action__starts_at").asc(nulls_last=True), "pk")[:SECTION_LIMIT]
    )


def appeal_invitations(collective: Collective) -> list[AppealInvitation]:
    """Appeals this collective was invited to sign, with `signed` (a standing signature)."""
    standing = AppealSignature.objects.filter(
        appeal=OuterRef("appeal_id"), collective=collective, withdrawn_at__isnull=True
    )
    return list(
        AppealInvitation.objects.filter(collective=collective, appeal__hidden_at__isnull=True)
        .annotate(signed=Exists(standing))
        .select_related("appeal", "appeal__initiator")
        .order_by("-created_at")[:SECTION_LIMIT]
    )


def consents_due(collective: Collective) -> list[CoalitionMembership]:
    """Active memberships whose consent lags behind the coalition's current points."""
    return list(
        CoalitionMembership.objects.filter(
            collective=collective,
            status=CoalitionMembershipStatus.ACTIVE,
            coalition__points_version__gt=0,
            coalition__hidden_at__isnull=True,
        )
        .filter(
            Q(consented_version__isnull=True)
            | Q(consented_version__lt=F("coalition__points_version"))
        )
        .select_related("coalition")
        .order_by("coalition__name")[:SECTION_LIMIT]
    )


def collective_inbox(collective: Collective) -> Inbox:
    """Seven queries, whatever the content."""
    return Inbox(
        received=received_proposals(collective),
        sent=sent_proposals(collective),
        invitations=coalition_invitations(collective),
        join_requests=coalition_join_requests(collective),
        solidarity_calls=solidarity_calls(collective),
        appeal_invitations=appeal_invitations(collective),
        consents_due=consents_due(collective),
    )
