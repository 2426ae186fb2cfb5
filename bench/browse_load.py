"""Load benchmark of "browse actions near you": the browse page, the JSON API and the iCal feed
around a large city, next to a constant 20 KB page (the floor), at 10k, 100k and 1M actions.

    .venv/bin/python bench/browse_load.py [--scales 10000,100000,1000000] [--reuse]
        [--postgres postgres://postgres@127.0.0.1:5432] [--duration 20] [--connections 16]

Per scale (actions; collectives = actions / 10): a dedicated PostgreSQL database
convergence_bench_<scale>, dropped and recreated unless --reuse finds exactly that scale in it;
migrate, import_places, generate_sample_data (seed 2026), createcachetable, VACUUM ANALYZE (as
autovacuum would after a bulk load: index-only scans need the visibility map). Then
gunicorn (2 sync workers, DEBUG off, no access log, bench.settings: the project's settings plus
the floor view's URL) on a free port of 127.0.0.1, and for each URL: a check that it answers 200
(a 404 is reported as "missing" and not loaded), a 3 s warm-up, then `wrk --latency` at 16
connections for 20 s. URLs run one after the other, the floor first. Each page runs twice:
as is ("browse"), repeating one search as the visitors of one city do, so that anonymous
requests are mostly answered by the page cache (organizing/core/page_cache.py); and as a miss
("browse-miss"), with a unique, ignored query parameter on every request, so that each one
misses the cache and is built from the database, as when many different searches come in.

The place is the most populous city of the gazetteer whose "Name, CC" the place search resolves
to itself (Shanghai, CN with GeoNames' cities5000). The sample data is spread by population, so
it is also among the densest places; the run prints how many sample actions are within 50 km.

Results are printed and merged into bench/results/browse_load.txt: the rows of the scales run are
replaced, the others kept, then the targets are checked again on the whole table (PASS/FAIL):
the browse page at 100k serves at least half the floor's requests per second with a p99 of at
most 100 ms, and p99 at 1M is at most 1.5 times p99 at 100k.
"""

import argparse
import datetime
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from report import machine

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results" / "browse_load.txt"
LOG_DIR = BASE_DIR / "var" / "bench"
SEED = 2026
RADIUS_KM = 50
WARM_UP_SECONDS = 3
WRK_THREADS = 2
NAMES = ("floor", "browse", "api", "feed", "browse-miss", "api-miss", "feed-miss")
# Targets of issue 5.
MIN_FLOOR_RATIO, MAX_BROWSE_P99_MS, MAX_P99_GROWTH = 0.5, 100.0, 1.5
TARGET_SCALE, LARGE_SCALE = 100_000, 1_000_000
SAMPLE_SOURCE_TITLE = "Sample data (generate_sample_data)"  # as in organizing/pages/sample_data.py

# Printed as JSON by `manage.py shell`: the place to load and how many sample actions are near.
PLACE_PROBE = f"""
import json
from organizing.pages.services.sample_data import sample_actions
from organizing.places.models import City
from organizing.places.selectors import city_search, near
for city in City.objects.order_by("-population", "geonameid")[:20]:
    place = f"{{city.name}}, {{city.country.code}}"
    found = city_search(place, limit=1)
    if found and found[0].pk == city.pk:
        break
around = near(sample_actions(), lat=city.latitude, lng=city.longitude, km={RADIUS_KM},
              lat_field="public_latitude", lng_field="public_longitude")
print(json.dumps({{"place": place, "within": around.count(),
                  "upcoming_public": around.public().upcoming().count()}}))
"""


@dataclass
class Row:
    """One URL at one scale, as in the results table."""

    scale: int
    name: str
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    ratio: float | None = None
    size: int | None = None
    note: str = ""
    measured: str = ""

    def cells(self) -> list[str]:
        def number(value, digits):
            return "" if value is None else f"{value:,.{digits}f}"

        return [
            f"{self.scale:,}",
            self.name,
            number(self.rps, 1),
            number(self.p50_ms, 1),
            number(self.p99_ms, 1),
            number(self.ratio, 2),
            "" if self.size is None else f"{self.size:,}",
            self.note,
            self.measured,
        ]

    @classmethod
    def from_cells(cls, cells: list[str]) -> "Row":
        def number(text):
            return float(text.replace(",", "")) if text else None

        scale, name, rps, p50, p99, ratio, size, note, measured = cells
        return cls(
            int(scale.replace(",", "")),
            name,
            number(rps),
            number(p50),
            number(p99),
            number(ratio),
            int(size.replace(",", "")) if size else None,
            note,
            measured,
        )


