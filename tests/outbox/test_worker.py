"""A real `celery worker` process, against the real Redis broker, writing to PostgreSQL."""

import pytest
from django.conf import settings

from organizing.outbox import services
from organizing.outbox.models import OutboxStatus
from organizing.outbox.tasks import outbox_send

from .conftest import celery_worker, requires_worker_setup, wait_until_sent

pytestmark = requires_worker_setup


@pytest.mark.django_db(transaction=True)
def test_worker_sends_an_outbox_message_recorded_in_postgresql():
    message = services.outbox_enqueue(
        to="organizer@example.org", subject="Welcome", body_text="Hello from the worker."
    )
    with celery_worker(settings.CELERY_BROKER_URL):
        outbox_send.delay(message.pk)
        wait_until_sent(message)
    assert message.status == OutboxStatus.SENT
    assert message.sent_at is not None and message.attempts == 1
