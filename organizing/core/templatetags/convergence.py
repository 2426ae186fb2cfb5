"""Small presentation helpers: how to say when and how many, honestly."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import formats
from django.utils.translation import gettext as _

from organizing.core.choices import DatePrecision

register = template.Library()


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


@register.simple_tag
def when(obj) -> str:
    """An action's date in its own time zone, only as precise as what is known."""
    start, end = obj.local_starts_at, obj.local_ends_at
    precision = obj.date_precision
    if precision == DatePrecision.UNKNOWN or start is None:
        return obj.date_note or _("Date not reported")
    if precision == DatePrecision.PERIOD:
        return obj.date_note or _("%(start)s to %(end)s") % {
            "start": _date(start),
            "end": _date(end or start),
        }
    if precision == DatePrecision.AROUND:
        return _("around %(date)s") % {"date": _date(start)}
    if precision == DatePrecision.DAY:
        return _date(start)
    text = formats.date_format(start, "DATETIME_FORMAT")
    if end:
        same_day = end.date() == start.date()
        end_text = (
            formats.time_format(end) if same_day else formats.date_format(end, "DATETIME_FORMAT")
        )
        text = _("%(start)s to %(end)s") % {"start": text, "end": end_text}
    return f"{text} ({obj.timezone})"


@register.simple_tag
def turnout(action) -> str:
    """The reported figure in the source's own words, else the number, else nothing."""
    if action.turnout_note:
        return action.turnout_note
    if action.reported_turnout is not None:
        return intcomma(action.reported_turnout)
    return ""


@register.simple_tag
def next_date(action) -> str:
    """A weekly series' next date in its own time zone, when it is not the first one."""
    upcoming = getattr(action, "next_starts_at", None)
    if not action.recurrence_until or upcoming is None or upcoming == action.starts_at:
        return ""
    return formats.date_format(upcoming.astimezone(action.zone), "DATETIME_FORMAT")


@register.filter
def distance(km) -> str:
    """A distance as people say it: "under 1 km", "3.4 km", "27 km"."""
    if km is None or km == "":
        return ""
    if km < 1:
        return _("under 1 km")
    if km < 10:
        return _("%(km)s km") % {"km": formats.number_format(km, 1)}
    return _("%(km)s km") % {"km": formats.number_format(round(km))}
