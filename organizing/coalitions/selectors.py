"""Reads of coalitions, with everything their pages show prefetched."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from organizing.actions.models import HostConsent
from organizing.actions.selectors.public import action_list_queryset
from organizing.collectives.access import collectives_user_admins, collectives_user_organizes
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.collectives.selectors import blocked_with, collective_text_search

from .access import active_memberships_user_admins
from .models import (
    Coalition,
    CoalitionMembership,
    CoalitionMembershipStatus,
    CoalitionRole,
    CoalitionStatus,
    PointsOfUnity,
    SolidarityCall,
    SolidarityPledge,
)

PENDING_STATUSES = (CoalitionMembershipStatus.INVITED, CoalitionMembershipStatus.REQUESTED)
# A collective "in" a coalition for invitations and requests: no second row is opened for it.
ENGAGED_STATUSES = (CoalitionMembershipStatus.ACTIVE, *PENDING_STATUSES)


def coalition_detail_queryset() -> QuerySet[Coalition]:
    return Coalition.objects.prefetch_related(
        "causes",
        Prefetch(
            "memberships",
            queryset=CoalitionMembership.objects.filter(
                status=CoalitionMembershipStatus.ACTIVE,
                collective__status=CollectiveStatus.VERIFIED,
            ).select_related("collective"),
            to_attr="active_memberships",
        ),
        Prefetch(
            "actions",
            queryset=action_list_queryset().public().order_by("-starts_at"),
            to_attr="public_actions",
        ),
    )


def coalition_list_queryset() -> QuerySet[Coalition]:
    """Coalitions that are active or in the making (not hidden by the moderators), with their
    number of active members."""
    return (
        Coalition.objects.filter(
            status__in=[CoalitionStatus.ACTIVE, CoalitionStatus.FORMING], hidden_at__isnull=True
        )
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=CoalitionMembershipStatus.ACTIVE)
            )
        )
        .order_by("name")
    )


def points_versions_of(coalition: Coalition) -> list[PointsOfUnity]:
    """Every version, newest first, with who proposed it."""
    return list(coalition.points_versions.select_related("written_for").order_by("-version"))


@dataclass
class MembershipPanel:
    """What a signed-in user may do on a coalition's page, for the collectives they admin."""

    memberships: list[CoalitionMembership] = field(default_factory=list)  # active, admined
    invitations: list[CoalitionMembership] = field(default_factory=list)  # to answer
    requests_sent: list[CoalitionMembership] = field(default_factory=list)  # waiting
    requests_to_answer: list[CoalitionMembership] = field(default_factory=list)  # coordinator
    joinable: list[Collective] = field(default_factory=list)

    @property
    def is_coordinator(self) -> bool:
        return any(m.role == CoalitionRole.COORDINATOR for m in self.memberships)

    def to_consent(self, version: int) -> list[CoalitionMembership]:
        return [m for m in self.memberships if version and m.consented_version != version]

    @property
    def is_empty(self) -> bool:
        return not (self.memberships or self.invitations or self.requests_sent or self.joinable)


def membership_panel(user, coalition: Coalition) -> MembershipPanel:
    """Four queries for a user who admins collectives, none for anyone else."""
    panel = MembershipPanel()
    if not user.is_authenticated:
        return panel
    admined = list(collectives_user_admins(user))
    if not admined:
        return panel
    panel.memberships = active_memberships_user_admins(user, coalition)
    pending = (
        CoalitionMembership.objects.filter(coalition=coalition, status__in=PENDING_STATUSES)
        .select_related("collective", "invited_by")
        .order_by("created_at")
    )
    admined_ids = {collective.pk for collective in admined}
    engaged_ids = set(
        CoalitionMembership.objects.filter(
            coalition=coalition,
            collective_id__in=admined_ids,
            status__in=ENGAGED_STATUSES,
        ).values_list("collective_id", flat=True)
    )
    for membership in pending:
        mine = membership.collective_id in admined_ids
        if mine and membership.status == CoalitionMembershipStatus.INVITED:
            panel.invitations.append(membership)
        elif mine:
            panel.requests_sent.append(membership)
        elif membership.status == CoalitionMembershipStatus.REQUESTED and panel.is_coordinator:
            panel.requests_to_answer.append(membership)
    if not coalition.is_archived:
        panel.joinable = [c for c in admined if c.is_verified and c.pk not in engaged_ids]
    return panel


def invitable_collectives(coalition: Coalition) -> QuerySet[Collective]:
    """Verified collectives with no active or pending membership in the coalition."""
    engaged = CoalitionMembership.objects.filter(
        coalition=coalition, status__in=ENGAGED_STATUSES
    ).values("collective_id")
    return Collective.objects.verified().exclude(pk__in=engaged).order_by("name")


# The most collectives an invitation page lists to choose from (a search narrows them).
INVITE_CHOICES_LIMIT = 30


@dataclass
class InviteChoices:
    """The collectives an invitation page lists as choices, out of all the invitable ones."""

    collectives: list[Collective]
    text: str  # the search typed, normalized; empty when none
    more: bool  # more collectives match (or, without a search, are invitable) than are listed
    limit: int = INVITE_CHOICES_LIMIT

    @property
    def must_search(self) -> bool:
        """Too many to list without a search: the page lists none and asks for one."""
        return self.more and not self.text


