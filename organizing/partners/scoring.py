"""Partner suggestions, scored by pure functions: no database here, so that every rule can be
unit-tested and explained. The selector that feeds them (one query per kind of fact) is
`partners.selectors.suggestions.partner_suggestions`.

A suggestion weighs four things:
- shared causes: each shared cause counts for more when few collectives hold it (an inverse
  document frequency, as in text search: "ceasefire" is shared by many, "end arms sales" by few);
- distance: the same city, the same region, the same country, elsewhere (bands, not kilometres:
  organizers think in "can we march together");
- complementary kinds: a kind that neither the collective nor its coalitions have yet broadens
  the front (a union, a student group, a Jewish organization, a diaspora association...);
- recent activity: actions in the last 90 days, with diminishing returns.
Existing partners, dismissed and blocked collectives are never suggested.
"""

import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organizing.places.selectors import EARTH_RADIUS_KM

SAME_CITY_KM = 25
SAME_REGION_KM = 150

# Weights: a shared rare cause is worth about as much as being in the same city.
DISTANCE_POINTS = {0: 3.0, 1: 2.0, 2: 1.0, 3: 0.0}
NEW_KIND_POINTS = 2.0
ACTIVITY_POINTS_MAX = 1.5


class DistanceBand(IntEnum):
    SAME_CITY = 0
    SAME_REGION = 1
    SAME_COUNTRY = 2
    ELSEWHERE = 3


class CollectiveFacts(NamedTuple):
    """What scoring knows of a collective. A named tuple rather than a frozen dataclass: the
    selector makes thousands of them per page, and a named tuple is made five times faster."""

    id: int
    name: str
    kind: str
    cause_ids: frozenset[int]
    country: str = ""
    region_code: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    recent_actions: int = 0


@dataclass(frozen=True)
class Front:
    """The collective asking for partners, with what surrounds it."""

    me: CollectiveFacts
    kinds_in_front: frozenset[str]  # its own kind and its coalitions' members' kinds
    excluded_ids: frozenset[int]  # partners already, dismissed, blocked (either way)
    cause_frequency: Mapping[int, int]  # cause id -> how many collectives hold it
    collective_count: int


@dataclass(frozen=True)
class Suggestion:
    collective: CollectiveFacts
    score: float
    shared_cause_ids: tuple[int, ...]  # rarest first
    distance_km: float | None
    band: DistanceBand
    brings_new_kind: bool
    reasons: tuple[str, ...] = field(default=())


def great_circle_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(a, 1.0)))


def distance_between(a: CollectiveFacts, b: CollectiveFacts) -> tuple[float | None, DistanceBand]:
    """The distance (when both have coordinates) and its band. Without coordinates, the same
    region or country still counts."""
    km = None
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)
    return km, _band(a, b, km)


def _band(a: CollectiveFacts, b: CollectiveFacts, km: float | None) -> DistanceBand:
    """The band, given the distance (None: unknown, math.inf: known to be beyond a region)."""
    same_country = bool(a.country) and a.country == b.country
    if km is not None and km <= SAME_CITY_KM:
        return DistanceBand.SAME_CITY
    if km is None and same_country and a.city and a.city == b.city:
        return DistanceBand.SAME_CITY
    same_region = same_country and bool(a.region_code) and a.region_code == b.region_code
    if same_region or (km is not None and km <= SAME_REGION_KM):
        return DistanceBand.SAME_REGION
    if same_country:
        return DistanceBand.SAME_COUNTRY
    return DistanceBand.ELSEWHERE


# The latitude difference alone is a lower bound of the great-circle distance: beyond this
# (with a margin for rounding), a candidate is too far for any band measured in kilometres.
_KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
FAR_DEGREES = SAME_REGION_KM * 1.001 / _KM_PER_DEGREE


