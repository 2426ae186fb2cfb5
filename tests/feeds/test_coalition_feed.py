"""The coalition's calendar feed: its public actions only, built by the feeds app's builder."""

import icalendar
import pytest
from django.urls import reverse

from organizing.actions.models import ActionStatus
from tests.conftest import make_user
from tests.factories import make_action, make_coalition, make_collective

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition(collective, alice):
    return make_coalition((collective, alice))


def feed(client, coalition):
    response = client.get(reverse("feeds:coalition_ics", args=[coalition.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def summaries(calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


def test_feed_holds_the_coalitions_public_actions_only(client, coalition, collective):
    make_action(collective, title="Coalition rally", coalition=coalition)
    make_action(collective, title="Coalition draft", coalition=coalition, status=ActionStatus.DRAFT)
    make_action(collective, title="Collective's own vigil")
    admin = make_user("other@example.org")
    other = make_coalition(
        (make_collective("Other", "other", admin=admin), admin), name="Other Front"
    )
    make_action(collective, title="Other coalition march", coalition=other)
    calendar = feed(client, coalition)
    assert summaries(calendar) == {"Coalition rally"}
    assert "Ceasefire Front" in str(calendar["X-WR-CALNAME"])


def test_feed_keeps_cancelled_actions_as_cancelled(client, coalition, collective):
    make_action(collective, title="Called off", coalition=coalition, status=ActionStatus.CANCELLED)
    event = feed(client, coalition).walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED"


def test_unknown_coalition_is_404(client):
    assert client.get(reverse("feeds:coalition_ics", args=["nope"])).status_code == 404


@pytest.mark.parametrize("count", [1, 25])
def test_feed_query_budget_is_constant(
    client, coalition, collective, count, django_assert_max_num_queries
):
    for n in range(count):
        make_action(collective, title=f"Rally {n}", coalition=coalition)
    with django_assert_max_num_queries(6):
        calendar = feed(client, coalition)
    assert len(calendar.walk("VEVENT")) == count
