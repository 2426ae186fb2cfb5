"""The dashboard (/me/): what a person is part of and what waits for them.

One selector, `dashboard_for`, reads every section with its joins, each section bounded (at
most `limit` rows, plus one to know that there are more), so the page runs the same number of
queries whatever the person belongs to: about a dozen, none of them in the template.

What waits for a collective is counted for all of the person's collectives at once (one
grouped query per kind), with the conditions of the collective's own pages: pending join
requests for its admins (the members page), the pending items of partners' inbox
(`partners.selectors.inbox`: proposals received, coalition invitations, requests to join the
coalitions it coordinates) for its admins and organizers, and the points of unity its admins
have not consented to yet (`consents_due` there). The inbox selector itself reads one
collective in seven queries, which a dashboard of many collectives cannot repeat.

Campaigns (issue 18) do not exist yet: their section joins the coalitions' once they land.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from organizing.actions.models import (
    PUBLIC_STATUSES,
    WITHHELD_STATUSES,
    Action,
    ActionHost,
    ActionStatus,
    HostConsent,
    Rsvp,
    RsvpStatus,
)
from organizing.coalitions.models import (
    CoalitionMembership,
    CoalitionMembershipStatus,
    CoalitionRole,
)
from organizing.collectives.models import (
    ORGANIZING_ROLES,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipRole,
)
from organizing.moderation.models import Decision
from organizing.partners.models import PartnershipProposal, ProposalStatus

# Rows per section; the section links to the page that lists them all when there are more.
SECTION_LIMIT = 5
# Collectives and coalitions are fewer and each carries its own links: a longer section.
GROUP_LIMIT = 10
# RSVPs the dashboard shows: those still standing (a cancelled one is gone from the page).
STANDING_RSVP_STATUSES = (
    RsvpStatus.UNCONFIRMED,
    RsvpStatus.PENDING,
    RsvpStatus.CONFIRMED,
    RsvpStatus.WAITLISTED,
    RsvpStatus.DECLINED,
)


@dataclass
class Section:
    """The first rows of a list, and whether there are more than those."""

    rows: list
    more: bool = False

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __iter__(self):
        return iter(self.rows)


def _bounded(queryset, limit: int) -> Section:
    rows = list(queryset[: limit + 1])
    return Section(rows=rows[:limit], more=len(rows) > limit)


@dataclass
class CollectiveRow:
    """One of my collectives: my role, its status, and what waits for me there."""

    membership: Membership
    join_requests: int = 0  # pending, when I may decide them (admin)
    inbox: int = 0  # pending inbox items, when I act for it (admin, organizer)
    consents: list = field(default_factory=list)  # CoalitionMemberships awaiting consent

    @property
    def collective(self):
        return self.membership.collective

    @property
    def waiting(self) -> int:
        return self.join_requests + self.inbox + len(self.consents)


@dataclass
class Withheld:
    """An action held, hidden or rejected, with the moderators' latest decision about it."""

    action: Action
    decision: Decision | None = None
    may_ask_review: bool = False  # I admin the collective the decision concerns


@dataclass
class CoalitionRow:
    """A coalition I am part of, through which of my collectives."""

    coalition: object
    memberships: list = field(default_factory=list)


@dataclass
class Dashboard:
    collectives: Section
    drafts: Section
    in_review: Section
    withheld: Section
    upcoming: Section
    past: Section
    rsvps: Section
    coalitions: Section
    organizes_any: bool = False

    @property
    def has_actions(self) -> bool:
        return any((self.drafts, self.in_review, self.withheld, self.upcoming, self.past))


def _counts(queryset: QuerySet, key: str) -> dict[int, int]:
    return dict(queryset.values_list(key).annotate(n=Count("pk", distinct=True)).order_by())


