"""The news feeds (RSS 2.0 and Atom) of a search."""

import xml.etree.ElementTree as ET
from xml.dom import minidom

import pytest
from django.urls import reverse

from .conftest import ATOM_URL, RSS_URL, rss_items

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_url_names():
    assert reverse("feeds:actions_rss") == RSS_URL
    assert reverse("feeds:actions_atom") == ATOM_URL


def test_rss_is_well_formed_and_items_link_back(client, make_action, ceasefire):
    action = make_action("Vigil & <candles>", causes=[ceasefire])
    response = client.get(RSS_URL)
    minidom.parseString(response.content)  # well-formed
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title").startswith("Upcoming actions")
    assert channel.findtext("link") == "http://127.0.0.1:8000/actions/"
    [item] = rss_items(response)
    link = f"http://127.0.0.1:8000{action.get_absolute_url()}"
    assert item.findtext("title") == "Vigil & <candles>"
    assert item.findtext("link") == link and item.findtext("guid") == link
    assert item.findtext("pubDate")  # published_at
    assert {c.text for c in item.findall("category")} == {"Vigil", "Ceasefire"}
    description = item.findtext("description")
    assert "Montréal" in description and "Montréal Solidarity Collective" in description
    # The description is HTML for readers: the action's own text arrives escaped.
    assert "Vigil &amp; &lt;candles&gt;: bring candles." in description


def test_rss_follows_the_search(client, make_action, gazetteer):
    make_action("Vigil in Montréal")
    make_action("March in Montréal", kind="march")
    titles = [i.findtext("title") for i in rss_items(client.get(f"{RSS_URL}?kind=march"))]
    assert titles == ["March in Montréal"]
    response = client.get(f"{RSS_URL}?kind=march&place=Montréal")
    link = ET.fromstring(response.content).find("channel").findtext("link")
    assert link.startswith("http://127.0.0.1:8000/actions/?") and "kind=march" in link


def test_atom_is_well_formed_and_entries_link_back(client, make_action):
    action = make_action("Vigil at the square")
    root = ET.fromstring(client.get(ATOM_URL).content)
    assert root.tag == f"{ATOM}feed"
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Vigil at the square"
    assert entry.find(f"{ATOM}link").get("href").endswith(action.get_absolute_url())


def test_feed_is_cacheable_by_anyone(client, make_action):
    make_action()
    response = client.get(RSS_URL)
    assert "public" in response["Cache-Control"] and not response.cookies
