"""The anonymous page cache (core/page_cache.py) on the browse page."""

import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organizing.actions.models import Action
from organizing.places.remembered import COOKIE_NAME

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def add_action(title: str) -> Action:
    starts = timezone.now() + timedelta(days=3)
    return Action.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        kind="vigil",
        status="published",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        timezone="America/Toronto",
        city="Montréal",
        country="CA",
        latitude=45.5,
        longitude=-73.57,
    )


def csrf_token(response) -> str:
    return re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()
    ).group(1)


def test_second_visit_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    add_action("First vigil")
    assert "First vigil" in client.get("/actions/?place=Montréal").content.decode()
    add_action("Second vigil")
    with django_assert_num_queries(0):
        response = client.get("/actions/?place=Montréal")
    page = response.content.decode()
    assert "First vigil" in page and "Second vigil" not in page  # at most a minute behind
    caches["pages"].clear()
    assert "Second vigil" in client.get("/actions/?place=Montréal").content.decode()


def test_query_string_order_does_not_matter_but_values_do(client, django_assert_num_queries):
    client.get("/actions/?place=Montréal&radius=25")
    with django_assert_num_queries(0):
        client.get("/actions/?radius=25&place=Montréal")
    with CaptureQueriesContext(connection) as queries:
        client.get("/actions/?radius=50&place=Montréal")
    assert queries  # another search: built afresh


def test_each_hit_carries_a_fresh_working_csrf_token():
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    first.get("/actions/?place=Montréal")
    hit = second.get("/actions/?place=Montréal")
    assert "csrftoken" in hit.cookies  # the token belongs to this visitor
    response = second.post("/actions/forget-area/", {"csrfmiddlewaretoken": csrf_token(hit)})
    assert response.status_code == 302


def test_the_remembered_area_cookie_is_set_again_on_a_hit(client):
    Client().get("/actions/?place=Montréal")
    hit = client.get("/actions/?place=Montréal")
    assert hit.cookies[COOKIE_NAME]["max-age"] == 90 * 24 * 3600
    # The page without a place depends on the place remembered.
    assert "within 50 km of Montréal" in client.get("/actions/").content.decode()
    assert "worldwide" in Client().get("/actions/").content.decode()


def test_members_always_get_a_fresh_page(client, alice):
    client.get("/actions/?place=Montréal")
    client.force_login(alice)
    add_action("Fresh vigil")
    assert "Fresh vigil" in client.get("/actions/?place=Montréal").content.decode()


def test_turned_off_with_zero_seconds(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/actions/?place=Montréal")
    add_action("Fresh vigil")
    assert "Fresh vigil" in client.get("/actions/?place=Montréal").content.decode()


@pytest.mark.parametrize(
    "url", ["/api/v1/actions/?place=Montréal", "/actions/feed.ics", "/actions/feed.rss"]
)
def test_feeds_and_api_are_cached_too(client, django_assert_num_queries, url):
    add_action("First vigil")
    first = client.get(url)
    add_action("Second vigil")
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert b"First vigil" in again.content and b"Second vigil" not in again.content
