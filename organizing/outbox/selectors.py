"""Reads of the outbox: which rows the relay must hand to the broker again."""

from datetime import timedelta

from django.utils import timezone

from .models import OutboxMessage, OutboxStatus

# A row handed to the broker but still pending after this long is handed over again.
REQUEUE_AFTER = timedelta(minutes=5)
# Leave fresh rows to the eager path / in-flight commit before the relay touches them.
RELAY_GRACE = timedelta(seconds=5)


def outbox_due_for_relay(*, now=None, limit: int = 500) -> list[int]:
    """Pending rows the broker may never have received."""
    now = now or timezone.now()
    return list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, created_at__lte=now - RELAY_GRACE)
        .exclude(queued_at__gt=now - REQUEUE_AFTER)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
