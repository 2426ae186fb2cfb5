"""Partner suggestions, scored by pure functions: no database here, so that every rule can be
unit-tested and explained. The selector that feeds them (one query per kind of fact) comes with
the partners page (issue 6).

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

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum

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


@dataclass(frozen=True)
class CollectiveFacts:
    """What scoring knows of a collective."""

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
    a = (math.sin((phi2 - phi1) / 2) ** 2
         + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(a, 1.0)))


def distance_between(a: CollectiveFacts, b: CollectiveFacts) -> tuple[float | None, DistanceBand]:
    """The distance (when both have coordinates) and its band. Without coordinates, the same
    region or country still counts."""
    km = None
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)
    same_country = bool(a.country) and a.country == b.country
    if km is not None and km <= SAME_CITY_KM:
        return km, DistanceBand.SAME_CITY
    if km is None and same_country and a.city and a.city == b.city:
        return km, DistanceBand.SAME_CITY
    same_region = same_country and bool(a.region_code) and a.region_code == b.region_code
    if same_region or (km is not None and km <= SAME_REGION_KM):
        return km, DistanceBand.SAME_REGION
    if same_country:
        return km, DistanceBand.SAME_COUNTRY
    return km, DistanceBand.ELSEWHERE


def cause_weight(cause_id: int, front: Front) -> float:
    """Rarer causes weigh more: log(1 + N / holders), at least a little for any shared cause."""
    holders = max(front.cause_frequency.get(cause_id, 1), 1)
    return math.log1p(front.collective_count / holders)


def activity_points(recent_actions: int) -> float:
    """Some activity matters much, a lot of it only a little more."""
    return ACTIVITY_POINTS_MAX * (1 - 1 / (1 + recent_actions))


def score(candidate: CollectiveFacts, front: Front) -> Suggestion | None:
    """The candidate as a suggestion, or None when it must not be suggested (itself, an
    excluded collective, or nothing in common at all)."""
    if candidate.id == front.me.id or candidate.id in front.excluded_ids:
        return None
    shared = sorted(candidate.cause_ids & front.me.cause_ids,
                    key=lambda cause_id: (-cause_weight(cause_id, front), cause_id))
    if not shared:
        return None  # a united front starts from a shared demand
    km, band = distance_between(front.me, candidate)
    new_kind = candidate.kind not in front.kinds_in_front
    points = (sum(cause_weight(cause_id, front) for cause_id in shared)
              + DISTANCE_POINTS[band]
              + (NEW_KIND_POINTS if new_kind else 0.0)
              + activity_points(candidate.recent_actions))
    return Suggestion(collective=candidate, score=round(points, 6), shared_cause_ids=tuple(shared),
                      distance_km=km, band=band, brings_new_kind=new_kind)


def rank(candidates: Iterable[CollectiveFacts], front: Front, *,
         limit: int = 20) -> list[Suggestion]:
    """The best suggestions first (ties: more shared causes, then nearer, then by name)."""
    suggestions = [s for c in candidates if (s := score(c, front)) is not None]
    suggestions.sort(key=lambda s: (-s.score, -len(s.shared_cause_ids), s.band,
                                    s.collective.name, s.collective.id))
    return suggestions[:limit]


def explain(suggestion: Suggestion, *, cause_names: Mapping[int, str],
            kind_labels: Mapping[str, str]) -> str:
    """Why, in words: "shares 3 demands (ceasefire, end arms sales, anti-racism) · 4 km away ·
    Trade union: none in your coalitions yet"."""
    shared = suggestion.shared_cause_ids
    names = ", ".join(cause_names.get(cause_id, "?") for cause_id in shared)
    parts = [ngettext("shares %(count)d demand (%(names)s)", "shares %(count)d demands (%(names)s)",
                      len(shared)) % {"count": len(shared), "names": names}]
    if where := _where(suggestion):
        parts.append(where)
    if suggestion.brings_new_kind:
        kind = suggestion.collective.kind
        parts.append(_("%(kind)s: none in your coalitions yet") % {
            "kind": kind_labels.get(kind, kind)})
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
