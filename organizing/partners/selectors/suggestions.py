"""Reads for partner suggestions: the facts scoring needs, and who is excluded from whom.

`partner_suggestions` gathers everything in a fixed number of queries, whatever the number of
collectives (one per kind of fact), hands it to the pure functions of `scoring`, and fetches the
model instances of the ranked page only.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from organizing.actions.models import ActionHost, ActionStatus, HostConsent
from organizing.coalitions.models import CoalitionMembership, CoalitionMembershipStatus
from organizing.collectives.models import Collective, CollectiveKind, CollectiveStatus
from organizing.core.models import Cause

from .. import scoring
from ..models import ExclusionKind, PartnerExclusion, PartnershipProposal, ProposalStatus
from ..scoring import CollectiveFacts, DistanceBand, Front, Suggestion

RECENT_DAYS = 90
# Figures about all collectives (how many are verified, who acted lately) move slowly and cost
# a third of the database time of a call: shared by every call for ten minutes.
WORLD_FIGURES_CACHE_SECONDS = 600
WORLD_FIGURES_KEY = "matching-world-figures-v2"  # a new version when the figures change shape
MAX_QUERIES = 8  # of partner_suggestions, world figures cached (tests hold it to that)
CollectiveCause = Collective.causes.through


def partner_ids(collective_id: int) -> set[int]:
    """Collectives that already share an active coalition with this one."""
    coalition_ids = CoalitionMembership.objects.filter(
        collective_id=collective_id, status=CoalitionMembershipStatus.ACTIVE
    ).values("coalition_id")
    return set(
        CoalitionMembership.objects.filter(
            coalition_id__in=coalition_ids, status=CoalitionMembershipStatus.ACTIVE
        )
        .exclude(collective_id=collective_id)
        .values_list("collective_id", flat=True)
    )


def excluded_ids(collective_id: int) -> set[int]:
    """Never suggested to this collective: its partners, those it dismissed (until the
    dismissal expires), and those blocked either way."""
    now = timezone.now()
    mine = Q(collective_id=collective_id) & (
        Q(kind=ExclusionKind.BLOCKED) | Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )
    blocked_me = Q(other_id=collective_id, kind=ExclusionKind.BLOCKED)
    pairs = PartnerExclusion.objects.filter(mine | blocked_me).values_list(
        "collective_id", "other_id"
    )
    return {b if a == collective_id else a for a, b in pairs} | partner_ids(collective_id)


def blocked_by(collective: Collective) -> list[PartnerExclusion]:
    """The collectives this one blocked, by name (the partners page lists them to unblock)."""
    return list(
        PartnerExclusion.objects.filter(collective=collective, kind=ExclusionKind.BLOCKED)
        .select_related("other")
        .order_by("other__name", "other_id")
    )


@dataclass(frozen=True)
class PartnerSuggestion:
    """One suggestion as the partners page shows it."""

    collective: Collective
    suggestion: Suggestion
    explanation: str
    proposal_pending: bool


def partner_suggestions(
    collective: Collective,
    *,
    distance: DistanceBand | None = None,
    cause: str | None = None,
    kind: str | None = None,
    limit: int = 20,
) -> list[PartnerSuggestion]:
    """The best partners for `collective`, best first: verified collectives open to partners
    sharing at least one of its causes, scored by `scoring.rank`. Filters: at most `distance`
    away (a band), sharing the cause whose slug is `cause` (one of the collective's causes:
    another one matches nothing), of kind `kind`.

    A fixed number of queries, whatever the number of collectives (MAX_QUERIES, with the
    world figures cached): its causes; the verified collectives holding one of them, with those
    causes (one row per collective and cause in common: cause frequencies are counted from the
    same rows); the world figures (the number of verified collectives and recent activity: one
    cache read, refreshed every ten minutes); the kinds of its coalitions; exclusions (two);
    then for the ranked page only, the collectives and pending proposals. See
    bench/partners.py for its speed among 10,000 collectives.
    """
    causes = list(collective.causes.values_list("pk", "slug", "name"))
    if not causes:
        return []
    cause_names = {pk: name for pk, _slug, name in causes}
    wanted_cause = None
    if cause:
        wanted_cause = next((pk for pk, slug, _name in causes if slug == cause), None)
        if wanted_cause is None:
            return []
    figures = _world_figures()
    facts, frequency = _candidate_facts(
        collective,
        list(cause_names),
        kind=kind,
        cause_id=wanted_cause,
        activity=figures["recent_activity"],
    )
    front = Front(
        me=_facts_of(collective, frozenset(cause_names)),
        kinds_in_front=_kinds_in_front(collective),
        excluded_ids=frozenset(excluded_ids(collective.pk)),
        cause_frequency=frequency,
        collective_count=figures["verified_count"],
    )
    ranked = scoring.rank(
        facts,
        front,
        limit=limit,
        max_band=distance if distance is not None else DistanceBand.ELSEWHERE,
    )
    if not ranked:
        return []
    return _page(collective, ranked, cause_names=cause_names)


def _facts_of(collective: Collective, cause_ids: frozenset[int]) -> CollectiveFacts:
    return CollectiveFacts(
        id=collective.pk,
        name=collective.name,
        kind=collective.kind,
        cause_ids=cause_ids,
        country=str(collective.country or ""),
        region_code=collective.region_code,
        city=collective.city,
        latitude=collective.latitude,
        longitude=collective.longitude,
    )


def _candidate_facts(
    collective: Collective,
    my_cause_ids: list[int],
    *,
    kind: str | None,
    cause_id: int | None,
    activity: dict[int, int],
) -> tuple[Iterator[CollectiveFacts], dict[int, int]]:
    """The candidates as scoring sees them (made one at a time, as rank() consumes them), and
    how many verified collectives hold each of my causes.

    Both come from one query over the causes table joined to the collectives: a row per
    verified collective and cause we have in common (their other causes are not read: scoring
    only looks at the causes in common). The filters (open to partners, kind, cause) apply here
    rather than in SQL, since every row counts for the frequencies: cheaper than a second
    query. Made for thousands of rows: causes in common as a bit mask, one frozenset per
    distinct set, and no list of facts (fewer objects: fewer garbage-collector passes)."""
    rows = CollectiveCause.objects.filter(
        cause_id__in=my_cause_ids,
        collective__status=CollectiveStatus.VERIFIED,
    ).values_list(
        "collective_id",
        "cause_id",
        "collective__open_to_partners",
        "collective__name",
        "collective__kind",
        "collective__country",
        "collective__region_code",
        "collective__city",
        "collective__latitude",
        "collective__longitude",
    )
    bits = {cause: 1 << position for position, cause in enumerate(my_cause_ids)}
    frequency = dict.fromkeys(my_cause_ids, 0)
    first_rows, masks = {}, {}
    for row in rows:
        frequency[row[1]] += 1
        if (mask := masks.get(row[0])) is None:
            first_rows[row[0]], masks[row[0]] = row, bits[row[1]]
        else:
            masks[row[0]] = mask | bits[row[1]]
    cause_sets = {
        mask: frozenset(c for c, bit in bits.items() if mask & bit) for mask in set(masks.values())
    }
    wanted = bits.get(cause_id, 0) if cause_id is not None else 0

    def facts() -> Iterator[CollectiveFacts]:
        for (
            pk,
            _cause,
            is_open,
            name,
            kind_,
            country,
            region,
            city,
            lat,
            lng,
        ) in first_rows.values():
            mask = masks[pk]
            if not is_open or (kind and kind_ != kind) or (mask & wanted) != wanted:
                continue
            yield CollectiveFacts(
                pk,
                name,
                kind_,
                cause_sets[mask],
                country or "",
                region,
                city,
                lat,
                lng,
                activity.get(pk, 0),
            )

    return facts(), frequency


def _world_figures() -> dict:
    """Figures about all verified collectives, cached: how many there are and who acted
    lately (rarer causes weigh more; activity counts for a little)."""
    figures = cache.get(WORLD_FIGURES_KEY)
    if figures is None:
        figures = {
            "verified_count": Collective.objects.verified().count(),
            "recent_activity": _recent_activity(),
        }
        cache.set(WORLD_FIGURES_KEY, figures, WORLD_FIGURES_CACHE_SECONDS)
    return figures


def _recent_activity() -> dict[int, int]:
    """Collective id -> published actions it hosts (accepted) that started in the last 90
    days, for every collective that has any: the recent actions are far fewer rows than the
    candidates, so this beats restricting them to the candidates."""
    now = timezone.now()
    return dict(
        ActionHost.objects.filter(
            consent=HostConsent.ACCEPTED,
            action__status=ActionStatus.PUBLISHED,
            action__starts_at__gte=now - dt.timedelta(days=RECENT_DAYS),
            action__starts_at__lte=now,
        )
        .order_by()
        .values("collective_id")
        .annotate(count=Count("pk"))
        .values_list("collective_id", "count")
    )


def _kinds_in_front(collective: Collective) -> frozenset[str]:
    """Its own kind and the kinds of the active members of its active coalitions."""
    my_coalitions = CoalitionMembership.objects.filter(
        collective=collective, status=CoalitionMembershipStatus.ACTIVE
    ).values("coalition_id")
    kinds = (
        CoalitionMembership.objects.filter(
            coalition_id__in=my_coalitions,
            status=CoalitionMembershipStatus.ACTIVE,
        )
        .order_by()
        .values_list("collective__kind", flat=True)
        .distinct()
    )
    return frozenset({collective.kind, *kinds})


def _pending_with(collective: Collective) -> set[int]:
    """Collectives with a pending proposal to or from this one."""
    rows = PartnershipProposal.objects.filter(
        Q(from_collective=collective) | Q(to_collective=collective),
        status=ProposalStatus.PENDING,
    ).values_list("from_collective_id", "to_collective_id")
    return {other for pair in rows for other in pair if other != collective.pk}


def _page(
    collective: Collective, ranked: list[Suggestion], *, cause_names
) -> list[PartnerSuggestion]:
    ids = [suggestion.collective.id for suggestion in ranked]
    instances = Collective.objects.in_bulk(ids)
    pending = _pending_with(collective)
    kind_labels = dict(CollectiveKind.choices)
    return [
        PartnerSuggestion(
            collective=instances[suggestion.collective.id],
            suggestion=suggestion,
            explanation=scoring.explain(
                suggestion, cause_names=cause_names, kind_labels=kind_labels
            ),
            proposal_pending=suggestion.collective.id in pending,
        )
        for suggestion in ranked
        if suggestion.collective.id in instances
    ]


def suggestion_causes(collective: Collective) -> list[Cause]:
    """The collective's causes, by name: the partners page filters on them."""
    return list(collective.causes.order_by("name"))
