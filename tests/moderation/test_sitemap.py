"""/sitemap.xml lists the public pages, and nothing moderation took down or never published."""

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from organizing.coalitions.models import Coalition, CoalitionStatus
from organizing.collectives.models import CollectiveStatus
from tests.factories import draft, make_action, make_coalition, make_collective

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client) -> dict[str, str | None]:
    """The sitemap's pages: path -> lastmod (None without one)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200, response.content[:500]
    paths = {}
    for url in ET.fromstring(response.content).findall("s:url", NS):
        lastmod = url.find("s:lastmod", NS)
        paths[urlsplit(url.find("s:loc", NS).text).path] = (
            lastmod.text if lastmod is not None else None
        )
    return paths


# The actions of the sitemap tests: a vigil in Montréal in five days.
IN_FIVE_DAYS = {
    "base": {"kind": "vigil", "city": "Montréal", "country": "CA", "timezone": "America/Toronto"},
    "starts_in": dt.timedelta(days=5),
}


def test_lists_public_pages_and_only_them(client, collective, alice, django_assert_max_num_queries):
    published = make_action(
        collective, title="Vigil", status="published", published_at=timezone.now(), **IN_FIVE_DAYS
    )
    draft_action = make_action(
        collective, title="Draft", status="draft", published_at=timezone.now(), **IN_FIVE_DAYS
    )
    hidden = make_action(
        collective, title="Hidden", status="hidden", published_at=timezone.now(), **IN_FIVE_DAYS
    )
    pending = make_collective("New Group", "new-group", status=CollectiveStatus.PENDING)
    suspended = make_collective("Gone", "gone", status=CollectiveStatus.SUSPENDED)
    coalition = make_coalition((collective, alice))
    archived = Coalition.objects.create(
        name="Old Front", slug="old-front", status=CoalitionStatus.ARCHIVED
    )
    appeal = draft(collective, alice)
    with django_assert_max_num_queries(8):
        paths = sitemap_paths(client)
    for page in [
        "/",
        "/actions/",
        "/collectives/",
        "/coalitions/",
        "/appeals/",
        published.get_absolute_url(),
        collective.get_absolute_url(),
        coalition.get_absolute_url(),
        appeal.get_absolute_url(),
    ]:
        assert page in paths, page
    for page in [
        draft_action.get_absolute_url(),
        hidden.get_absolute_url(),
        pending.get_absolute_url(),
        suspended.get_absolute_url(),
        archived.get_absolute_url(),
    ]:
        assert page not in paths, page
    assert paths[published.get_absolute_url()] == published.updated_at.date().isoformat()


def test_is_served_with_an_empty_site(client, db):
    assert "/" in sitemap_paths(client)
