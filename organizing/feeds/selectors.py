"""What the feeds and the API read: the browse page's own search (actions.filters), over the
browse queryset, with what each output shows fetched in a fixed number of queries.

Feeds and API answers get shared, cached and subscribed to: they are built as for an anonymous
visitor, never from the visitor's session (no remembered area, no RSVP of theirs).
"""

from django.db.models import Prefetch, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizing.actions.filters import ActionBrowseFilter, with_next_date
from organizing.actions.models import (
    PUBLIC_STATUSES,
    Action,
    ActionHost,
    ActionOccurrence,
    Rsvp,
    RsvpStatus,
)
from organizing.actions.selectors.browse import action_browse_queryset
from organizing.actions.selectors.public import action_list_queryset
from organizing.core.links import site_url

# The most actions one feed carries: a calendar app or a reader fetches the whole feed every
# time, so a wider search is better narrowed (by place, dates, kind...) than made longer.
FEED_LIMIT = 200


def feed_search(query: QueryDict, *, with_cancelled: bool = False) -> ActionBrowseFilter:
    """The page's search from a query string (defaults: upcoming, soonest first).
    `with_cancelled` keeps cancelled actions, for calendars: a subscribed calendar must learn
    that an event is off (STATUS:CANCELLED) rather than see it vanish without a word."""
    actions = action_list_queryset().public() if with_cancelled else action_browse_queryset()
    return ActionBrowseFilter(query, queryset=actions)


def calendar_actions(search: ActionBrowseFilter) -> list[Action]:
    """The first FEED_LIMIT results that have a start (a calendar event needs one), with the
    cancelled dates of weekly series. Four queries, whatever the number of results."""
    cancelled_dates = Prefetch(
        "occurrences", queryset=ActionOccurrence.objects.filter(is_cancelled=True)
    )
    dated = search.qs.filter(starts_at__isnull=False).prefetch_related(cancelled_dates)
    return list(dated[:FEED_LIMIT])


def personal_calendar_entries(user, *, now=None) -> list[tuple[Action, Rsvp | None]]:
    """A person's private calendar (feeds:personal_ics): the upcoming public actions they are
    confirmed or waitlisted for, and those their collectives host (as listed hosts), soonest
    first, each with the person's RSVP (None without one), which decides its exact place.
    Three queries, whatever the number of actions."""
    now = now or timezone.now()
    theirs = Q(user=user) | Q(email=user.email.lower())
    rsvps = {
        rsvp.action_id: rsvp
        for rsvp in Rsvp.objects.filter(
            theirs,
            status__in=(RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED),
            anonymized_at__isnull=True,
            action__status__in=PUBLIC_STATUSES,
        )
    }
    hosted = ActionHost.objects.listed().filter(collective__memberships__user=user)
    cancelled_dates = Prefetch(
        "occurrences", queryset=ActionOccurrence.objects.filter(is_cancelled=True)
    )
    actions = (
        Action.objects.public()
        .upcoming(now)
        .filter(starts_at__isnull=False)
        .filter(Q(pk__in=list(rsvps)) | Q(pk__in=hosted.values("action")))
        .prefetch_related(cancelled_dates)
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )
    return [(action, rsvps.get(action.pk)) for action in actions]


def news_actions(search: ActionBrowseFilter) -> list[Action]:
    """The first FEED_LIMIT results. Three queries, whatever the number of results."""
    return list(search.qs[:FEED_LIMIT])


def api_detail_queryset() -> QuerySet[Action]:
    """One action for the API: what a list result shows, its next date included."""
    return with_next_date(action_list_queryset(), now=timezone.now())


def feed_title(search: ActionBrowseFilter) -> str:
    """ "Upcoming actions near Montréal, Canada", "Past actions in the map area"..."""
    when = _("Past actions") if search.is_past else _("Upcoming actions")
    area = search.area
    if area is None:
        return when
    if area.box:
        return _("%(when)s in the map area") % {"when": when}
    if area.city:
        return _("%(when)s within %(km)d km of %(place)s") % {
            "when": when,
            "km": area.km,
            "place": area.city.label,
        }
    return _("%(when)s within %(km)d km of a position") % {"when": when, "km": area.km}


def browse_url(search: ActionBrowseFilter) -> str:
    """The browse page showing the same search (absolute, for readers and calendar apps)."""
    query = search.query_params().urlencode()
    return site_url(reverse("actions:browse") + (f"?{query}" if query else ""))