def _band_quickly(a: CollectiveFacts, b: CollectiveFacts) -> DistanceBand:
    """Same as distance_between(a, b)[1], skipping the trigonometry for the many candidates
    that are obviously far (rank() runs this for thousands of them)."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return _band(a, b, None)
    if abs(a.latitude - b.latitude) > FAR_DEGREES:
        if not a.country or a.country != b.country:
            return DistanceBand.ELSEWHERE  # what _band(a, b, math.inf) says, sooner
        return _band(a, b, math.inf)
    return _band(a, b, great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude))


def cause_weight(cause_id: int, front: Front) -> float:
    """Rarer causes weigh more: log(1 + N / holders), at least a little for any shared cause."""
    holders = max(front.cause_frequency.get(cause_id, 1), 1)
    return math.log1p(front.collective_count / holders)


def activity_points(recent_actions: int) -> float:
    """Some activity matters much, a lot of it only a little more."""
    return ACTIVITY_POINTS_MAX * (1 - 1 / (1 + recent_actions))


def _shared_causes(
    shared: Iterable[int], weights: Mapping[int, float]
) -> tuple[tuple[int, ...], float]:
    """The causes in common, rarest first, and the points they bring."""
    ordered = tuple(sorted(shared, key=lambda cause_id: (-weights[cause_id], cause_id)))
    return ordered, sum(weights[cause_id] for cause_id in ordered)


def _base_points(cause_points: float, band: DistanceBand, new_kind: bool) -> float:
    return cause_points + DISTANCE_POINTS[band] + (NEW_KIND_POINTS if new_kind else 0.0)


def _points(base_points: float, activity: float) -> float:
    """The score: one sum, always in the same order, so that score() and rank() agree."""
    return round(base_points + activity, 6)


def score(candidate: CollectiveFacts, front: Front) -> Suggestion | None:
    """The candidate as a suggestion, or None when it must not be suggested (itself, an
    excluded collective, or nothing in common at all)."""
    if candidate.id == front.me.id or candidate.id in front.excluded_ids:
        return None
    common = candidate.cause_ids & front.me.cause_ids
    if not common:
        return None  # a united front starts from a shared demand
    shared, cause_points = _shared_causes(
        common, {cause_id: cause_weight(cause_id, front) for cause_id in common}
    )
    km, band = distance_between(front.me, candidate)
    new_kind = candidate.kind not in front.kinds_in_front
    points = _points(
        _base_points(cause_points, band, new_kind), activity_points(candidate.recent_actions)
    )
    return Suggestion(
        collective=candidate,
        score=points,
        shared_cause_ids=shared,
        distance_km=km,
        band=band,
        brings_new_kind=new_kind,
    )


def rank(
    candidates: Iterable[CollectiveFacts],
    front: Front,
    *,
    limit: int = 20,
    max_band: DistanceBand = DistanceBand.ELSEWHERE,
) -> list[Suggestion]:
    """The best suggestions first (ties: more shared causes, then nearer, then by name), at
    most `max_band` away.

    The same as scoring every candidate and sorting, made fast for thousands of candidates:
    each candidate's score is computed with the same functions, in the same order (so to the
    same float), but without building a Suggestion; the weights of a set of shared causes are
    computed once per set (equal sets are best passed as the same frozenset: its hash is then
    computed once); a candidate is kept only if it scores at least the `limit`-th best score
    so far, and only the best `limit` become Suggestions, through score()."""
    if limit <= 0:
        return []
    me, excluded, kinds = front.me, front.excluded_ids, front.kinds_in_front
    best_points: list[float] = []  # a min-heap of the best `limit` scores so far
    bases: dict[tuple, float] = {}  # (causes, band, new kind) -> points before activity
    activities: dict[int, float] = {}
    weights = {cause_id: cause_weight(cause_id, front) for cause_id in me.cause_ids}
    # A candidate's causes -> those in common, rarest first, and their points ((), 0 if none).
    by_causes: dict[frozenset[int], tuple[tuple[int, ...], float]] = {}
    keyed = []
    for position, candidate in enumerate(candidates):
        if candidate.id == me.id or candidate.id in excluded:
            continue
        if (shared := by_causes.get(candidate.cause_ids)) is None:
            common = candidate.cause_ids & me.cause_ids
            shared = by_causes[candidate.cause_ids] = (
                _shared_causes(common, weights) if common else ((), 0.0)
            )
        if not shared[0]:
            continue
        band = _band_quickly(me, candidate)
        if band > max_band:
            continue
        new_kind = candidate.kind not in kinds
        key = (candidate.cause_ids, band, new_kind)
        if (base := bases.get(key)) is None:
            base = bases[key] = _base_points(shared[1], band, new_kind)
        if (activity := activities.get(candidate.recent_actions)) is None:
            activity = activities[candidate.recent_actions] = activity_points(
                candidate.recent_actions
            )
        points = _points(base, activity)
        if len(best_points) < limit:
            heapq.heappush(best_points, points)
        elif points >= best_points[0]:
            heapq.heappushpop(best_points, points)
        else:
            continue  # worse than `limit` candidates already seen
        keyed.append(
            (-points, -len(shared[0]), band, candidate.name, candidate.id, position, candidate)
        )
    best = heapq.nsmallest(limit, keyed, key=lambda row: row[:6])
    return [score(row[-1], front) for row in best]


def explain(
    suggestion: Suggestion, *, cause_names: Mapping[int, str], kind_labels: Mapping[str, str]
) -> str:
    """Why, in words: "shares 3 demands (ceasefire, end arms sales, anti-racism) · 4 km away ·
    Trade union: none in your coalitions yet"."""
    shared = suggestion.shared_cause_ids
    names = ", ".join(cause_names.get(cause_id, "?") for cause_id in shared)
    parts = [
        ngettext(
            "shares %(count)d demand (%(names)s)",
            "shares %(count)d demands (%(names)s)",
            len(shared),
        )
        % {"count": len(shared), "names": names}
    ]
    if where := _where(suggestion):
        parts.append(where)
    if suggestion.brings_new_kind:
        kind = suggestion.collective.kind
        parts.append(
            _("%(kind)s: none in your coalitions yet") % {"kind": kind_labels.get(kind, kind)}
        )
    return " · ".join(parts)


def _where(suggestion: Suggestion) -> str:
    km = suggestion.distance_km
    if km is not None and km < 1:
        return _("under 1 km away")
    if km is not None and suggestion.band != DistanceBand.ELSEWHERE:
        return _("%(km)d km away") % {"km": round(km)}
    return {
        DistanceBand.SAME_CITY: _("in your city"),
        DistanceBand.SAME_REGION: _("in your region"),
        DistanceBand.SAME_COUNTRY: _("in your country"),
    }.get(suggestion.band, "")
