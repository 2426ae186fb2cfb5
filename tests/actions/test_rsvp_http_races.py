"""Ten people RSVP at once to an action with one place, through the real HTTP stack (the live
server, one thread and one database connection per request): every one of them gets an
answer, never a server error, and the capacity rule decides who is in. Runs on both suites: on
SQLite it pins the immediate transactions and busy timeout of the settings (without them,
eight of the ten got "database is locked" and a 500), on PostgreSQL the row lock."""

import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

from organizing.actions.models import Rsvp, RsvpStatus
from tests.conftest import make_user
from tests.factories import make_action

PEOPLE = 10
# Any 32 characters from the token alphabet: Django accepts an unmasked secret as the token.
CSRF = "hardeninghardeninghardeningabcde"


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def post_rsvp(url: str, session: str, address: str) -> int:
    request = urllib.request.Request(
        url,
        data=f"csrfmiddlewaretoken={CSRF}&name=".encode(),
        method="POST",
        headers={
            "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": address,
        },
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# Ten people at ten addresses, as the proxy in front tells (the live server's peer is the
# loopback, a trusted proxy): the RSVP budget per address is not what is tested here, and the
# rate-limit counts outlive a transactional test, so 127.0.0.1's budget is left to others.
@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_rsvps_on_one_place_all_get_an_answer(live_server, collective):
    action = make_action(collective, capacity=1)
    sessions = [session_cookie(make_user(f"racer{n}@example.net")) for n in range(PEOPLE)]
    url = live_server.url + reverse("actions:rsvp", args=[action.slug])
    barrier = threading.Barrier(PEOPLE)

    def rsvp(n: int) -> int:
        barrier.wait(timeout=30)  # all ten at the same instant
        return post_rsvp(url, sessions[n], f"198.51.100.{n + 1}")

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        statuses = list(pool.map(rsvp, range(PEOPLE)))

    assert all(status < 500 for status in statuses), statuses
    assert statuses.count(302) == PEOPLE, statuses
    rsvps = Rsvp.objects.filter(action=action)
    assert rsvps.count() == PEOPLE
    assert rsvps.filter(status=RsvpStatus.CONFIRMED).count() == 1
    assert rsvps.filter(status=RsvpStatus.WAITLISTED).count() == PEOPLE - 1


@pytest.mark.django_db
def test_a_database_still_locked_after_the_timeout_gets_a_clear_answer(client, bob, collective):
    action = make_action(collective, capacity=1)
    client.force_login(bob)
    locked = OperationalError("database is locked")
    with mock.patch("organizing.actions.services.rsvp.rsvp_create", side_effect=locked):
        response = client.post(reverse("actions:rsvp", args=[action.slug]), {"name": ""})
    assert response.status_code == 503
    assert b"Too many people are taking part at this very moment" in response.content
    assert not Rsvp.objects.filter(action=action).exists()


@pytest.mark.django_db
def test_other_database_errors_are_not_swallowed(client, bob, collective):
    action = make_action(collective, capacity=1)
    client.force_login(bob)
    broken = OperationalError("no such table: actions_rsvp")
    with (
        mock.patch("organizing.actions.services.rsvp.rsvp_create", side_effect=broken),
        pytest.raises(OperationalError),
    ):
        client.post(reverse("actions:rsvp", args=[action.slug]), {"name": ""})


@pytest.mark.django_db
def test_any_view_still_locked_after_the_timeout_answers_503_not_500(client, bob, collective):
    # The rate limiter writes first (its counts live in the database cache): a lock there
    # too ends in a clear page (core.contention.DatabaseBusyMiddleware).
    action = make_action(collective, capacity=1)
    client.force_login(bob)
    locked = OperationalError("database is locked")
    with mock.patch("organizing.actions.views.rsvp.consume_or_429", side_effect=locked):
        response = client.post(reverse("actions:rsvp", args=[action.slug]), {"name": ""})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"was not saved" in response.content
