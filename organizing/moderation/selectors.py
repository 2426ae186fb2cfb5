"""Reads of moderation records: for the pages of those they concern, for the moderators' queues
(who moderates where, what a report is about) and for the services that write decisions."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from organizing.actions.models import WITHHELD_STATUSES, Action, HostRole
from organizing.appeals.models import Appeal
from organizing.coalitions.models import Coalition
from organizing.collectives.models import Collective, CollectiveStatus, Vouch

from .models import Decision, DecisionVerb, ModeratorScope, ReportCase, ReportTarget

# An account counts towards a hold only once it is this old: fresh accounts made for a pile-on
# do not count (ten reports from week-old-or-less accounts do nothing).
ESTABLISHED_ACCOUNT_AGE = timedelta(days=7)

# The group of moderators (migration moderation 0008 sets its permissions).
MODERATORS_GROUP = "Moderators"

TARGET_MODELS = {
    ReportTarget.ACTION: Action,
    ReportTarget.COLLECTIVE: Collective,
    ReportTarget.COALITION: Coalition,
    ReportTarget.APPEAL: Appeal,
}


def latest_decisions(collective: Collective, *, limit: int = 3) -> list[Decision]:
    """The moderators' latest decisions about a collective or its actions, newest first."""
    return list(Decision.objects.filter(collective=collective).order_by("-created_at")[:limit])


@dataclass
class WithheldAction:
    """One of the collective's actions the moderators keep off public pages, and why."""

    action: Action
    decision: Decision | None


@dataclass
class ModerationNews:
    """What the banner atop a collective's page tells its own members."""

    suspension: Decision | None = None
    suspended: bool = False
    actions: list[WithheldAction] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.suspended or bool(self.actions)


def moderation_news(collective: Collective) -> ModerationNews:
    """The collective's suspension (with the decision saying why) and the actions it leads that
    are held, hidden or rejected (each with its latest decision): at most three queries."""
    news = ModerationNews(suspended=collective.status == CollectiveStatus.SUSPENDED)
    if news.suspended:
        news.suspension = (
            Decision.objects.filter(collective=collective, verb=DecisionVerb.COLLECTIVE_SUSPENDED)
            .order_by("-created_at")
            .first()
        )
    actions = list(
        Action.objects.filter(
            host_links__collective=collective,
            host_links__role=HostRole.LEAD,
            status__in=WITHHELD_STATUSES,
        )
        .distinct()
        .order_by("-updated_at")
    )
    if actions:
        latest: dict[int, Decision] = {}
        for decision in Decision.objects.filter(
            collective=collective,
            target_kind=ReportTarget.ACTION,
            target_id__in=[action.pk for action in actions],
        ).order_by("-created_at", "-pk"):
            latest.setdefault(decision.target_id, decision)
        news.actions = [WithheldAction(action, latest.get(action.pk)) for action in actions]
    return news


# --- peer vouches, for the verification queue (moderators only) ------------------------------


@dataclass
class SuspendedVouchee:
    """A collective the voucher vouched for that is now suspended."""

    name: str
    suspended_on: datetime | None


@dataclass
class VouchForReview:
    vouch: Vouch
    # The voucher's earlier vouches that went wrong: "vouched for X, suspended on <date>".
    suspended_vouchees: list[SuspendedVouchee] = field(default_factory=list)


def suspended_vouchees(voucher_ids) -> dict[int, list[SuspendedVouchee]]:
    """For each voucher, the collectives it vouched for that are suspended now, with the date
    of their latest suspension (two queries, whatever the number of vouchers)."""
    vouches = list(
        Vouch.objects.filter(
            voucher_id__in=set(voucher_ids), collective__status=CollectiveStatus.SUSPENDED
        )
        .select_related("collective")
        .order_by("collective__name")
    )
    if not vouches:
        return {}
    dates = dict(
        Decision.objects.filter(
            verb=DecisionVerb.COLLECTIVE_SUSPENDED,
            collective_id__in={v.collective_id for v in vouches},
        )
        .values("collective_id")
        .annotate(last=Max("created_at"))
        .values_list("collective_id", "last")
    )
    found: dict[int, list[SuspendedVouchee]] = {}
    for vouch in vouches:
        found.setdefault(vouch.voucher_id, []).append(
            SuspendedVouchee(
                name=vouch.collective.name, suspended_on=dates.get(vouch.collective_id)
            )
        )
    return found


