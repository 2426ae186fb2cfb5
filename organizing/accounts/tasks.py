"""Celery tasks of accounts. Thin: they take ids (or nothing) and call services."""

from celery import shared_task

from . import notifications
from .sessions import sessions_clear_expired as _sessions_clear_expired


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=300, max_retries=3)
def notifications_send_digests() -> int:
    """Daily: one email per person with held notifications (delivery "digest"), then the
    items are deleted. Idempotent: a re-run (or a retry) finds no items left to send."""
    return notifications.notifications_digest_all()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=300, max_retries=3)
def sessions_clear_expired() -> int:
    """Daily: expired sessions and the records of where one was logged in are deleted."""
    return _sessions_clear_expired()
