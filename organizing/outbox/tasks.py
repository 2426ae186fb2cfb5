"""Celery tasks for outgoing email. Thin: they take ids and call services."""

import logging

from celery import shared_task
from kombu.exceptions import OperationalError

from . import selectors, services

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=services.MAX_ATTEMPTS,
)
def outbox_send(message_id: int) -> bool:
    return services.outbox_deliver(message_id=message_id)


@shared_task
def outbox_relay() -> int:
    """Hand pending rows to the broker; a broker outage leaves them pending for the next run."""
    handed = 0
    for message_id in selectors.outbox_due_for_relay():
        try:
            outbox_send.delay(message_id)
        except OperationalError:
            logger.warning("Broker unreachable; outbox relay stops at message %s", message_id)
            break
        services.outbox_mark_queued(message_id=message_id)
        handed += 1
    return handed


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=300, max_retries=3)
def outbox_purge_expired() -> int:
    """Daily: sent emails lose their recipient and body after OUTBOX_RETENTION_DAYS.
    Idempotent: purged rows are skipped, so a retry or a second run erases nothing twice."""
    return services.outbox_purge_expired()
