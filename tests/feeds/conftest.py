"""Actions for the feeds and the API, made as tests/actions makes them (rows as the posting
service leaves them), plus the readers of each output."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from icalendar import Calendar

from organizing.actions.models import Action
from organizing.core.models import Cause
from tests import factories

# Montréal, near the Jacques Cartier bridge.
MONTREAL = {
    "city": "Montréal",
    "country": "CA",
    "timezone": "America/Toronto",
    "latitude": 45.50884,
    "longitude": -73.58781,
}
OTTAWA = {
    "city": "Ottawa",
    "country": "CA",
    "timezone": "America/Toronto",
    "latitude": 45.41117,
    "longitude": -75.69812,
}
TOKYO = {
    "city": "Tokyo",
    "country": "JP",
    "timezone": "Asia/Tokyo",
    "latitude": 35.6595,
    "longitude": 139.7005,
}

ICS_URL = "/actions/feed.ics"
RSS_URL = "/actions/feed.rss"
ATOM_URL = "/actions/feed.atom"
API_URL = "/api/v1/actions/"


@pytest.fixture
def make_action(collective):
    """`make_action("Vigil", kind="vigil", **fields)`: a published action in Montréal, in ten
    days, hosted by `collective` (accepted)."""
    count = 0

    def make(title: str = "Vigil for a ceasefire", *, causes=(), **fields) -> Action:
        nonlocal count
        count += 1
        return factories.make_action(
            collective,
            title=title,
            causes=causes,
            starts_in=dt.timedelta(days=10, hours=count),
            lasts=dt.timedelta(hours=2),
            base={"kind": "vigil", "status": "published", **MONTREAL},
            **{"published_at": timezone.now(), "description": f"{title}: bring candles.", **fields},
        )

    return make


@pytest.fixture
def ceasefire(db) -> Cause:
    return Cause.objects.get_or_create(slug="ceasefire", defaults={"name": "Ceasefire"})[0]


def calendar_of(response) -> Calendar:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def rss_items(response) -> list[ET.Element]:
    assert response.status_code == 200, response.content[:500]
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("./channel/item")


def api_results(client, query: str = "") -> list[dict]:
    """Every result of an API search, page after page."""
    results, url = [], f"{API_URL}?{query}"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content[:500]
        results += response.json()["results"]
        url = response.json()["next"]
    return results
