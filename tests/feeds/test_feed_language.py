"""A feed in the language its subscriber chose: `?lang=`, which the pages put in their links."""

import pytest
from django.urls import reverse

from organizing.places.selectors import city_lookup

from .conftest import ICS_URL, RSS_URL, TOKYO, calendar_of


@pytest.fixture
def tokyo_vigil(make_action, gazetteer):
    names = city_lookup("Tokyo").local_names
    return make_action("Vigil at the embassy", kind="vigil", **TOKYO, city_names=names)


def _location(response) -> str:
    [event] = calendar_of(response).walk("VEVENT")
    return str(event["LOCATION"])


def test_the_calendar_names_places_in_the_language_asked_for(client, tokyo_vigil):
    assert "東京、日本" in _location(client.get(ICS_URL, {"lang": "ja"}))
    assert "Tokyo, Japon" in _location(client.get(ICS_URL, {"lang": "fr"}))
    assert "Tokyo, Japan" in _location(client.get(ICS_URL))


def test_the_news_feed_too(client, tokyo_vigil):
    page = client.get(RSS_URL, {"lang": "ar"}).content.decode()
    assert "طوكيو، اليابان" in page


def test_an_unknown_language_leaves_the_readers_own(client, tokyo_vigil):
    assert "Tokyo, Japan" in _location(client.get(ICS_URL, {"lang": "xx"}))
    response = client.get(ICS_URL, {"lang": "xx"}, HTTP_ACCEPT_LANGUAGE="de")
    assert "Tokio, Japan" in _location(response)


def test_the_browse_page_links_its_feeds_in_its_own_language(client, tokyo_vigil):
    page = client.get(reverse("actions:browse"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert f'href="{ICS_URL}?lang=ja"' in page
    assert f'href="{RSS_URL}?lang=ja"' in page
