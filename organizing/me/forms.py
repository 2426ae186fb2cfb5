"""The person's own settings: display name, preferred language, time zone."""

import zoneinfo
from functools import cache

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from organizing.accounts.forms import display_name_field
from organizing.accounts.models import NotificationKind
from organizing.accounts.notifications import delivery_choices


@cache
def time_zone_choices() -> list:
    """Every IANA zone of `zoneinfo.available_timezones()`, grouped by region ("America",
    "Europe"...) and sorted, the city's underscores read as spaces; zones without a region
    (UTC) come last, under "Other"."""
    groups: dict[str, list] = {}
    for zone in sorted(zoneinfo.available_timezones()):
        region, _slash, place = zone.partition("/")
        label = place.replace("_", " ").replace("/", " / ") if place else zone
        groups.setdefault(region if place else "", []).append((zone, label))
    other = groups.pop("", [])
    choices = [(region, zones) for region, zones in sorted(groups.items())]
    if other:
        choices.append((_("Other"), other))
    return choices


class ProfileSettingsForm(forms.Form):
    display_name = display_name_field()
    language = forms.ChoiceField(
        label=_("Preferred language"),
        required=False,
        help_text=_(
            "The language of the pages when you are logged in, and of the emails we send you."
        ),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_(
            "Times are also shown in your zone where an action's own zone differs. "
            "Blank: only the action's zone."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("The site's default")), *settings.LANGUAGES]
        self.fields["time_zone"].choices = [("", _("None chosen")), *time_zone_choices()]

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please give a name or nickname."), code="required")
        return name

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"]
        if zone and zone not in zoneinfo.available_timezones():  # the choices say it too
            raise forms.ValidationError(_("Choose a time zone from the list."), code="invalid")
        return zone


# The kinds of email a person can tune, in the order of the page, with a word on each.
NOTIFICATION_HELP = {
    NotificationKind.JOIN_REQUESTS: _("Someone asks to join a collective you admin."),
    NotificationKind.PROPOSALS: _(
        "Partnership proposals to your collectives, their answers, and coalition invitations."
    ),
    NotificationKind.SOLIDARITY_CALLS: _("A coalition of your collectives calls for support."),
    NotificationKind.MODERATION_DECISIONS: _(
        "What the moderators decided about your collective or its actions. These cannot be "
        "turned off: an admin must know when their collective is verified, suspended or asked "
        "for more information."
    ),
    NotificationKind.NEW_RSVPS: _("Someone RSVPs to an action your collective hosts."),
}


class NotificationPreferencesForm(forms.Form):
    """One radio group per kind of email: each time, a daily digest, or off (not offered for
    moderation decisions)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=delivery_choices(kind),
                widget=forms.RadioSelect,
                help_text=NOTIFICATION_HELP[kind],
            )
