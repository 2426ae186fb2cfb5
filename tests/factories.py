"""The one place test modules get their data from (they never import each other).

Users come from `make_user` (the cast, alice, bob, charlie, mod, and the coalition tests' cora,
nora, dora, dave, olga with their collectives, are fixtures in tests/conftest.py). Coalitions,
appeals, proposals, RSVPs and posted actions go through the real services; `make_action` (and
`make_undated_action`, one of its shapes) writes an action and its accepted hosts with the ORM,
for the states and fields the posting form cannot make: each module passes the fields it needs
(a `base` dict, a start, a length) instead of keeping a `make_action` of its own.
"""

import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from organizing.accounts.models import User
from organizing.actions.forms.posting import initial_from
from organizing.actions.models import (
    Action,
    ActionHost,
    ActionStatus,
    HostConsent,
    Rsvp,
    new_action_slug,
)
from organizing.actions.services import posting as posting_services
from organizing.actions.services.rsvp import rsvp_confirm, rsvp_create
from organizing.appeals.models import Appeal
from organizing.appeals.services import appeal_create
from organizing.coalitions.forms import ActionPostingForm
from organizing.coalitions.models import Coalition, CoalitionMembership, CoalitionRole
from organizing.coalitions.services import coalitions as services
from organizing.coalitions.services.posting import action_post_for_coalition
from organizing.collectives.models import (
    Collective,
    CollectiveKind,
    CollectiveStatus,
    Membership,
    MembershipRole,
)
from organizing.outbox.models import OutboxMessage
from organizing.partners.models import PartnershipProposal, ProposalKind
from organizing.partners.services.proposals import proposal_create

# The points of unity of a coalition made by `make_coalition`.
POINTS = "1. A ceasefire now.\n2. An end to arms sales."
# The draft points of unity of a proposal made by `propose`.
PROPOSAL_POINTS = "1. Ceasefire now.\n2. End arms sales."


PASSWORD = "correct horse battery staple"


