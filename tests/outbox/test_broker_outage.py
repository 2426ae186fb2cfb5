"""A broker outage neither slows nor fails a sign-up, and its email still goes out, once."""

import time

import pytest
from django.urls import reverse

from organizing.outbox.models import OutboxMessage, OutboxStatus
from organizing.outbox.selectors import RELAY_GRACE
from tests.conftest import PASSWORD

from .conftest import celery_worker, requires_worker_setup, run_relay, wait_until_sent

pytestmark = requires_worker_setup


@pytest.mark.django_db(transaction=True)
def test_sign_up_during_a_broker_outage_is_fast_and_its_email_arrives_once(client, own_redis):
    # The broker is down: our own Redis is not running.
    started = time.monotonic()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "outage@example.org",
            "display_name": "Outage",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 2, f"sign-up took {elapsed:.1f} s"
    message = OutboxMessage.objects.get(to="outage@example.org")
    assert message.status == OutboxStatus.PENDING
    OutboxMessage.objects.filter(pk=message.pk).update(created_at=message.created_at - RELAY_GRACE)

    assert run_relay(own_redis.url) == "0"  # the relay cannot reach the broker: nothing lost
    message.refresh_from_db()
    assert (message.status, message.queued_at) == (OutboxStatus.PENDING, None)

    own_redis.start()  # the broker is back
    with celery_worker(own_redis.url):
        assert run_relay(own_redis.url) == "1"
        wait_until_sent(message)
        assert message.status == OutboxStatus.SENT
        assert run_relay(own_redis.url) == "0"
    assert message.attempts == 1  # sent exactly once
