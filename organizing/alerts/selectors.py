"""Reads of alerts: which ones are due for their daily digest."""

from datetime import timedelta

from django.db.models import Q

from .models import ActionAlert, AlertStatus

# At most one digest a day, even when the task runs twice (a retry, a manual run).
DIGEST_MIN_INTERVAL = timedelta(hours=20)


def alert_ids_due(*, now) -> list[int]:
    """Active alerts that had no digest in the last DIGEST_MIN_INTERVAL."""
    return list(
        ActionAlert.objects.filter(status=AlertStatus.ACTIVE)
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_MIN_INTERVAL))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