def invite_choices(
    invitable: QuerySet[Collective], *, text: str = "", keep: list[str] | tuple = ()
) -> InviteChoices:
    """At most INVITE_CHOICES_LIMIT collectives of `invitable`, in its order: those whose name
    matches `text` or, without a text, all of them when there are no more than the limit (none
    otherwise). `keep`: ids chosen in a form sent back with an error; those still invitable are
    listed too (at the end, up to the limit), so the choice survives the error. One query, two
    with `keep`, whatever the number of collectives."""
    found = collective_text_search(invitable, text=text) if text else invitable
    collectives = list(found[: INVITE_CHOICES_LIMIT + 1])
    more = len(collectives) > INVITE_CHOICES_LIMIT
    collectives = [] if more and not text else collectives[:INVITE_CHOICES_LIMIT]
    listed = {collective.pk for collective in collectives}
    kept = {int(pk) for pk in keep if str(pk).isdigit() and len(str(pk)) < 10} - listed
    if kept:
        kept_ids = sorted(kept)[:INVITE_CHOICES_LIMIT]
        collectives += list(invitable.filter(pk__in=kept_ids))
    return InviteChoices(collectives=collectives, text=text, more=more)


def joinable_collectives(user, coalition: Coalition) -> list[Collective]:
    """The verified collectives this user admins that may ask to join."""
    engaged = CoalitionMembership.objects.filter(
        coalition=coalition, status__in=ENGAGED_STATUSES
    ).values("collective_id")
    return list(
        collectives_user_admins(user)
        .filter(status=CollectiveStatus.VERIFIED)
        .exclude(pk__in=engaged)
    )


# --- solidarity ----------------------------------------------------------------------------


def pledged_total(action) -> int:
    """People pledged by coalition partners over all the action's solidarity calls."""
    total = SolidarityPledge.objects.filter(call__action=action).aggregate(total=Sum("headcount"))[
        "total"
    ]
    return total or 0


def solidarity_calls_of(action) -> list[SolidarityCall]:
    """The action's calls with their pledges, for its organizers' solidarity page."""
    return list(
        SolidarityCall.objects.filter(action=action)
        .select_related("coalition", "collective")
        .prefetch_related(
            Prefetch("pledges", queryset=SolidarityPledge.objects.select_related("collective"))
        )
    )


def consenting_collective_ids(coalition: Coalition) -> list[int]:
    """Active, verified members that consented to the current points of unity (all of them
    while none are written): who an action posted for the coalition lists as hosts."""
    members = CoalitionMembership.objects.filter(
        coalition=coalition,
        status=CoalitionMembershipStatus.ACTIVE,
        collective__status=CollectiveStatus.VERIFIED,
    )
    if coalition.points_version:
        members = members.filter(consented_version__gte=coalition.points_version)
    return list(members.values_list("collective_id", flat=True))


def coalitions_to_post_for(collectives) -> QuerySet[Coalition]:
    """The active coalitions any of `collectives` is an active member of, by name: those the
    posting form offers (`access.collective_may_post_for` is the rule for one)."""
    return (
        Coalition.objects.filter(
            status=CoalitionStatus.ACTIVE,
            memberships__collective__in=collectives,
            memberships__status=CoalitionMembershipStatus.ACTIVE,
        )
        .distinct()
        .order_by("name")
    )


def cohosts_to_invite(coalition: Coalition, *, lead: Collective) -> QuerySet[Collective]:
    """Who an action posted for the coalition asks to co-host it, by name: its consenting
    members (`consenting_collective_ids`), verified, but the lead collective and those blocked
    either way with it."""
    blocked = blocked_with(lead.pk)
    return (
        Collective.objects.filter(
            pk__in=consenting_collective_ids(coalition),
            status=CollectiveStatus.VERIFIED,
        )
        .exclude(pk=lead.pk)
        .exclude(pk__in=blocked)
        .order_by("name", "pk")
    )


def collective_coalitions(collective) -> list[Coalition]:
    """For the collective's public page: the coalitions it is active in, but hidden ones."""
    return list(
        Coalition.objects.filter(
            memberships__collective=collective,
            memberships__status=CoalitionMembershipStatus.ACTIVE,
            hidden_at__isnull=True,
        )
    )


def public_coalition_count() -> int:
    """Coalitions on public pages (all but those the moderators hid): the home page's figure."""
    return Coalition.objects.filter(hidden_at__isnull=True).count()


def calling_memberships(user, action):
    """Active coalition memberships of the action's accepted hosts that the user organizes,
    in coalitions not yet called for this action."""
    return (
        CoalitionMembership.objects.filter(
            status=CoalitionMembershipStatus.ACTIVE,
            coalition__hidden_at__isnull=True,
            collective__in=collectives_user_organizes(user),
            collective__host_links__action=action,
            collective__host_links__consent=HostConsent.ACCEPTED,
        )
        .exclude(coalition__solidarity_calls__action=action)
        .select_related("coalition", "collective")
        .order_by("coalition__name", "collective__name")
        .distinct()
    )
