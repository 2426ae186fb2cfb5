"""The alert sign-up form and the follow-by-address form: they validate and normalize;
the services write."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from organizing.core.forms import HoneypotForm
from organizing.places.forms import DEFAULT_RADIUS_KM, radius_choices

from .saved_search import CITY_PARAM

# A city typed here replaces whatever area the search had (a position is never saved).
_REPLACED_BY_PLACE = (CITY_PARAM, "place", "radius", "lat", "lng", "bbox")


class AlertForm(HoneypotForm):
    """An address, and the browse search to follow (hidden: the browse page fills it in).
    The sign-up page asks for a city too when the search has none."""

    place = forms.CharField(
        label=_("City"),
        required=False,
        max_length=100,
        help_text=_("The alert follows new actions around a city, e.g. “Montréal, Canada”."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    radius = forms.TypedChoiceField(
        label=_("Within"),
        required=False,
        coerce=int,
        choices=radius_choices,
        initial=DEFAULT_RADIUS_KM,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "We send a link to confirm. Then at most one email a day, only when there "
            "is something new, each with a link to stop."
        ),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
    )
    search = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    city = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_place(self) -> str:
        return " ".join(self.cleaned_data["place"].split())

    def clean_search(self) -> QueryDict:
        return QueryDict(self.cleaned_data["search"] or "")

    @property
    def params(self) -> QueryDict:
        """The search's parameters: with the city typed here, or the city's gazetteer id that
        the browse page sent."""
        params = self.cleaned_data["search"].copy()
        params.pop(CITY_PARAM, None)
        if place := self.cleaned_data.get("place"):
            for name in _REPLACED_BY_PLACE:
                params.pop(name, None)
            params["place"] = place
            params["radius"] = str(self.cleaned_data.get("radius") or DEFAULT_RADIUS_KM)
        elif city := self.cleaned_data.get("city"):
            params[CITY_PARAM] = str(city)
        return params


class FollowForm(HoneypotForm):
    """Follow a collective or a coalition by address (signed-in people follow in one click)."""

    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "We send a link to confirm. Then one email each time it publishes an action, each "
            "with a link to stop."
        ),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
