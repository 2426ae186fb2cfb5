"""The site does not look empty (issue 14, first hour 8): with nothing upcoming (the article's
records are all past) the home page leads with the archive and browse's empty state offers
it; `make sample-data` (generate_sample_data --demo) adds clearly labelled sample collectives
and upcoming actions in the article's cities, kept out of the article's pages, and
`make sample-data-clear` removes them without touching the article's records."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from organizing.actions.models import Action, ActionStatus
from organizing.collectives.models import Collective
from organizing.core.models import Cause
from organizing.pages import examples
from organizing.pages.services.sample_data import (
    DEMO_ACTIONS,
    DEMO_COLLECTIVES,
    sample_actions,
    sample_collectives,
)
from organizing.places.selectors import city_lookup

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def demo() -> str:
    out = io.StringIO()
    call_command("generate_sample_data", "--demo", stdout=out)
    return out.getvalue()


def test_with_nothing_upcoming_the_home_page_leads_with_the_archive(
    client, django_assert_max_num_queries
):
    client.get("/")  # the worldwide figures are counted once, then cached
    with django_assert_max_num_queries(7):
        page = client.get("/").content.decode()
    archive = page.index('<h2 id="archive-title"')
    assert archive < page.index('<h2 id="near-title"')
    assert "From the archive: recent mobilizations" in page
    assert "No upcoming action is listed yet." in page
    assert "March on Ottawa" in page[archive:]


def test_browse_with_nothing_upcoming_offers_the_archive(client):
    page = client.get("/actions/").content.decode()
    assert "No upcoming action is listed anywhere yet." in page
    assert 'href="/#archive"' in page
    assert 'href="/actions/?when=past&amp;place="' in page
    past = Action.objects.public().past().count()
    assert f"The archive holds {past} past mobilizations" in page


def test_demo_sample_data_is_upcoming_in_the_articles_cities_and_labelled(client):
    demo()
    assert sample_collectives().count() == DEMO_COLLECTIVES
    actions = list(sample_actions())
    assert len(actions) == DEMO_ACTIONS
    named = [(a["city"], a["country"]) for a in examples.ACTIONS if "city" in a]
    named += [(n, a["country"]) for a in examples.ACTIONS for n in a.get("named_cities", [])]
    cities = {city_lookup(name, country=country).name for name, country in named}
    now = timezone.now()
    for action in actions:
        assert action.title.startswith("Sample: ")
        assert action.status == ActionStatus.PUBLISHED and action.starts_at > now
        assert action.city in cities
    assert all(c.name.startswith("Sample: ") for c in sample_collectives())

    home = client.get("/").content.decode()
    assert "From the archive: recent mobilizations" not in home  # something is upcoming
    # A search near one of those cities lists its sample actions, each labelled.
    city = actions[0].city
    found = client.get("/actions/", {"place": city, "radius": "25"}).content.decode()
    listed = re.findall(r'<h3 class="h6 mb-1"><a href="[^"]+">([^<]+)</a>', found)
    assert listed and all(title.startswith("Sample: ") for title in listed)


def test_sample_data_stays_out_of_the_articles_pages(client):
    demo()
    # Sample actions of the past too (the bench-size generator spreads them over two years).
    sample_actions().update(starts_at=timezone.now() - timezone.timedelta(days=3), ends_at=None)
    ceasefire = Cause.objects.get(slug="ceasefire")
    assert sample_actions().filter(causes=ceasefire).exists()
    home = client.get("/").content.decode()
    cause = client.get(ceasefire.get_absolute_url()).content.decode()
    for page in (home, cause):
        assert "Sample: " not in page


def test_clearing_removes_the_sample_data_and_nothing_else():
    records = set(Action.objects.values_list("pk", flat=True))
    collectives = set(Collective.objects.values_list("pk", flat=True))
    demo()
    call_command("generate_sample_data", "--delete", stdout=io.StringIO())
    assert set(Action.objects.values_list("pk", flat=True)) == records
    assert set(Collective.objects.values_list("pk", flat=True)) == collectives


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_sample_data_and_sample_data_clear_are_one_command_each():
    def commands(target):
        result = subprocess.run(
            ["make", "-s", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True
        )
        return [line for line in result.stdout.splitlines() if "manage.py" in line]

    assert commands("sample-data")[-1].endswith("manage.py generate_sample_data --demo")
    assert commands("sample-data-clear")[-1].endswith("manage.py generate_sample_data --delete")
