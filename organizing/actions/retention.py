"""How long attendee data is kept: each action's own choice (`Action.retention_days`, 30 days
after it ends by default), always within the limits the site sets
(ATTENDEE_RETENTION_DAYS_MIN / _MAX). The daily `rsvp_anonymize_past` task applies it.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Action, Rsvp


def retention_limits() -> tuple[int, int]:
    return settings.ATTENDEE_RETENTION_DAYS_MIN, settings.ATTENDEE_RETENTION_DAYS_MAX


def effective_retention_days(days: int | None) -> int:
    """The action's choice, brought within the site's limits: a site that lowers its maximum
    shortens the retention of actions that chose more, without editing them."""
    low, high = retention_limits()
    if days is None:
        days = default_retention_days()
    return min(max(days, low), high)


def default_retention_days() -> int:
    low, high = retention_limits()
    return min(max(Action._meta.get_field("retention_days").default, low), high)


def retention_refusal(days: int | None) -> str:
    """Why the site refuses this retention, or "" when it is within the limits."""
    low, high = retention_limits()
    if days is not None and low <= days <= high:
        return ""
    return _("Choose between %(low)d and %(high)d days.") % {"low": low, "high": high}


def rsvp_concerns(rsvp_id: int) -> str:
    """What the outbox rows about an RSVP carry (OutboxMessage.concerns), so that erasing the
    RSVP erases every email sent about it, and only those."""
    return f"rsvp:{rsvp_id}"


def _series_end(until: dt.date) -> dt.datetime:
    # A series' last day is a local date: two days after it (UTC midnight) is past its end in
    # every time zone, so the erasure never comes before the last date is over.
    return dt.datetime.combine(until + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)


def attendee_erasure_at(action: Action) -> dt.datetime | None:
    """From when the daily task erases this action's attendee names and addresses (None when
    the action has no date)."""
    ends = [moment for moment in (action.ends_at or action.starts_at,) if moment]
    if action.recurrence_until:
        ends.append(_series_end(action.recurrence_until))
    if not ends:
        return None
    return max(ends) + dt.timedelta(days=effective_retention_days(action.retention_days))


def _ended_before(cutoff: dt.datetime) -> Q:
    """The action (a series: its last date) ended before `cutoff`; same rule as
    attendee_erasure_at."""
    ended = Q(action__ends_at__lt=cutoff) | Q(
        action__ends_at__isnull=True, action__starts_at__lt=cutoff
    )
    series_over = Q(action__recurrence_until__isnull=True) | Q(
        action__recurrence_until__lt=cutoff.date() - dt.timedelta(days=1)
    )
    return ended & series_over


def rsvps_due_for_anonymization(*, now: dt.datetime):
    """RSVPs not anonymized yet whose action ended more than its retention ago. One condition
    per distinct retention in use (a handful), so the work stays one query whatever the
    number of actions."""
    stored = set(
        Rsvp.objects.filter(anonymized_at__isnull=True)
        .order_by()
        .values_list("action__retention_days", flat=True)
        .distinct()
    )
    by_effective: dict[int, list[int]] = {}
    for days in stored:
        by_effective.setdefault(effective_retention_days(days), []).append(days)
    due = Q(pk__in=[])
    for days, stored_values in by_effective.items():
        cutoff = now - dt.timedelta(days=days)
        due |= Q(action__retention_days__in=stored_values) & _ended_before(cutoff)
    return Rsvp.objects.filter(due, anonymized_at__isnull=True)
