import time

from django.core.management.base import BaseCommand, CommandError

from organizing.pages.services.sample_data import (
    DEMO_ACTIONS,
    DEMO_COLLECTIVES,
    SampleDataError,
    sample_data_delete,
    sample_data_generate,
)


class Command(BaseCommand):
    help = (
        "Generate synthetic collectives and actions, marked as sample data (source "
        "'Sample data (generate_sample_data)', slugs 'sample-...'), for load tests and demos. "
        "Needs the gazetteer (manage.py import_places). --demo: a small set for trying the "
        "site out (`make sample-data`), upcoming actions in the article's cities."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--collectives",
            type=int,
            default=None,
            help=f"How many sample collectives (default 1,000; {DEMO_COLLECTIVES} with --demo).",
        )
        parser.add_argument(
            "--actions",
            type=int,
            default=None,
            help=f"How many sample actions (default 10,000; {DEMO_ACTIONS} with --demo).",
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help=(
                "The demo size: collectives in the cities of the article's examples and "
                "published actions there in the coming weeks (every one named 'Sample: ...')."
            ),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=0,
            help="Random seed: the same seed gives the same data (default 0).",
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Delete all sample data (and nothing else), then exit.",
        )

    def handle(self, *args, collectives, actions, seed, delete, demo, verbosity, **options):
        started = time.perf_counter()
        if collectives is None:
            collectives = DEMO_COLLECTIVES if demo else 1_000
        if actions is None:
            actions = DEMO_ACTIONS if demo else 10_000
        if delete:
            deleted = sample_data_delete()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Deleted {deleted['actions']:,} sample actions, {deleted['collectives']:,} "
                    f"collectives, {deleted['causes']:,} causes in "
                    f"{time.perf_counter() - started:.1f} s."
                )
            )
            return
        if collectives < 0 or actions < 0:
            raise CommandError("Counts cannot be negative.")
        self._shown: dict[str, int] = {}
        progress = self._show_progress if verbosity >= 1 else (lambda *args: None)
        try:
            report = sample_data_generate(
                collectives=collectives,
                actions=actions,
                seed=seed,
                demo=demo,
                on_progress=progress,
            )
        except SampleDataError as error:
            raise CommandError(str(error)) from error
        timings = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in report.seconds.items())
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {report.collectives:,} sample collectives, {report.actions:,} actions, "
                f"{report.hosts:,} host links (seed {seed}) in {elapsed:.1f} s ({timings})."
            )
        )
        if report.causes_created:
            self.stdout.write(f"No causes existed: created {report.causes_created} sample causes.")

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        # A line per 10% of a large run (at least 50,000 rows apart); small runs print the end.
        step = max(total // 10, 50_000)
        if done == total or done // step > self._shown.get(stage, 0):
            self._shown[stage] = done // step
            self.stdout.write(f"  {stage}: {done:,}/{total:,}")
