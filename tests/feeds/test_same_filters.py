"""The feeds and the API find what the browse page finds: the same ActionBrowseFilter, the same
order."""

import datetime as dt

import pytest
from django.http import QueryDict

from organizing.actions.filters import ActionBrowseFilter
from organizing.actions.selectors.browse import action_browse_queryset

from .conftest import ATOM_URL, ICS_URL, OTTAWA, RSS_URL, TOKYO, api_results, calendar_of, rss_items

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "kind=march",
    "place=Montréal&radius=50",
    "place=Ottawa&radius=250&kind=vigil",
    "place=Ottawa&radius=250&sort=nearest",
    "bbox=30,130,40,150",
    "when=past",
    "q=candles",
    "cause=ceasefire",
    "format=online",
    "start=2031-01-01",
    "kind=march&radius=abc&bbox=junk",  # with values set aside
]


@pytest.fixture
def world(make_action, gazetteer, ceasefire):
    make_action("Vigil in Montréal", causes=[ceasefire])
    make_action("March in Montréal", kind="march", online_url="https://meet.example.org/m")
    make_action("Vigil in Ottawa", **OTTAWA)
    make_action("March at Shibuya", kind="march", description="No candles.", **TOKYO)
    start = dt.datetime(2023, 11, 16, 17, tzinfo=dt.UTC)
    make_action(
        "Blockade long ago", kind="blockade", starts_at=start, ends_at=start + dt.timedelta(hours=3)
    )
    start = dt.datetime(2031, 3, 10, 22, tzinfo=dt.UTC)
    make_action(
        "Monday vigils",
        starts_at=start,
        recurrence_weekdays=[0],
        recurrence_until=dt.date(2031, 6, 30),
        ends_at=start + dt.timedelta(hours=1),
    )
    make_action("A draft", status="draft")


def page_finds(query: str) -> list[str]:
    search = ActionBrowseFilter(QueryDict(query), queryset=action_browse_queryset())
    return [action.slug for action in search.qs]


@pytest.mark.parametrize("query", QUERIES)
def test_feeds_and_api_find_what_the_page_finds(client, world, query):
    expected = page_finds(query)
    calendar = calendar_of(client.get(f"{ICS_URL}?{query}"))
    assert [str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")] == expected
    assert [r["slug"] for r in api_results(client, query)] == expected
    for url in (RSS_URL, ATOM_URL):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        found = [slug for slug in expected if slug.encode() in response.content]
        assert found == expected
    links = [i.findtext("link") for i in rss_items(client.get(f"{RSS_URL}?{query}"))]
    assert [link.rstrip("/").rsplit("/", 1)[1] for link in links] == expected


def test_filters_change_the_results(world):
    # The table above is not trivially equal: the filters do select.
    everything = page_finds("")
    assert len(everything) == 5
    assert len(page_finds("kind=march")) == 2
    assert len(page_finds("place=Montréal&radius=50")) == 3
    assert len(page_finds("when=past")) == 1
