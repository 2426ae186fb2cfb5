"""The partners page's filter form (GET). A value that cannot be used never fails the page: it
is left out, reported in `problems`, and the field shows its default again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizing.collectives.models import CollectiveKind
from organizing.core.models import Cause

from ..scoring import DistanceBand

DISTANCE_CHOICES = [
    ("", _("Anywhere")),
    ("country", _("In our country")),
    ("region", _("In our region")),
    ("city", _("In our city")),
]
DISTANCE_BANDS = {
    "country": DistanceBand.SAME_COUNTRY,
    "region": DistanceBand.SAME_REGION,
    "city": DistanceBand.SAME_CITY,
}


class PartnerFilterForm(forms.Form):
    distance = forms.ChoiceField(
        label=_("Distance"),
        choices=DISTANCE_CHOICES,
        required=False,
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a distance we offer, so suggestions come from anywhere."
            )
        },
    )
    cause = forms.ChoiceField(
        label=_("Shared cause"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not one of your collective's causes, so every cause is shown."
            )
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind of group"),
        required=False,
        choices=[("", _("Any kind")), *CollectiveKind.choices],
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a kind of group we know, so every kind is shown."
            )
        },
    )

    def __init__(self, data=None, *, causes: list[Cause]):
        super().__init__(data)
        self.fields["cause"].choices = [
            ("", _("Any of our causes")),
            *((cause.slug, cause.name) for cause in causes),
        ]
        self.problems: list[tuple[str, str]] = []
        if self.is_bound:
            self._set_aside_bad_values()

    def _set_aside_bad_values(self) -> None:
        """(label, message) of each value left out; the form is then cleaned again without
        them, so that it shows (and the search uses) their defaults."""
        if self.is_valid():
            return
        self.data = self.data.copy()
        for name, errors in self.errors.items():
            self.problems.extend((self.fields[name].label, message) for message in errors)
            self.data[name] = ""
        self.full_clean()

    def clean_distance(self) -> DistanceBand | None:
        return DISTANCE_BANDS.get(self.cleaned_data["distance"])

    def clean_cause(self) -> str | None:
        return self.cleaned_data["cause"] or None

    def clean_kind(self) -> str | None:
        return self.cleaned_data["kind"] or None

    def filters(self) -> dict:
        """The keyword arguments of `partner_suggestions`: only the values that can be used."""
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) for name in ("distance", "cause", "kind")}