def make_user(email: str, *, verified: bool = True, **extra) -> User:
    """A user as sign-up leaves them: with their email address verified (allauth's record)."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email, PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_collective(
    name: str, slug: str, *, admin=None, status=CollectiveStatus.VERIFIED, **extra
) -> Collective:
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
    return services.coalition_create(
        name=name,
        founders=list(founders),
        description="Unions and collectives for a ceasefire.",
        points_of_unity=points,
        created_by=founders[0][1],
    )


def add_member(coalition, collective, admin, *, consent=True) -> CoalitionMembership:
    """Through the real path: an invitation from the first coordinator, accepted by `admin`."""
    coordinator = coalition.memberships.filter(role=CoalitionRole.COORDINATOR).first()
    inviter = coordinator.collective.memberships.get(role="admin").user
    membership = services.coalition_invite(
        coalition=coalition,
        collective=collective,
        by=inviter,
        inviting_collective=coordinator.collective,
        message="Join us",
    )
    membership = services.coalition_membership_answer(membership=membership, by=admin, accept=True)
    if not consent:
        CoalitionMembership.objects.filter(pk=membership.pk).update(consented_version=None)
        membership.refresh_from_db()
    return membership


def membership_of(coalition, collective) -> CoalitionMembership:
    return CoalitionMembership.objects.get(coalition=coalition, collective=collective)


# --- appeals and proposals ----------------------------------------------------------------------


def draft(collective, by, **changes) -> Appeal:
    """An appeal `collective` initiates (and so signs), published by `by`."""
    values = {
        "title": "Ceasefire now",
        "text": "We call for an immediate ceasefire.",
        "demands": [],
        "opens_on": None,
        "closes_on": None,
        **changes,
    }
    return appeal_create(initiator=collective, by=by, **values)


def propose(collective, partner, by, **fields) -> PartnershipProposal:
    """A proposal of a new coalition from `collective` to `partner`."""
    values = {
        "kind": ProposalKind.NEW_COALITION,
        "message": "Shall we act together?",
        "coalition_name": "Ottawa–Montréal Front",
        "draft_points": PROPOSAL_POINTS,
        **fields,
    }
    return proposal_create(from_collective=collective, to_collective=partner, by=by, **values)


# --- actions ------------------------------------------------------------------------------------

# The exact address of an action made by `make_action` (shown only to those allowed to see it).
SECRET_ADDRESS = "12 Hidden Lane"


# What `make_action` writes unless its `base` says otherwise: a published vigil in Montréal.
VIGIL = {
    "kind": "vigil",
    "status": ActionStatus.PUBLISHED,
    "timezone": "America/Toronto",
    "city": "Montréal",
    "area_label": "Downtown Montréal",
    "venue": "Community hall",
    "address": SECRET_ADDRESS,
}


def make_action(
    host=None,
    *,
    title: str = "Vigil for peace",
    slug: str | None = None,
    role: str = "lead",
    cohosts=(),
    causes=(),
    starts_in: timedelta | None = timedelta(days=7),
    lasts: timedelta | None = None,
    base: dict = VIGIL,
    **fields,
) -> Action:
    """An action with the fields of `base` (by default `VIGIL`), then `fields`; starting
    `starts_in` from now (whole seconds; None: no start) for `lasts` (None: no end). Hosted by
    `host` in `role` and co-hosted by each of `cohosts` (all accepted), tagged with `causes`.
    Written with the ORM: the tests using it check states the posting form cannot make."""
    values = dict(base)
    if starts_in is not None:
        values["starts_at"] = timezone.now().replace(microsecond=0) + starts_in
        if lasts is not None:
            values["ends_at"] = values["starts_at"] + lasts
    values.update(fields)
    action = Action.objects.create(title=title, slug=slug or new_action_slug(title), **values)
    if host is not None:
        ActionHost.objects.create(
            action=action, collective=host, role=role, consent=HostConsent.ACCEPTED
        )
    for cohost in cohosts:
        ActionHost.objects.create(
            action=action, collective=cohost, role="co_host", consent=HostConsent.ACCEPTED
        )
    action.causes.add(*causes)
    return action


def make_undated_action(
    collective,
    *,
    status=ActionStatus.PUBLISHED,
    title="Rally",
    role="lead",
    country="CA",
    **fields,
) -> Action:
    """An action of unknown date in `country`, hosted by `collective` in `role`."""
    return make_action(
        collective,
        title=title,
        role=role,
        base={"kind": "rally", "date_precision": "unknown"},
        starts_in=None,
        status=status,
        country=country,
        **fields,
    )


# The posting form's address.
POST_URL = reverse("coalitions:action_create")


def form_data(collective, **overrides) -> dict:
    """What a person types in the posting form."""
    data = {
        "collective": collective.pk,
        "title": "Vigil for a ceasefire",
        "kind": "vigil",
        "description": "Candles & silence at the square.",
        "start_date": "2031-03-12",
        "start_time": "18:00",
        "end_date": "",
        "end_time": "20:00",
        "city": "Montréal",
        "venue": "",
        "address": "",
        "area_label": "",
        "location_visibility": "public",
        "online_url": "",
        "rsvp_mode": "open",
        "external_rsvp_url": "",
        "capacity": "",
        "recurrence_until": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def post_action(user, collective, **overrides) -> Action:
    """Post through the real path: the posting page's form, then the service (for the
    coalition the form names, if any)."""
    collectives = Collective.objects.filter(pk=collective.pk)
    form = ActionPostingForm(form_data(collective, **overrides), collectives=collectives)
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    if coalition := data.get("coalition"):
        return action_post_for_coalition(
            user=user, collective=collective, coalition=coalition, data=data
        )
    return posting_services.action_create(user=user, collective=collective, data=data)


def edit_data(action, **overrides) -> dict:
    """What the edit form of `action` submits when saved unchanged (the city as typed)."""
    data = {k: v for k, v in initial_from(action).items() if v not in (None, [])}
    data.pop("causes", None)
    data.update(intent="save", city="Montréal", **overrides)
    return data


# --- RSVPs --------------------------------------------------------------------------------------


def rsvp_anonymously(action, name="Dana", email="dana@example.net") -> Rsvp:
    return rsvp_create(action=action, name=name, email=email)


def confirmed(action, name, email) -> Rsvp:
    return rsvp_confirm(rsvp=rsvp_anonymously(action, name, email))
