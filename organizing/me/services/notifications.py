"""The person's choice of how each kind of email reaches them."""

from django.db import transaction

from organizing.accounts.models import NotificationKind, NotificationPreference
from organizing.accounts.notifications import delivery_choices


class NotificationPreferenceError(ValueError):
    """A delivery the kind does not offer (moderation decisions are never off)."""


@transaction.atomic
def notification_preferences_save(*, user, deliveries: dict[str, str]) -> None:
    """One NotificationPreference row per kind given; a kind not given keeps its row (or its
    default). Refuses a delivery the kind does not offer."""
    for kind, delivery in deliveries.items():
        if kind not in NotificationKind.values:
            raise NotificationPreferenceError(kind)
        if delivery not in dict(delivery_choices(kind)):
            raise NotificationPreferenceError(f"{kind}: {delivery}")
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )
