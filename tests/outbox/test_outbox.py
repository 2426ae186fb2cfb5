"""The outbox: a row per email, sent once, never lost when sending fails."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings

from organizing.outbox import selectors, services
from organizing.outbox.models import OutboxMessage, OutboxStatus
from organizing.outbox.tasks import outbox_relay

pytestmark = pytest.mark.django_db


def enqueue(**extra) -> OutboxMessage:
    return services.outbox_enqueue(
        to="someone@example.org",
        subject="Your collective was submitted",
        body_text="We will review it soon.",
        **extra,
    )


def test_deliver_sends_once_even_when_called_twice():
    message = enqueue()
    assert services.outbox_deliver(message_id=message.pk) is True
    assert services.outbox_deliver(message_id=message.pk) is False
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.sent_at is not None


def test_a_failing_mail_server_leaves_the_row_pending(monkeypatch):
    message = enqueue()

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(ConnectionRefusedError):
        services.outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1 and "mail server down" in message.last_error


@pytest.mark.skipif(not settings.CELERY_TASK_ALWAYS_EAGER, reason="eager mode only")
def test_eager_mode_sends_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue(reply_to="sender@example.org")
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert mail.outbox[0].reply_to == ["sender@example.org"]


def test_relay_hands_over_only_rows_older_than_the_grace_period():
    enqueue()  # a fresh row, still within the grace period
    old = enqueue()
    OutboxMessage.objects.filter(pk=old.pk).update(
        created_at=old.created_at - selectors.RELAY_GRACE * 2
    )
    assert selectors.outbox_due_for_relay() == [old.pk]


@override_settings(CELERY_TASK_ALWAYS_EAGER=True)
def test_relay_run_marks_rows_and_their_mail_goes_out(settings):
    old = enqueue()
    OutboxMessage.objects.filter(pk=old.pk).update(
        created_at=old.created_at - selectors.RELAY_GRACE * 2
    )
    from organizing.celery import app

    app.conf.task_always_eager = True
    try:
        assert outbox_relay() == 1
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    old.refresh_from_db()
    assert old.queued_at is not None
    assert old.status == OutboxStatus.SENT
    assert selectors.outbox_due_for_relay() == []
