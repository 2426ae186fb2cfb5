"""Report brigading must not silence small groups: reports never hide a verified collective's
content by themselves; an unverified collective's action is held once 3 distinct established
accounts (verified email, older than a week) reported it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.collectives.models import CollectiveStatus
from organizing.moderation.models import Decision, ReportCase
from organizing.moderation.selectors import user_is_established
from organizing.moderation.services.reports import report_create
from tests.conftest import make_user
from tests.factories import make_action, make_collective

pytestmark = pytest.mark.django_db


# The action each test reports: published, of unknown date.
RALLY = {
    "title": "Rally at the bridge",
    "base": {"kind": "rally", "status": "published", "date_precision": "unknown"},
    "starts_in": None,
}


def accounts(count: int, *, established: bool, verified: bool = True, prefix: str = "r"):
    users = [make_user(f"{prefix}{n}@example.org", verified=verified) for n in range(count)]
    if established:
        for user in users:
            type(user).objects.filter(pk=user.pk).update(
                date_joined=timezone.now() - dt.timedelta(days=30)
            )
            user.refresh_from_db()
    return users


@pytest.fixture
def pending_collective(db):
    return make_collective("New Group", "new-group", status=CollectiveStatus.PENDING)


def report_all(action, users, reason="fake"):
    for user in users:
        report_create(target_kind="action", target_slug=action.slug, reason=reason, reporter=user)


def status_of(action) -> str:
    action.refresh_from_db()
    return action.status


def test_established_means_verified_email_and_a_week_old():
    [fresh] = accounts(1, established=False, prefix="fresh")
    [old] = accounts(1, established=True, prefix="old")
    [old_unverified] = accounts(1, established=True, verified=False, prefix="unv")
    assert user_is_established(old)
    assert not user_is_established(fresh)
    assert not user_is_established(old_unverified)
    assert not user_is_established(None)


def test_ten_fresh_accounts_do_not_hide_a_verified_collectives_action(collective, client):
    action = make_action(collective, **RALLY, published_at=timezone.now())
    report_all(action, accounts(10, established=False))
    assert status_of(action) == "published"
    assert client.get(action.get_absolute_url()).status_code == 200
    assert ReportCase.objects.get().held_at is None


def test_ten_fresh_accounts_do_not_hold_a_pending_collectives_action(pending_collective):
    action = make_action(pending_collective, **RALLY, published_at=timezone.now())
    report_all(action, accounts(10, established=False))
    assert status_of(action) == "published"


def test_anonymous_reports_never_hold(pending_collective):
    action = make_action(pending_collective, **RALLY, published_at=timezone.now())
    for _ in range(10):
        report_create(target_kind="action", target_slug=action.slug, reason="spam")
    assert status_of(action) == "published"


def test_three_established_accounts_hold_an_unverified_collectives_action(
    pending_collective, client
):
    action = make_action(pending_collective, **RALLY, published_at=timezone.now())
    first, second, third = accounts(3, established=True)
    report_all(action, [first, second, first, second])  # the same two, twice: not enough
    assert status_of(action) == "published"
    report_all(action, [third])
    assert status_of(action) == "held"
    case = ReportCase.objects.get()
    assert case.held_at is not None and case.status == "open"
    decision = Decision.objects.get(verb="action_held")
    assert decision.moderator is None and decision.case == case
    assert client.get(action.get_absolute_url()).status_code == 404
    assert action.title not in client.get(reverse("actions:browse")).content.decode()


def test_a_verified_collectives_action_is_never_held(collective):
    action = make_action(collective, **RALLY, published_at=timezone.now())
    report_all(action, accounts(20, established=True))
    assert status_of(action) == "published"
    assert ReportCase.objects.get().held_at is None
    assert not Decision.objects.exists()


def test_a_held_action_is_held_once(pending_collective):
    action = make_action(pending_collective, **RALLY, published_at=timezone.now())
    report_all(action, accounts(5, established=True))
    assert status_of(action) == "held"
    assert Decision.objects.filter(verb="action_held").count() == 1