def _my_collective_rows(user, *, limit: int) -> tuple[Section, dict]:
    memberships = _bounded(
        Membership.objects.filter(user=user)
        .select_related("collective")
        .order_by("collective__name", "collective__pk"),
        limit,
    )
    admin_ids = [m.collective_id for m in memberships if m.role == MembershipRole.ADMIN]
    organizer_ids = [m.collective_id for m in memberships if m.role in ORGANIZING_ROLES]
    join_requests, inbox, consents = {}, {}, {}
    if admin_ids:
        join_requests = _counts(
            JoinRequest.objects.filter(
                collective_id__in=admin_ids, status=JoinRequestStatus.PENDING
            ),
            "collective_id",
        )
        for membership in (
            CoalitionMembership.objects.filter(
                collective_id__in=admin_ids,
                status=CoalitionMembershipStatus.ACTIVE,
                coalition__points_version__gt=0,
                coalition__hidden_at__isnull=True,
            )
            .filter(
                Q(consented_version__isnull=True)
                | Q(consented_version__lt=F("coalition__points_version"))
            )
            .select_related("coalition")
            .order_by("coalition__name")
        ):
            consents.setdefault(membership.collective_id, []).append(membership)
    if organizer_ids:
        inbox_counts = (
            _counts(
                PartnershipProposal.objects.filter(
                    to_collective_id__in=organizer_ids, status=ProposalStatus.PENDING
                ),
                "to_collective_id",
            ),
            _counts(
                CoalitionMembership.objects.filter(
                    collective_id__in=organizer_ids,
                    status=CoalitionMembershipStatus.INVITED,
                    coalition__hidden_at__isnull=True,
                ),
                "collective_id",
            ),
            # Requests to join the coalitions my collectives coordinate, counted for each.
            _counts(
                CoalitionMembership.objects.filter(
                    status=CoalitionMembershipStatus.REQUESTED,
                    coalition__hidden_at__isnull=True,
                    coalition__memberships__collective_id__in=organizer_ids,
                    coalition__memberships__status=CoalitionMembershipStatus.ACTIVE,
                    coalition__memberships__role=CoalitionRole.COORDINATOR,
                ),
                "coalition__memberships__collective_id",
            ),
        )
        for counts in inbox_counts:
            for collective_id, n in counts.items():
                inbox[collective_id] = inbox.get(collective_id, 0) + n
    rows = [
        CollectiveRow(
            membership=m,
            join_requests=join_requests.get(m.collective_id, 0),
            inbox=inbox.get(m.collective_id, 0),
            consents=consents.get(m.collective_id, []),
        )
        for m in memberships
    ]
    return Section(rows=rows, more=memberships.more), {"organizes_any": bool(organizer_ids)}


def my_actions(user) -> QuerySet[Action]:
    """The actions I created, and those hosted (accepted) by collectives I admin or organize."""
    hosted = ActionHost.objects.filter(
        consent=HostConsent.ACCEPTED,
        collective__memberships__user=user,
        collective__memberships__role__in=ORGANIZING_ROLES,
    ).values("action_id")
    return Action.objects.filter(Q(created_by=user) | Q(pk__in=hosted))


# The lists of my actions, by state: the dashboard shows the first rows of each, the page
# /me/actions/<state>/ all of them (a page at a time).
ACTION_STATES = ("withheld", "drafts", "review", "upcoming", "past")


def my_action_list(user, state: str) -> QuerySet[Action]:
    """My actions in one of ACTION_STATES, in the order their list shows them."""
    actions = my_actions(user)
    if state == "drafts":
        return actions.filter(status=ActionStatus.DRAFT).order_by("-updated_at", "-pk")
    if state == "review":
        return actions.filter(status=ActionStatus.PENDING_REVIEW).order_by("-updated_at", "-pk")
    if state == "withheld":
        return actions.filter(status__in=WITHHELD_STATUSES).order_by("-updated_at", "-pk")
    public = actions.filter(status__in=PUBLIC_STATUSES)
    if state == "upcoming":
        return public.upcoming().order_by(F("starts_at").asc(nulls_last=True), "pk")
    if state == "past":
        return public.past().order_by(F("starts_at").desc(nulls_last=True), "-pk")
    raise ValueError(state)


