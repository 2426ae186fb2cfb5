"""Concurrent RSVPs, each thread on its own database connection: capacity holds, one row per
address. PostgreSQL only: SQLite serializes every write, so there is no race to test."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection

from organizing.actions.models import Rsvp, RsvpStatus
from organizing.actions.services.rsvp import rsvp_confirm, rsvp_create
from tests.factories import make_action

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.IS_POSTGRESQL, reason="SQLite serializes writes: races need PostgreSQL"
    ),
]

# Each worker thread holds one connection; stay well under max_connections (100 by default),
# which other test runs share.
WORKERS = 25


def run_concurrently(count: int, job) -> list:
    barrier = threading.Barrier(min(count, WORKERS))

    def work(n: int):
        try:
            if n < WORKERS:
                barrier.wait(timeout=30)  # the first wave starts at the same instant
            return job(n)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(work, range(count)))


def test_hundred_concurrent_rsvps_never_exceed_capacity(collective):
    action = make_action(collective, capacity=20)

    def rsvp_and_confirm(n: int) -> str:
        rsvp = rsvp_create(action=action, name=f"Person {n}", email=f"p{n}@example.net")
        return rsvp_confirm(rsvp=rsvp).status

    statuses = run_concurrently(100, rsvp_and_confirm)
    assert statuses.count(RsvpStatus.CONFIRMED) == 20
    assert statuses.count(RsvpStatus.WAITLISTED) == 80
    assert Rsvp.objects.filter(action=action, status=RsvpStatus.CONFIRMED).count() == 20
    assert Rsvp.objects.filter(action=action).count() == 100


def test_concurrent_duplicate_rsvps_give_one_row(collective):
    action = make_action(collective)

    def rsvp_same(n: int) -> int:
        return rsvp_create(action=action, name=f"Twin {n}", email="Twin@Example.net").pk

    pks = run_concurrently(20, rsvp_same)
    assert len(set(pks)) == 1
    assert Rsvp.objects.filter(action=action).count() == 1
    assert Rsvp.objects.get().email == "twin@example.net"
