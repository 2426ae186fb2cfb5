"""Celery tasks for the alert digests and the follow emails. Thin: they take ids and call
services."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import selectors, services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=300, max_retries=3)
def alerts_purge_stale() -> int:
    """Daily: alerts and follows never confirmed, or unsubscribed, go after 30 days."""
    return services.alert_purge_stale() + services.follow_purge_stale()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=300, max_retries=3)
def alerts_send_digests() -> int:
    """Daily: one digest per active alert with new matching actions. Idempotent: each digest
    moves its alert's watermark in the transaction of its outbox row, and an alert gets at most
    one digest a day, so a second run (or a retry) sends nothing twice. One failing alert is
    logged and left for the next run; the others go on."""
    now = timezone.now()
    sent = 0
    for alert_id in selectors.alert_ids_due(now=now):
        try:
            sent += bool(services.alert_digest_send(alert_id=alert_id, now=now))
        except Exception:
            logger.exception("Alert %s: the digest could not be prepared", alert_id)
    return sent


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=60, max_retries=5)
def follow_notify_published(action_id: int) -> int:
    """An action was published: one email to each of its hosts' and its coalition's
    followers. Idempotent (a FollowNotice row per email, written with its outbox row), so a
    retry or a second publication signal sends nothing twice."""
    return services.follow_notices_send(action_id=action_id)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=300, max_retries=3)
def follows_sweep_published() -> int:
    """Hourly: the fan-out again for the actions published in the last two days (but not the
    last five minutes, which their own task is handling). It finds their emails already
    written and sends only what a lost task (a broker outage) never did. One failing action is
    logged and left for the next run."""
    now = timezone.now()
    start, end = now - timedelta(days=2), now - services.PUBLISH_GRACE
    sent = 0
    for action_id in selectors.action_ids_published_between(start=start, end=end):
        try:
            sent += services.follow_notices_send(action_id=action_id)
        except Exception:
            logger.exception("Action %s: the follow emails could not be prepared", action_id)
    return sent
