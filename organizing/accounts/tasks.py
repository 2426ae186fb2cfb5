"""Celery tasks of the accounts. Thin: they call services."""

from celery import shared_task

from .sessions import sessions_clear_expired as _sessions_clear_expired


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=300, max_retries=3)
def sessions_clear_expired() -> int:
    """Daily: expired sessions and the records of where one was logged in are deleted."""
    return _sessions_clear_expired()
