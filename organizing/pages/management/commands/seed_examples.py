from django.core.management.base import BaseCommand, CommandError

from organizing.pages.services.seeding import MissingPlaces, examples_seed


class Command(BaseCommand):
    help = "Load the article's examples (collectives, coalitions, past actions, appeals)."

    def handle(self, *args, **options):
        try:
            report = examples_seed()
        except MissingPlaces as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Examples seeded: {report.changed} changes."))
        else:
            self.stdout.write(self.style.SUCCESS("Examples already up to date: nothing changed."))
