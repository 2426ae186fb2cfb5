"""Each feed and the API list run the same number of queries for 1 result as for 50."""

import datetime as dt

import pytest

from organizing.actions.models import ActionOccurrence
from organizing.coalitions.models import Coalition
from organizing.core.models import Cause

from .conftest import API_URL, ATOM_URL, ICS_URL, RSS_URL, calendar_of

pytestmark = pytest.mark.django_db

# The search's queries, then: ICS = actions, hosts, causes, cancelled dates of series;
# RSS/Atom = actions, hosts, causes; API = count, the page's ids, its rows, hosts, causes.
BUDGETS = {ICS_URL: 4, RSS_URL: 3, ATOM_URL: 3, API_URL: 5}


@pytest.fixture
def fifty(make_action, ceasefire):
    """50 upcoming actions with hosts, causes and coalitions, some weekly series with a
    cancelled date; exactly one rally."""
    climate = Cause.objects.create(name="Climate justice", slug="climate-justice")
    coalition = Coalition.objects.create(name="Ceasefire Now", slug="ceasefire-now")
    for n in range(50):
        series = n % 10 == 0
        action = make_action(
            f"Action {n}",
            kind="rally" if n == 7 else "vigil",
            causes=[ceasefire, climate],
            coalition=coalition if n % 2 else None,
            recurrence_weekdays=[0] if series else [],
            recurrence_until=dt.date(2031, 6, 30) if series else None,
        )
        if series:
            ActionOccurrence.objects.create(
                action=action, starts_at=action.starts_at, is_cancelled=True
            )


def results(url: str, response) -> int:
    assert response.status_code == 200
    if url == ICS_URL:
        return len(calendar_of(response).walk("VEVENT"))
    if url == API_URL:
        return len(response.json()["results"])
    return response.content.count(b"<item>") + response.content.count(b"<entry>")


@pytest.mark.parametrize("url", BUDGETS)
def test_same_queries_for_one_result_and_for_fifty(
    client, fifty, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(BUDGETS[url]) as one:
        assert results(url, client.get(f"{url}?kind=rally")) == 1
    with django_assert_max_num_queries(BUDGETS[url]) as many:
        assert results(url, client.get(url)) == (20 if url == API_URL else 50)
    assert len(one.captured_queries) == len(many.captured_queries) == BUDGETS[url]


def test_api_serializes_a_page_without_a_query_per_row(client, fifty, django_assert_num_queries):
    with django_assert_num_queries(BUDGETS[API_URL]):
        assert len(client.get(f"{API_URL}?page=2").json()["results"]) == 20
