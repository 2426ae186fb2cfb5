"""Posting and editing an action, inviting co-hosts. Forms validate and normalize; services write.

Times are typed in the place's local time; `clean()` turns them into aware datetimes in the
time zone of the city picked from the gazetteer.
"""

import datetime as dt
import uuid
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from organizing.collectives.forms.profile import LANGUAGE_CHOICES
from organizing.collectives.models import Collective
from organizing.core.choices import PlacePrecision
from organizing.core.models import Cause
from organizing.places.forms import CityField

from ..models import Action, ActionKind, HostRole, LocationVisibility, RsvpMode
from ..retention import (
    default_retention_days,
    effective_retention_days,
    retention_limits,
    retention_refusal,
)
from ..services.posting import MAX_SERIES_DAYS, REVEAL_NEEDS_PARTICIPANTS

# A week: beyond that, "reveal later" would mean little for the people coming.
MAX_REVEAL_HOURS = 168

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def local_datetime(day: dt.date, time: dt.time, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """A wall-clock time at a place, as an aware datetime."""
    return dt.datetime.combine(day, time, tzinfo=zone)


class ActionForm(forms.Form):
    """The action's own fields; the create form adds the hosting collective and "save as draft"."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of action"), choices=ActionKind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text: what, why, who is welcome."),
    )
    causes = forms.ModelMultipleChoiceField(
        label=_("Causes"),
        queryset=Cause.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("In the local time of the place."),
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty when it ends the same day."),
    )
    end_time = forms.TimeField(
        label=_("End time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("In the local time of the place."),
    )
    city = CityField(
        help_text=_(
            "Type the city and pick it from the list, e.g. “Montréal, Canada”. It sets the time "
            "zone; for an online action, give the city whose time you use."
        ),
    )
    venue = forms.CharField(label=_("Venue name"), max_length=200, required=False)
    address = forms.CharField(label=_("Street address"), max_length=300, required=False)
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Optional: click the map to set the exact point, or type it."),
    )
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    area_label = forms.CharField(
        label=_("Public area label"),
        max_length=200,
        required=False,
        help_text=_("Always public, e.g. “Downtown Montréal”. Empty: the city's name."),
    )
    location_visibility = forms.ChoiceField(
        label=_("Who sees the exact place"),
        choices=LocationVisibility.choices,
        # People who face harassment post here: the exact address goes to confirmed
        # participants unless the hosts choose to publish it (issue 14).
        initial=LocationVisibility.PARTICIPANTS,
    )
    reveal_hours_before = forms.IntegerField(
        label=_("Reveal the exact place to confirmed participants"),
        required=False,
        min_value=1,
        max_value=MAX_REVEAL_HOURS,
        help_text=_(
            "Hours before the start, e.g. 3. Until then they see only the public area; "
            "the reminder email brings the address. Empty: they see it as soon as "
            "they are confirmed."
        ),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Required for an online action."),
    )
    accessibility_info = forms.CharField(
        label=_("Accessibility"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Step-free access, seating, interpretation, quiet space..."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to pick several."),
    )
    safety_notes = forms.CharField(
        label=_("Safety notes"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Legal observers, what to bring, what to leave at home."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text=_("Empty for no limit. Beyond it, people join a waitlist."),
    )
    rsvp_mode = forms.ChoiceField(label=_("RSVP"), choices=RsvpMode.choices, initial=RsvpMode.OPEN)
    external_rsvp_url = forms.URLField(
        label=_("External RSVP link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Required when RSVPs are handled elsewhere."),
    )
    retention_days = forms.IntegerField(
        label=_("Keep the attendees' names and addresses for"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        # The site's limits are read per form (see __init__), so the text always matches them.
    )
    recurrence_weekdays = forms.TypedMultipleChoiceField(
        label=_("Repeats every week on"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave unticked for a single date."),
    )
    recurrence_until = forms.DateField(
        label=_("Repeats until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last possible date, included; at most two years after the first."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = retention_limits()
        field = self.fields["retention_days"]
        field.initial = default_retention_days()
        field.widget.attrs.update({"min": low, "max": high})
        field.help_text = _(
            "Days after the action ends; then they are erased and only the counts stay. "
            "Between %(low)d and %(high)d; empty: %(default)d."
        ) % {"low": low, "high": high, "default": default_retention_days()}

    def clean_retention_days(self) -> int:
        days = self.cleaned_data.get("retention_days")
        if days is None:
            return default_retention_days()
        if refusal := retention_refusal(days):
            raise forms.ValidationError(refusal)
        return days

    def clean(self):
        data = super().clean()
        self._clean_times(data)
        self._clean_point(data)
        if data.get("kind") == ActionKind.ONLINE_ACTION and not data.get("online_url"):
            self.add_error("online_url", _("An online action needs its link."))
        if data.get("rsvp_mode") == RsvpMode.EXTERNAL and not data.get("external_rsvp_url"):
            self.add_error("external_rsvp_url", _("Give the link where people sign up elsewhere."))
        self._clean_recurrence(data)
        if (
            data.get("reveal_hours_before") is not None
            and data.get("location_visibility") != LocationVisibility.PARTICIPANTS
        ):
            self.add_error("reveal_hours_before", REVEAL_NEEDS_PARTICIPANTS)
        return data

    def _clean_times(self, data: dict) -> None:
        city, start_date = data.get("city"), data.get("start_date")
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if not (city and start_date and start_time and end_time):
            return
        zone = zoneinfo.ZoneInfo(city.timezone)
        data["starts_at"] = local_datetime(start_date, start_time, zone)
        data["ends_at"] = local_datetime(data.get("end_date") or start_date, end_time, zone)
        if data["ends_at"] <= data["starts_at"]:
            self.add_error("end_time", _("The end must come after the start."))

    def _clean_point(self, data: dict) -> None:
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))

    def _clean_recurrence(self, data: dict) -> None:
        weekdays, until, start = (
            data.get("recurrence_weekdays"),
            data.get("recurrence_until"),
            data.get("start_date"),
        )
        if weekdays and not until:
            self.add_error("recurrence_until", _("Until when does it repeat?"))
        elif until and not weekdays:
            self.add_error("recurrence_weekdays", _("Tick the weekdays it repeats on."))
        elif until and start and until < start:
            self.add_error("recurrence_until", _("The series cannot end before its first date."))
        elif until and start and (until - start).days > MAX_SERIES_DAYS:
            self.add_error(
                "recurrence_until", _("A series can run at most two years; post another later.")
            )


class ActionCreateForm(ActionForm):
    """The action, its hosting collective and "save as draft". The posting page adds the
    coalition it may be posted for (coalitions' `ActionPostingForm`)."""

    collective = forms.ModelChoiceField(
        label=_("Hosting collective"),
        queryset=Collective.objects.none(),
        empty_label=None,
        help_text=_("Collectives where you are an admin or an organizer."),
    )
    save_as_draft = forms.BooleanField(
        label=_("Save as draft"),
        required=False,
        help_text=_("Only your collective's members see a draft; publish it when ready."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    field_order = ["collective"]

    def __init__(self, *args, collectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective"].queryset = collectives
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())


def initial_from(action: Action) -> dict:
    """The edit form starts from what is stored, in the place's local time."""
    start, end = action.local_starts_at, action.local_ends_at
    exact_point = action.place_precision == PlacePrecision.EXACT
    return {
        "title": action.title,
        "kind": action.kind,
        "description": action.description,
        "causes": list(action.causes.all()),
        "start_date": start.date() if start else None,
        "start_time": start.time() if start else None,
        "end_date": end.date() if end and start and end.date() != start.date() else None,
        "end_time": end.time() if end else None,
        "city": f"{action.city}, {action.country.name}" if action.city else "",
        "venue": action.venue,
        "address": action.address,
        # Coordinates set by hand only; otherwise they follow the city.
        "latitude": action.latitude if exact_point else None,
        "longitude": action.longitude if exact_point else None,
        "area_label": action.area_label,
        "location_visibility": action.location_visibility,
        "reveal_hours_before": action.reveal_hours_before,
        "online_url": action.online_url,
        "accessibility_info": action.accessibility_info,
        "languages": action.languages,
        "safety_notes": action.safety_notes,
        "capacity": action.capacity,
        "rsvp_mode": action.rsvp_mode,
        "external_rsvp_url": action.external_rsvp_url,
        "recurrence_weekdays": action.recurrence_weekdays,
        "recurrence_until": action.recurrence_until,
        # What the erasure will really use, should the site have narrowed its limits since.
        "retention_days": effective_retention_days(action.retention_days),
    }


class HostInviteForm(forms.Form):
    collective = forms.ModelChoiceField(
        label=_("Collective to invite"),
        queryset=Collective.objects.none(),
        help_text=_("Verified collectives only. They are listed once their admins accept."),
    )
    role = forms.ChoiceField(
        label=_("As"),
        choices=[
            (HostRole.CO_HOST, HostRole.CO_HOST.label),
            (HostRole.SUPPORTER, HostRole.SUPPORTER.label),
        ],
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective"].queryset = (
            Collective.objects.verified().exclude(host_links__action=action).order_by("name")
        )
