"""Benchmark of the gazetteer: full GeoNames import, then 200 mixed place-name searches.

    .venv/bin/python bench/gazetteer_search.py [--fresh]

Uses DATABASE_URL when set, else its own SQLite file var/bench/gazetteer.sqlite3 (--fresh deletes
that file first, so that the import is timed from scratch). Imports the cities when the table is
empty; otherwise it times the idempotent re-run instead. Runs with DEBUG off, as in production.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

from report import database, machine

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DB = BASE_DIR / "var" / "bench" / "gazetteer.sqlite3"

# The mix: prefixes as typed in an autocomplete, whole names (with qualifiers), other scripts.
QUERIES = {
    "prefix": ["par", "ber", "lon", "tok", "mont", "san j", "new y", "dus", "nic", "kar"],
    "full name": [
        "Paris", "Paris, France", "Paris, Texas", "Montreal", "Düsseldorf", "Umm al-Fahm",
        "New York City", "Ottawa", "Santiago", "Islamabad",
    ],
    "non-Latin": ["東京", "Λευκωσία", "Москва", "القاهرة", "서울", "ニコシア", "תל אביב", "北京"],
}  # fmt: skip
SHORT = ["sa", "ma", "be"]  # two letters: the slowest case, reported apart
RUNS = 200


def setup_django(fresh: bool) -> None:
    if "DATABASE_URL" not in os.environ:
        if fresh:
            BENCH_DB.unlink(missing_ok=True)
        BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DB}"
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "organizing.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def import_cities() -> str:
    from django.core.management import call_command

    from organizing.places.models import City

    call_command("migrate", "places", verbosity=0)
    what = "full import" if not City.objects.exists() else "re-run on imported data"
    started = time.perf_counter()
    call_command("import_places", "--quiet")
    seconds = time.perf_counter() - started
    return f"{what}: {seconds:.1f} s ({City.objects.count():,} cities)"


def time_searches(queries: list[str], runs: int) -> list[float]:
    from organizing.places.selectors import city_search

    timings = []
    for index in range(runs):
        started = time.perf_counter()
        city_search(queries[index % len(queries)])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def summary(timings: list[float]) -> str:
    p95 = statistics.quantiles(timings, n=20)[-1]
    return f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, n={len(timings)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="recreate the benchmark SQLite file")
    setup_django(parser.parse_args().fresh)
    from django.db import connection

    print(f"Gazetteer benchmark, {datetime.date.today()}, {machine()}")
    print(database(connection))
    print(import_cities())
    mixed = [query for group in QUERIES.values() for query in group]
    time_searches(mixed, 50)  # warm-up: connection, caches of the qualifier tables
    print(f"{RUNS} mixed searches: {summary(time_searches(mixed, RUNS))}")
    for group, queries in QUERIES.items():
        print(f"  {group}: {summary(time_searches(queries, RUNS // 2))}")
    print(f"two-letter prefixes {SHORT}: {summary(time_searches(SHORT, 30))}")


if __name__ == "__main__":
    main()