def user_admin_collective_ids(user) -> set[int]:
    return set(
        Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values_list(
            "collective_id", flat=True
        )
    )


def withheld_rows(actions: list[Action], *, admin_ids: set) -> list[Withheld]:
    """Each withheld action with the moderators' latest decision about it (one query)."""
    latest: dict[int, Decision] = {}
    if actions:
        decisions = (
            Decision.objects.filter(target_kind="action", target_id__in=[a.pk for a in actions])
            .select_related("collective")
            .order_by("-created_at", "-pk")
        )
        for decision in decisions:
            latest.setdefault(decision.target_id, decision)
    rows = []
    for action in actions:
        decision = latest.get(action.pk)
        may_ask = decision is not None and decision.collective_id in admin_ids
        rows.append(Withheld(action=action, decision=decision, may_ask_review=may_ask))
    return rows


def with_waitlist_positions(rsvps) -> list[Rsvp]:
    """`rsvp.waitlist_position` from the `ahead` of `my_rsvps` (None unless waitlisted)."""
    rsvps = list(rsvps)
    for rsvp in rsvps:
        rsvp.waitlist_position = rsvp.ahead + 1 if rsvp.status == RsvpStatus.WAITLISTED else None
    return rsvps


def my_rsvps(user) -> QuerySet[Rsvp]:
    """My standing RSVPs to public actions not over yet, soonest first, each with
    `waitlist_position` (1 for the next in line; None unless waitlisted)."""
    ahead = (
        Rsvp.objects.filter(action=OuterRef("action"), status=RsvpStatus.WAITLISTED)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("action")
        .annotate(n=Count("pk"))
        .values("n")
    )
    upcoming = Action.objects.filter(status__in=PUBLIC_STATUSES).upcoming().values("pk")
    return (
        Rsvp.objects.filter(
            user=user,
            anonymized_at__isnull=True,
            status__in=STANDING_RSVP_STATUSES,
            action__in=upcoming,
        )
        .annotate(ahead=Coalesce(Subquery(ahead), 0))
        .select_related("action")
        .order_by(F("action__starts_at").asc(nulls_last=True), "pk")
    )


def _coalitions(user, *, limit: int) -> Section:
    mine = Membership.objects.filter(user=user).values("collective_id")
    memberships = (
        CoalitionMembership.objects.filter(
            collective_id__in=mine,
            status=CoalitionMembershipStatus.ACTIVE,
            coalition__hidden_at__isnull=True,
        )
        .select_related("coalition", "collective")
        .order_by("coalition__name", "coalition__pk", "collective__name")
    )
    rows: dict[int, CoalitionRow] = {}
    # Up to `limit` coalitions; a coalition counts once whatever number of my collectives
    # are in it (those beyond the bound of memberships are not listed under it).
    for membership in memberships[: limit * 3 + 1]:
        row = rows.get(membership.coalition_id)
        if row is None:
            if len(rows) == limit:
                return Section(rows=list(rows.values()), more=True)
            row = rows[membership.coalition_id] = CoalitionRow(coalition=membership.coalition)
        row.memberships.append(membership)
    return Section(rows=list(rows.values()))


def dashboard_for(user, *, limit: int = SECTION_LIMIT, group_limit: int = GROUP_LIMIT) -> Dashboard:
    collectives, facts = _my_collective_rows(user, limit=group_limit)
    lists = {state: _bounded(my_action_list(user, state), limit) for state in ACTION_STATES}
    withheld = lists["withheld"]
    withheld.rows = withheld_rows(withheld.rows, admin_ids=user_admin_collective_ids(user))
    rsvps = _bounded(my_rsvps(user), limit)
    rsvps.rows = with_waitlist_positions(rsvps.rows)
    return Dashboard(
        collectives=collectives,
        drafts=lists["drafts"],
        in_review=lists["review"],
        withheld=withheld,
        upcoming=lists["upcoming"],
        past=lists["past"],
        rsvps=rsvps,
        coalitions=_coalitions(user, limit=group_limit),
        organizes_any=facts["organizes_any"],
    )
