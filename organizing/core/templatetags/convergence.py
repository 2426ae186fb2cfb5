"""Small presentation helpers: how to say when and how many, honestly."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import formats
from django.utils.translation import gettext as _

from organizing.core.choices import DatePrecision

register = template.Library()


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def utc_offset(moment) -> str:
    """ "UTC-4", "UTC+5:30", "UTC": the offset of an aware moment, with a true minus sign."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "\u2212"
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_place(zone_name: str, city: str = "") -> str:
    """What people call a zone: the city given, else the zone's own city ("Toronto" for
    "America/Toronto"), never the raw IANA name."""
    if city:
        return city
    return zone_name.rsplit("/", 1)[-1].replace("_", " ") if zone_name else "UTC"


def zone_label(moment, zone_name: str, city: str = "") -> str:
    """ "Montréal time, UTC-4": the place's time and its offset at that moment."""
    return _("%(place)s time, %(offset)s") % {
        "place": zone_place(zone_name, city),
        "offset": utc_offset(moment),
    }


def action_zone_label(obj, moment=None) -> str:
    """The readable zone of an action (anything with `timezone`, `zone`, `city`) at `moment`
    (its start by default)."""
    moment = moment if moment is not None else obj.local_starts_at
    return zone_label(moment.astimezone(obj.zone), obj.timezone, getattr(obj, "city", ""))


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
    return f"{text} ({action_zone_label(obj, start)})"


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


@register.simple_tag
def zone_of(action, moment=None) -> str:
    """`{% zone_of action %}`: "Montréal time, UTC-4" (at `moment`, else at its start)."""
    if moment is None and action.starts_at is None:
        return zone_place(action.timezone, getattr(action, "city", ""))
    return action_zone_label(action, moment)


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
