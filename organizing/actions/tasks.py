"""Periodic RSVP work (beat schedule in organizing/celery.py). Thin: they call services."""

from celery import shared_task

from .services import rsvp as services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=60, max_retries=3)
def rsvp_send_reminders() -> int:
    """Idempotent: a participant already holding this action's reminder is skipped."""
    return services.rsvp_send_reminders()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=300, max_retries=3)
def rsvp_anonymize_past() -> int:
    return services.rsvp_anonymize_past()
