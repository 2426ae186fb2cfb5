"""Outbox retention: sent emails lose their recipient, subject and body after
OUTBOX_RETENTION_DAYS, in batches of one UPDATE; mail not sent yet is never touched."""

from datetime import timedelta

import pytest
from django.core.validators import validate_email
from django.utils import timezone

from organizing.celery import app
from organizing.outbox import tasks
from organizing.outbox.models import OutboxMessage, OutboxStatus
from organizing.outbox.services import (
    ERASED_ADDRESS,
    outbox_claim,
    outbox_deliver,
    outbox_purge_concerning,
    outbox_purge_expired,
)
from tests.conftest import run_manage

pytestmark = pytest.mark.django_db

PERSONAL = "Hello Dana, the exact place is 12 Hidden Lane"


def row(*, status=OutboxStatus.SENT, age_days=0, to="dana@example.net", **fields):
    """An outbox row created (and, when sent, sent) `age_days` ago, without sending it."""
    when = timezone.now() - timedelta(days=age_days)
    message = OutboxMessage.objects.create(
        to=to,
        reply_to="host@example.org",
        subject="Reminder: Vigil for peace",
        body_text=PERSONAL,
        body_html=f"<p>{PERSONAL}</p>",
        headers={"List-Unsubscribe": "<https://example.org/u/secret>"},
        last_error="550 dana@example.net: mailbox unavailable",
        **fields,
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=status,
        created_at=when,
        updated_at=when,
        sent_at=when if status == OutboxStatus.SENT else None,
    )
    return message


def assert_erased(message):
    message.refresh_from_db()
    assert message.to == message.reply_to == ERASED_ADDRESS
    assert message.subject == message.body_text == message.body_html == message.last_error == ""
    assert message.headers == {}
    assert message.purged_at is not None


def assert_intact(message):
    message.refresh_from_db()
    assert message.to == "dana@example.net"
    assert message.body_text == PERSONAL
    assert message.purged_at is None


def test_sent_rows_are_erased_after_the_retention(settings):
    settings.OUTBOX_RETENTION_DAYS = 7
    old, recent = row(age_days=8), row(age_days=6)
    assert outbox_purge_expired() == 1
    assert_erased(old)
    assert_intact(recent)
    old.refresh_from_db()
    assert old.status == OutboxStatus.SENT and old.sent_at is not None  # the record stays


def test_the_retention_is_a_setting(settings):
    message = row(age_days=3)
    settings.OUTBOX_RETENTION_DAYS = 7
    assert outbox_purge_expired() == 0
    settings.OUTBOX_RETENTION_DAYS = 2
    assert outbox_purge_expired() == 1
    assert_erased(message)


def test_mail_not_sent_yet_is_never_erased(settings):
    settings.OUTBOX_RETENTION_DAYS = 1
    pending = row(status=OutboxStatus.PENDING, age_days=30)
    sending = row(status=OutboxStatus.SENDING, age_days=0)
    failed = row(status=OutboxStatus.FAILED, age_days=30)
    stuck = row(status=OutboxStatus.SENDING, age_days=30)  # its worker died a month ago
    assert outbox_purge_expired() == 2
    assert_intact(pending)
    assert_intact(sending)
    assert_erased(failed)
    assert_erased(stuck)


def test_the_placeholder_is_still_a_valid_address(settings):
    settings.OUTBOX_RETENTION_DAYS = 1
    message = row(age_days=2)
    outbox_purge_expired()
    message.refresh_from_db()
    validate_email(message.to)
    message.full_clean()  # the admin can still show and validate the row


def test_the_purge_is_idempotent(settings):
    settings.OUTBOX_RETENTION_DAYS = 1
    message = row(age_days=2)
    assert outbox_purge_expired() == 1
    first = OutboxMessage.objects.get(pk=message.pk).purged_at
    assert outbox_purge_expired() == 0
    assert OutboxMessage.objects.get(pk=message.pk).purged_at == first


def test_one_update_per_batch_whatever_the_rows(settings, django_assert_max_num_queries):
    settings.OUTBOX_RETENTION_DAYS = 1
    for _ in range(7):
        row(age_days=2)
    # Batches of 3: 3 + 3 + 1 rows, each one SELECT of ids and one UPDATE (plus a savepoint
    # pair in tests), then the failed rows' empty SELECT: never a query per row.
    with django_assert_max_num_queries(3 * 4 + 3) as captured:
        assert outbox_purge_expired(batch_size=3) == 7
    updates = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 3
    assert not OutboxMessage.objects.filter(purged_at__isnull=True).exists()


def test_a_purged_row_is_never_sent():
    # A retry can put a row back to pending after it was erased: nothing goes to the placeholder.
    message = row(status=OutboxStatus.PENDING, concerns="rsvp:1")
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.SENT)
    outbox_purge_concerning(concerns=["rsvp:1"])
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.PENDING)
    assert outbox_claim(message.pk) is False
    assert outbox_deliver(message_id=message.pk) is False


def test_the_task_purges_and_the_beat_runs_it_daily(settings):
    settings.OUTBOX_RETENTION_DAYS = 1
    message = row(age_days=2)
    assert tasks.outbox_purge_expired.apply().get() == 1
    assert_erased(message)
    entries = [
        entry
        for entry in app.conf.beat_schedule.values()
        if entry["task"] == "organizing.outbox.tasks.outbox_purge_expired"
    ]
    assert len(entries) == 1
    assert entries[0]["schedule"].hour == {3}  # once a day, at night


@pytest.mark.parametrize(
    "env",
    [
        {"OUTBOX_RETENTION_DAYS": "0"},
        {"ATTENDEE_RETENTION_DAYS_MIN": "30", "ATTENDEE_RETENTION_DAYS_MAX": "7"},
        {"ATTENDEE_RETENTION_DAYS_MAX": "many"},
    ],
)
def test_impossible_retention_settings_refuse_to_start(env):
    result = run_manage("check", DEBUG="true", **env)
    assert result.returncode != 0
    assert "RETENTION_DAYS" in result.stderr
