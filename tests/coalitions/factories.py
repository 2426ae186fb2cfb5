"""Helpers shared by the coalition test modules: data built through the real code paths.

Users come from `tests.conftest.make_user`; the shared cast (cora, nora, dora, dave, olga and
their collectives) are fixtures in `tests/coalitions/conftest.py`.
"""

from organizing.coalitions.models import (
    Appeal,
    Coalition,
    CoalitionMembership,
    CoalitionRole,
    PartnershipProposal,
    ProposalKind,
)
from organizing.coalitions.services import coalitions as services
from organizing.coalitions.services.appeals import appeal_create
from organizing.coalitions.services.proposals import proposal_create
from organizing.collectives.models import (
    Collective,
    CollectiveKind,
    CollectiveStatus,
    Membership,
    MembershipRole,
)
from organizing.notifications.models import OutboxMessage
from tests.conftest import make_user

# The points of unity of a coalition made by `make_coalition`.
POINTS = "1. A ceasefire now.\n2. An end to arms sales."
# The draft points of unity of a proposal made by `propose`.
PROPOSAL_POINTS = "1. Ceasefire now.\n2. End arms sales."


def make_collective(name: str, slug: str, *, admin=None, status=CollectiveStatus.VERIFIED,
                    **extra) -> Collective:
    """A collective (by default a verified trade union in Ottawa), with `admin` as its admin."""
    values = {"kind": CollectiveKind.TRADE_UNION, "city": "Ottawa", "country": "CA", **extra}
    collective = Collective.objects.create(name=name, slug=slug, status=status, **values)
    if admin is not None:
        Membership.objects.create(user=admin, collective=collective, role=MembershipRole.ADMIN)
    return collective


def make_organizer(collective, email: str = "olga@example.org", **extra):
    """A new user (see `make_user`) who organizes `collective` without being its admin."""
    user = make_user(email, **extra)
    Membership.objects.create(user=user, collective=collective, role=MembershipRole.ORGANIZER)
    return user


def mails_to(email: str):
    return OutboxMessage.objects.filter(to=email).order_by("created_at", "pk")


# --- coalitions ---------------------------------------------------------------------------------


def make_coalition(*founders, points: str = POINTS, name: str = "Ceasefire Front") -> Coalition:
    """`founders`: (collective, admin) pairs, the coordinators."""
    return services.coalition_create(name=name, founders=list(founders),
                                     description="Unions and collectives for a ceasefire.",
                                     points_of_unity=points, created_by=founders[0][1])


def add_member(coalition, collective, admin, *, consent=True) -> CoalitionMembership:
    """Through the real path: an invitation from the first coordinator, accepted by `admin`."""
    coordinator = coalition.memberships.filter(role=CoalitionRole.COORDINATOR).first()
    inviter = coordinator.collective.memberships.get(role="admin").user
    membership = services.coalition_invite(coalition=coalition, collective=collective,
                                           by=inviter, inviting_collective=coordinator.collective,
                                           message="Join us")
    membership = services.coalition_membership_answer(membership=membership, by=admin,
                                                      accept=True)
    if not consent:
        CoalitionMembership.objects.filter(pk=membership.pk).update(consented_version=None)
        membership.refresh_from_db()
    return membership


def membership_of(coalition, collective) -> CoalitionMembership:
    return CoalitionMembership.objects.get(coalition=coalition, collective=collective)


# --- appeals and proposals ----------------------------------------------------------------------


def draft(collective, by, **changes) -> Appeal:
    """An appeal `collective` initiates (and so signs), published by `by`."""
    values = {"title": "Ceasefire now", "text": "We call for an immediate ceasefire.",
              "demands": [], "opens_on": None, "closes_on": None, **changes}
    return appeal_create(initiator=collective, by=by, **values)


def propose(collective, partner, by, **fields) -> PartnershipProposal:
    """A proposal of a new coalition from `collective` to `partner`."""
    values = {"kind": ProposalKind.NEW_COALITION, "message": "Shall we act together?",
              "coalition_name": "Ottawa–Montréal Front", "draft_points": PROPOSAL_POINTS,
              **fields}
    return proposal_create(from_collective=collective, to_collective=partner, by=by, **values)
