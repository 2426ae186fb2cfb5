"""Concurrent signing, each thread on its own database connection: one signature per collective,
and concurrent signers of one appeal all get through. PostgreSQL only: SQLite serializes every
write, so there is no race to test."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection

from organizing.appeals.models import AppealSignature
from organizing.appeals.services import AppealError, appeal_sign, appeal_withdraw
from organizing.collectives.models import Membership, MembershipRole
from tests.conftest import make_user
from tests.factories import draft, make_collective

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.IS_POSTGRESQL, reason="SQLite serializes writes: races need PostgreSQL"
    ),
]

# Each worker holds one connection; stay well under max_connections, which other runs share.
WORKERS = 10


def run_concurrently(count: int, job) -> list:
    barrier = threading.Barrier(count)

    def work(n: int):
        try:
            barrier.wait(timeout=30)  # everyone starts at the same instant
            return job(n)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(work, range(count)))


def outcome(sign) -> str:
    try:
        sign()
    except AppealError as error:
        return error.message
    return "signed"


def test_concurrent_double_signing_gives_one_signature(collective, alice):
    appeal = draft(collective, alice)
    union = make_collective("Ottawa Dockworkers Union", "dockworkers")
    admins = [make_user(f"admin{n}@example.org") for n in range(WORKERS)]
    for admin in admins:
        Membership.objects.create(user=admin, collective=union, role=MembershipRole.ADMIN)

    results = run_concurrently(
        WORKERS,
        lambda n: outcome(lambda: appeal_sign(appeal=appeal, collective=union, by=admins[n])),
    )
    assert results.count("signed") == 1
    assert all("already signed" in result for result in results if result != "signed")
    assert AppealSignature.objects.filter(appeal=appeal, collective=union).count() == 1


def test_concurrent_re_signing_after_withdrawal_gives_one_signature(collective, alice):
    appeal = draft(collective, alice)
    admin = make_user("dora@example.org")
    union = make_collective("Ottawa Dockworkers Union", "dockworkers", admin=admin)
    appeal_sign(appeal=appeal, collective=union, by=admin)
    appeal_withdraw(appeal=appeal, collective=union, by=admin)

    results = run_concurrently(
        WORKERS, lambda n: outcome(lambda: appeal_sign(appeal=appeal, collective=union, by=admin))
    )
    assert results.count("signed") == 1
    signature = AppealSignature.objects.get(appeal=appeal, collective=union)
    assert signature.is_standing


def test_concurrent_signers_of_one_appeal_all_get_through(collective, alice):
    appeal = draft(collective, alice)
    signers = []
    for n in range(WORKERS):
        admin = make_user(f"admin{n}@example.org")
        signers.append((make_collective(f"Union {n}", f"union-{n}", admin=admin), admin))

    results = run_concurrently(
        WORKERS,
        lambda n: outcome(
            lambda: appeal_sign(appeal=appeal, collective=signers[n][0], by=signers[n][1])
        ),
    )
    assert results == ["signed"] * WORKERS
    assert AppealSignature.objects.filter(appeal=appeal).count() == WORKERS + 1