def vouches_for_review(collective_ids) -> dict[int, list[VouchForReview]]:
    """The vouches each of these (pending) collectives received, oldest first, with each
    voucher's record; three queries in all."""
    vouches = list(
        Vouch.objects.filter(collective_id__in=set(collective_ids))
        .select_related("voucher", "author")
        .order_by("created_at", "pk")
    )
    records = suspended_vouchees({vouch.voucher_id for vouch in vouches}) if vouches else {}
    found: dict[int, list[VouchForReview]] = {}
    for vouch in vouches:
        found.setdefault(vouch.collective_id, []).append(
            VouchForReview(vouch=vouch, suspended_vouchees=records.get(vouch.voucher_id, []))
        )
    return found


def moderator_countries(moderator) -> list[str]:
    """The countries a moderator is limited to; empty: every country."""
    if moderator is None:
        return []
    try:
        return list(moderator.moderator_scope.countries or [])
    except ModeratorScope.DoesNotExist:
        return []


def lead_collective(action: Action) -> Collective | None:
    link = action.host_links.select_related("collective").filter(role=HostRole.LEAD).first()
    return link.collective if link else None


def moderator_emails() -> list[str]:
    """Where news for the moderators goes: active staff in the "Moderators" group."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, is_staff=True, groups__name=MODERATORS_GROUP)
        .order_by("pk")
        .values_list("email", flat=True)
        .distinct()
    )


def person_by_public_id(public_id: str):
    """The account a person report names, or None (gone, or not a public id at all)."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        return None
    return get_user_model().objects.filter(public_id=key).first()


def people_by_public_id(public_ids: list[str]) -> list:
    """The accounts several person reports name, in one query (the case list)."""
    keys = []
    for public_id in public_ids:
        try:
            keys.append(uuid.UUID(str(public_id)))
        except ValueError:
            continue
    return list(get_user_model().objects.filter(public_id__in=keys)) if keys else []


def report_target(target_kind: str, target_slug: str):
    """The reported object (any status), or None once it is gone. A person is named by their
    public id (`User.public_id`), everything else by its slug."""
    if target_kind == ReportTarget.PERSON:
        return person_by_public_id(target_slug)
    return TARGET_MODELS[target_kind].objects.filter(slug=target_slug).first()


def case_target(case: ReportCase):
    """The reported object (any status), or None once it is gone."""
    return report_target(case.target_kind, case.target_slug)


def with_targets(cases) -> list[ReportCase]:
    """Cases with their reported record read (`case.target_object`, None once gone): one
    query per kind of target, for a page of the case list and its titles."""
    cases = list(cases)
    slugs: dict[str, set[str]] = {}
    for case in cases:
        slugs.setdefault(case.target_kind, set()).add(case.target_slug)
    found: dict[tuple[str, str], object] = {}
    for kind, kind_slugs in slugs.items():
        if kind == ReportTarget.PERSON:
            for person in people_by_public_id(list(kind_slugs)):
                found[(kind, str(person.public_id))] = person
        elif kind in TARGET_MODELS:
            for target in TARGET_MODELS[kind].objects.filter(slug__in=kind_slugs):
                found[(kind, target.slug)] = target
    for case in cases:
        case.target_object = found.get((case.target_kind, case.target_slug))
    return cases


def case_target_user(case: ReportCase, target=None):
    """The one person a target is tied to (the reported person; an action's or appeal's
    author), or None: a collective or a coalition is a group, so reports about it never suspend
    one of its people by default (moderators can still suspend a user from the users' admin)."""
    if case.target_kind not in (ReportTarget.ACTION, ReportTarget.APPEAL, ReportTarget.PERSON):
        return None
    target = target if target is not None else case_target(case)
    if case.target_kind == ReportTarget.PERSON:
        return target
    return getattr(target, "created_by", None)


def user_is_established(user) -> bool:
    """A verified email address (allauth's record) and an account older than a week."""
    if user is None or not user.is_authenticated:
        return False
    if user.date_joined > timezone.now() - ESTABLISHED_ACCOUNT_AGE:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()