# PostgreSQL and Django


def django_env(database_url: str) -> dict[str, str]:
    """Production settings from the environment, as a deployment sets them, except plain HTTP
    on 127.0.0.1 (no SSL redirect, no secure-only cookies) and no broker (reads queue nothing)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CELERY_BROKER_URL", "CACHE_URL", "STATICFILES_MANIFEST")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        CONN_MAX_AGE="60",  # persistent connections, as .env.example recommends
        EMAIL_URL="consolemail://",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def admin_query(postgres: str, database: str, sql: str, *, fetch: bool = False):
    import psycopg

    with psycopg.connect(f"{postgres}/{database}", autocommit=True) as connection:
        rows = connection.execute(sql)
        return rows.fetchall() if fetch else None


def sample_counts(postgres: str, database: str) -> tuple[int, int] | None:
    """(sample actions, sample collectives) in the database, or None when it is not usable."""
    import psycopg

    title = SAMPLE_SOURCE_TITLE.replace("'", "''")
    marked = f"source_title = '{title}' AND slug LIKE 'sample-%'"
    try:
        return admin_query(
            postgres,
            database,
            f"""
            SELECT (SELECT count(*) FROM actions_action WHERE {marked}),
                   (SELECT count(*) FROM collectives_collective WHERE {marked})""",
            fetch=True,
        )[0]
    except psycopg.Error:
        return None


def prepare_database(postgres: str, scale: int, *, reuse: bool) -> tuple[dict[str, str], list]:
    """A database holding exactly `scale` sample actions; the steps and their times."""
    database = f"convergence_bench_{scale}"
    env = django_env(f"{postgres}/{database}")
    steps = []

    def step(label, *args):
        started = time.perf_counter()
        output = manage(env, *args)
        steps.append(f"{label} {time.perf_counter() - started:.1f} s")
        return output

    if reuse and sample_counts(postgres, database) == (scale, scale // 10):
        step("migrate", "migrate", "--noinput", "-v", "0")
        steps.append("data reused")
    else:
        admin_query(postgres, "postgres", f'DROP DATABASE IF EXISTS "{database}"')
        admin_query(postgres, "postgres", f'CREATE DATABASE "{database}"')
        step("migrate", "migrate", "--noinput", "-v", "0")
        step("import_places", "import_places", "--quiet")
        generated = step(
            "generate_sample_data",
            "generate_sample_data",
            "--actions",
            str(scale),
            "--collectives",
            str(scale // 10),
            "--seed",
            str(SEED),
            "-v",
            "0",
        )
        steps.append(generated.strip().splitlines()[0].rstrip("."))
    step("createcachetable", "createcachetable")
    started = time.perf_counter()
    admin_query(postgres, database, "VACUUM ANALYZE")
    steps.append(f"VACUUM ANALYZE {time.perf_counter() - started:.1f} s")
    return env, steps


def probe_place(env: dict[str, str]) -> dict:
    import json

    output = manage(env, "shell", "-v", "0", "-c", PLACE_PROBE)
    return json.loads(next(line for line in reversed(output.splitlines()) if line.startswith("{")))


# Serving and loading


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """gunicorn, 2 sync workers; no access log (its default); errors go to `log`."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "organizing.wsgi:application",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    with log.open("w") as output:
        server = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while probe(f"http://127.0.0.1:{port}/bench/floor/")[0] != 200:
        if server.poll() is not None or time.monotonic() > deadline:
            stop(server)
            sys.exit(f"gunicorn did not start; see {log}:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
    return server


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def probe(url: str) -> tuple[int, int]:
    """(status, body size); status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0
    except OSError:
        return 0, 0


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


# wrk script that makes every request unique (an extra query parameter, which the search ignores
# but the page cache's key includes): each one is a cache miss, built from the database.
CACHE_MISS_LUA = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local counter = 0
function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "&bench-miss=" .. id .. "-" .. counter)
end
"""


def wrk(url: str, *, connections: int, seconds: int, script: Path | None = None) -> dict:
    options = ["-s", str(script)] if script else []
    output = subprocess.run(
        [
            "wrk",
            "-t",
            str(WRK_THREADS),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            *options,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * UNITS_MS[unit]

    errors = re.search(r"Socket errors: (.*)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    notes = [
        f"socket errors: {errors.group(1)}" if errors else "",
        f"non-2xx: {non_2xx.group(1)}" if non_2xx else "",
    ]
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "note": "; ".join(note for note in notes if note),
    }


def load_scale(env: dict[str, str], scale: int, place: str, args) -> list[Row]:
    port = free_port()
    log = LOG_DIR / f"gunicorn-{scale}.log"
    query = urlencode({"place": place, "radius": RADIUS_KM})
    pages = {
        "browse": f"/actions/?{query}",
        "api": f"/api/v1/actions/?{query}",
        "feed": f"/actions/feed.ics?{query}",
    }
    paths = {
        "floor": "/bench/floor/",
        **pages,
        **{f"{name}-miss": path for name, path in pages.items()},
    }
    miss_script = LOG_DIR / "cache-miss.lua"
    miss_script.write_text(CACHE_MISS_LUA)
    today = datetime.date.today().isoformat()
    server = start_gunicorn(env, port, log)
    rows = []
    try:
        for name, path in paths.items():
            url = f"http://127.0.0.1:{port}{path}"
            miss = name.endswith("-miss")
            status, size = probe(f"{url}&bench-miss=probe" if miss else url)
            if status != 200:
                note = "missing (404)" if status == 404 else f"not loaded: status {status}"
                rows.append(Row(scale, name, note=note, measured=today))
                print(f"  {name:11} {path}: {note}")
                continue
            script = miss_script if miss else None
            wrk(url, connections=args.connections, seconds=WARM_UP_SECONDS, script=script)
            result = wrk(url, connections=args.connections, seconds=args.duration, script=script)
            rows.append(Row(scale, name, size=size, measured=today, **result))
            print(
                f"  {name:11} {path}: {result['rps']:.1f} req/s, p50 {result['p50_ms']:.1f} ms,"
                f" p99 {result['p99_ms']:.1f} ms, {size:,} bytes {result['note']}"
            )
    finally:
        stop(server)
    floor = rows[0].rps
    for row in rows:
        row.ratio = row.rps / floor if row.rps and floor else None
    return rows


# Results


TABLE_HEADER = [
    "actions",
    "url",
    "req/s",
    "p50 ms",
    "p99 ms",
    "x floor",
    "bytes",
    "notes",
    "measured",
]


def previous_results() -> tuple[list[Row], list[str]]:
    """The table rows and the per-scale detail lines ("[scale] ...") of the results file."""
    if not RESULTS.exists():
        return [], []
    rows, details = [], []
    for line in RESULTS.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == len(TABLE_HEADER) and cells[0][:1].isdigit():
            rows.append(Row.from_cells(cells))
        elif re.match(r"\[[\d,]+\] ", line):
            details.append(line)
    return rows, details


def targets(rows: list[Row]) -> list[str]:
    """The issue's targets, for the browse page as visitors get it (repeated searches are
    served by the page cache) and for cache misses (every page built from the database)."""
    found = {(row.scale, row.name): row for row in rows}
    lines = []
    floor = found.get((TARGET_SCALE, "floor"))
    for name in ("browse", "browse-miss"):
        page = found.get((TARGET_SCALE, name))
        if not (page and page.rps and floor and floor.rps):
            lines.append(f"n/a  {name} at {TARGET_SCALE:,}: not measured")
            continue
        ok = page.rps >= MIN_FLOOR_RATIO * floor.rps and page.p99_ms <= MAX_BROWSE_P99_MS
        lines.append(
            f"{'PASS' if ok else 'FAIL'} {name} at {TARGET_SCALE:,}: {page.rps:.1f} req/s"
            f" = {page.rps / floor.rps:.2f} x floor (target >= {MIN_FLOOR_RATIO}),"
            f" p99 {page.p99_ms:.1f} ms (target <= {MAX_BROWSE_P99_MS:.0f} ms)"
        )
    for name in NAMES[1:]:
        base, large = found.get((TARGET_SCALE, name)), found.get((LARGE_SCALE, name))
        if not (base and base.p99_ms and large and large.p99_ms):
            lines.append(f"n/a  {name} p99 at {LARGE_SCALE:,} vs {TARGET_SCALE:,}: not measured")
            continue
        ok = large.p99_ms <= MAX_P99_GROWTH * base.p99_ms
        lines.append(
            f"{'PASS' if ok else 'FAIL'} {name} p99 at {LARGE_SCALE:,} = {large.p99_ms:.1f} ms"
            f" = {large.p99_ms / base.p99_ms:.2f} x p99 at {TARGET_SCALE:,}"
            f" (target <= {MAX_P99_GROWTH})"
        )
    return lines


def write_results(rows: list[Row], details: list[str], header: list[str]) -> None:
    lines = [
        *header,
        "",
        "| " + " | ".join(TABLE_HEADER) + " |",
        "|---:|---|---:|---:|---:|---:|---:|---|---|",
    ]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    lines += ["", "Targets:", *targets(rows), "", "Runs (data build, place):", *details, ""]
    RESULTS.write_text("\n".join(lines))


def postgres_version(postgres: str) -> str:
    return admin_query(postgres, "postgres", "SHOW server_version", fetch=True)[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scales",
        default="10000,100000,1000000",
        help="actions per run, comma-separated (default 10000,100000,1000000)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a database that already holds exactly the scale's sample data",
    )
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="server URL without a database name",
    )
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per URL")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    args = parser.parse_args()
    scales = [int(scale) for scale in args.scales.split(",")]
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    header = [
        "Browse load: gunicorn (2 sync workers, DEBUG off, CONN_MAX_AGE=60) on PostgreSQL "
        f"{postgres_version(args.postgres)}, wrk -t{WRK_THREADS} -c{args.connections} "
        f"-d{args.duration}s --latency on the same machine.",
        f"Last run {datetime.date.today()}: {machine()}.",
        f"Command: .venv/bin/python bench/browse_load.py --scales {args.scales}"
        f"{' --reuse' if args.reuse else ''}",
        f"Place: the most populous city of the gazetteer, radius {RADIUS_KM} km; 'x floor' is "
        "req/s over the floor's (constant 20 KB page) at the same scale.",
    ]
    print(*header, sep="\n")
    # DEBUG off serves static files from the hashed manifest: collect them first.
    manage(django_env(f"{args.postgres}/postgres"), "collectstatic", "--noinput", "-v", "0")
    rows, details = previous_results()
    for scale in scales:
        print(f"\n== {scale:,} actions, {scale // 10:,} collectives ==")
        env, steps = prepare_database(args.postgres, scale, reuse=args.reuse)
        print("  " + "; ".join(steps))
        place = probe_place(env)
        print(
            f"  place {place['place']}: {place['within']:,} sample actions within {RADIUS_KM} km,"
            f" {place['upcoming_public']:,} of them public and upcoming"
        )
        scale_rows = load_scale(env, scale, place["place"], args)
        rows = [row for row in rows if row.scale != scale] + scale_rows
        previous = [line for line in details if line.startswith(f"[{scale:,}] ")]
        if "data reused" in steps and previous:
            continue  # the line of the run that built the data says more
        details = [line for line in details if line not in previous]
        details.append(
            f"[{scale:,}] {datetime.date.today()}: {'; '.join(steps)}; place "
            f"{place['place']}: {place['within']:,} sample actions within {RADIUS_KM} "
            f"km, {place['upcoming_public']:,} public and upcoming"
        )
    rows.sort(key=lambda row: (row.scale, NAMES.index(row.name) if row.name in NAMES else 9))
    details.sort(key=lambda line: int(line[1 : line.index("]")].replace(",", "")))
    write_results(rows, details, header)
    print("\nTargets:", *targets(rows), sep="\n")
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
