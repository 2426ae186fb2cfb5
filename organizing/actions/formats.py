"""An action in other formats: iCalendar (.ics) and schema.org Event (JSON-LD).

All are public outputs: they carry the exact address only when the caller says the viewer may
see it, and never anything about RSVPs. Outputs read by anyone (JSON-LD, the feeds, the API)
decide with `access.exact_location_is_public`, as for an anonymous visitor.
"""

import json
import zoneinfo
from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from icalendar import Calendar, Event, vDuration

from organizing.core.links import site_url

from .access import exact_location_is_public
from .models import Action, ActionStatus

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DEFAULT_DURATION = timedelta(hours=2)


def absolute_url(action: Action) -> str:
    return site_url(action.get_absolute_url())


def place_text(action: Action, *, show_exact: bool) -> str:
    """The place as a line of text: the exact venue and address only when allowed."""
    parts = [action.venue, action.address] if show_exact else []
    parts += [action.public_place]
    return ", ".join(part for part in parts if part)


def action_event(action: Action, *, show_exact: bool) -> Event:
    """The VEVENT of an action with a start (a weekly series repeats, its cancelled dates
    excluded through `action.occurrences`), shared by the one-action file and the feeds."""
    zone = zoneinfo.ZoneInfo(action.timezone)
    start = action.starts_at.astimezone(zone)
    end = action.ends_at.astimezone(zone) if action.ends_at else start + DEFAULT_DURATION
    event = Event()
    event.add("uid", f"{action.slug}@{settings.SITE_URL.split('://')[-1].split('/')[0]}")
    event.add("summary", action.title)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", action.updated_at)
    event.add("url", absolute_url(action))
    event.add("location", place_text(action, show_exact=show_exact))
    event.add("description", f"{action.description}\n\n{absolute_url(action)}".strip())
    event.add("status", "CANCELLED" if action.status == ActionStatus.CANCELLED else "CONFIRMED")
    if action.recurrence_weekdays and action.recurrence_until:
        _add_recurrence(event, action, zone)
    return event


def _add_recurrence(event: Event, action: Action, zone) -> None:
    # With a DTSTART in a time zone, UNTIL must be a UTC date-time (RFC 5545, 3.3.10).
    last_moment = datetime.combine(action.recurrence_until, time(23, 59, 59), tzinfo=zone)
    until = last_moment.astimezone(UTC)
    event.add(
        "rrule",
        {
            "freq": "weekly",
            "byday": [WEEKDAY_CODES[day] for day in sorted(action.recurrence_weekdays)],
            "until": until,
        },
    )
    cancelled = [o.starts_at.astimezone(zone) for o in action.occurrences.all() if o.is_cancelled]
    if cancelled:
        event.add("exdate", cancelled)


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Convergence//actions//EN")
    calendar.add("version", "2.0")
    return calendar


def action_calendar(action: Action, *, show_exact: bool) -> bytes:
    """A one-event calendar for "add to calendar" (with its time zone definition)."""
    calendar = _calendar()
    if action.starts_at is not None:
        calendar.add_component(action_event(action, show_exact=show_exact))
        calendar.add_missing_timezones()
    return calendar.to_ical()


def actions_calendar(
    actions: Iterable[Action], *, name: str, description: str, refresh: timedelta
) -> bytes:
    """A calendar to subscribe to: one event per action with a start, each with its exact
    place only when that is public; one VTIMEZONE per time zone used. `refresh` tells calendar
    apps how often to fetch it again."""
    events = (
        action_event(action, show_exact=exact_location_is_public(action))
        for action in actions
        if action.starts_at is not None
    )
    return events_calendar(events, name=name, description=description, refresh=refresh)


def events_calendar(
    events: Iterable[Event], *, name: str, description: str, refresh: timedelta
) -> bytes:
    """A calendar to subscribe to, of events made by `action_event` (the caller decided each
    one's exact place); one VTIMEZONE per time zone used."""
    calendar = _calendar()
    calendar.calendar_name = name
    calendar.description = description
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(refresh))
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def shown_point(action: Action, *, show_exact: bool) -> tuple[float, float] | None:
    """The exact point for those allowed, the coarse (about 1 km) point for everyone else."""
    if action.latitude is None:
        return None
    return (action.latitude, action.longitude) if show_exact else action.coarse_point


def _json_ld_place(action: Action, *, show_exact: bool) -> dict:
    address = {
        "@type": "PostalAddress",
        "addressLocality": action.city,
        "addressCountry": action.country.code,
    }
    if show_exact and action.address:
        address["streetAddress"] = action.address
    place = {
        "@type": "Place",
        "name": action.venue if show_exact and action.venue else action.public_place,
        "address": address,
    }
    if point := shown_point(action, show_exact=show_exact):
        place["geo"] = {"@type": "GeoCoordinates", "latitude": point[0], "longitude": point[1]}
    return place


def action_json_ld(action: Action) -> dict:
    """schema.org Event for search engines: the exact address only when it is public."""
    show_exact = exact_location_is_public(action)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": action.title,
        "description": action.description,
        "url": absolute_url(action),
        "eventStatus": "https://schema.org/EventCancelled"
        if action.status == ActionStatus.CANCELLED
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
        if action.kind == "online_action"
        else "https://schema.org/OfflineEventAttendanceMode",
        "location": _json_ld_place(action, show_exact=show_exact),
        "organizer": [
            {
                "@type": "Organization",
                "name": host.collective.name,
                "url": site_url(host.collective.get_absolute_url()),
            }
            for host in getattr(action, "accepted_hosts", [])
        ],
    }
    if action.starts_at:
        data["startDate"] = action.local_starts_at.isoformat()
    if action.ends_at:
        data["endDate"] = action.local_ends_at.isoformat()
    return data


def json_ld_text(data: dict) -> str:
    """JSON safe to place inside <script type="application/ld+json"> (no "</script>" breakout)."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
