import time

from django.core.management.base import BaseCommand, CommandError

from organizing.pages.services.sample_data import (
    SampleDataError,
    sample_data_delete,
    sample_data_generate,
)


class Command(BaseCommand):
    help = (
        "Generate synthetic collectives and actions, marked as sample data (source "
        "'Sample data (generate_sample_data)', slugs 'sample-...'), for load tests and demos. "
        "Needs the gazetteer (manage.py import_places)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--collectives",
            type=int,
            default=1_000,
            help="How many sample collectives (default 1,000).",
        )
        parser.add_argument(
            "--actions", type=int, default=10_000, help="How many sample actions (default 10,000)."
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

    def handle(self, *args, collectives, actions, seed, delete, verbosity, **options):
        started = time.perf_counter()
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
                collectives=collectives, actions=actions, seed=seed, on_progress=progress
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
