"""An action's time as people read it: in the action's own zone with a readable name
("Sat 14 Mar, 14:00 (Montréal time, UTC-4)", with a true minus sign), and in the viewer's
own zone where it differs.

`{% action_time action %}` in lists, the dashboard, the attendee page and the action page. The
viewer's zone is their profile's `time_zone` (signed in); for anyone else `static/js/local-time.js`
adds the browser's time where its offset differs (progressive enhancement). No query: the
viewer is already in the template context."""

import zoneinfo

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _

from organizing.core.choices import DatePrecision
from organizing.core.templatetags.convergence import when, zone_label

register = template.Library()


def viewer_zone(user) -> zoneinfo.ZoneInfo | None:
    """The zone a signed-in viewer chose in their settings; None otherwise (or if unknown)."""
    name = getattr(user, "time_zone", "") if getattr(user, "is_authenticated", False) else ""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def viewer_time(action, user) -> str:
    """ "Sat 14 Mar, 20:00 (Berlin time, UTC+1)" in the viewer's zone, only when its offset at
    the action's start differs from the action's own (and the time is known to the minute)."""
    if action.starts_at is None or action.date_precision != DatePrecision.EXACT:
        return ""
    zone = viewer_zone(user)
    if zone is None:
        return ""
    theirs = action.starts_at.astimezone(zone)
    if theirs.utcoffset() == action.local_starts_at.utcoffset():
        return ""
    return f"{formats.date_format(theirs, 'DATETIME_FORMAT')} ({zone_label(theirs, zone.key)})"


@register.simple_tag(takes_context=True)
def action_time(context, action, browser: bool = True) -> str:
    """The action's date in its own zone; then "your time: …" for a signed-in viewer whose zone
    differs, else (with `browser`) a hook for local-time.js to add the browser's time."""
    text = when(action)
    exact = action.starts_at is not None and action.date_precision == DatePrecision.EXACT
    if not exact:
        return format_html('<span class="action-time">{}</span>', text)
    start = action.local_starts_at
    html = format_html('<time class="action-time" datetime="{}">{}</time>', start.isoformat(), text)
    theirs = viewer_time(action, context.get("user"))
    if theirs:
        return format_html(
            '{} <span class="viewer-time">· {}</span>',
            html,
            _("your time: %(time)s") % {"time": theirs},
        )
    if browser and viewer_zone(context.get("user")) is None:
        offset = int(start.utcoffset().total_seconds() // 60)
        return format_html(
            '{} <span class="viewer-time" data-local-time="{}" data-zone-offset="{}" '
            'data-local-label="{}"></span>',
            html,
            action.starts_at.isoformat(),
            offset,
            _("your time:"),
        )
    return html
