"""The directory's search form: the only query parameters that reach the database.

Parameters: q (name or words), kind, cause (a slug), country (an ISO code), place (a city name
resolved in our gazetteer) and radius (km, one of RADIUS_CHOICES_KM). Anything else in the query
string is ignored. A value that cannot be used never fails the page: it is left out of the search,
reported in `problems`, and a list shows its default again.
"""

import django_filters
from django import forms
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from organizing.core.models import Cause
from organizing.places.models import City
from organizing.places.selectors import city_search, near

from .models import Collective, CollectiveKind
from .selectors import collective_text_search

MAX_TEXT_LENGTH = 100
RADIUS_CHOICES_KM = [5, 10, 25, 50, 100, 250]
DEFAULT_RADIUS_KM = 50


class CollectiveDirectoryForm(forms.Form):
    def clean_place(self) -> City | None:
        text = self.cleaned_data["place"]
        if not text:
            return None
        # The best match: a city's own name first, then other names, then prefixes, the most
        # populous first; the page says which city it took ("near Paris, France").
        matches = city_search(text, limit=1)
        if not matches:
            raise forms.ValidationError(
                _("We could not find “%(place)s” among our places, so the search is not limited "
                  "to a place. Check the spelling, or add the country: “Paris, France”."),
                params={"place": text},
            )
        return matches[0]


# Choices as functions: called when the form is built, so in the visitor's language.
def _country_choices() -> list[tuple[str, str]]:
    return [(country.code, country.name) for country in countries]


def _radius_choices() -> list[tuple[int, str]]:
    return [(km, _("%(km)d km") % {"km": km}) for km in RADIUS_CHOICES_KM]


class CollectiveDirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or words"), method="filter_text", max_length=MAX_TEXT_LENGTH,
        widget=forms.SearchInput,
        help_text=_("Words from the collective's name or description."),
        error_messages={"max_length": _(
            "Please search with at most %(limit_value)d characters (this has %(show_value)d); "
            "the words were left out of the search.")},
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of group"), choices=CollectiveKind.choices, empty_label=_("Any kind"),
        error_messages={"invalid_choice": _(
            "“%(value)s” is not a kind of group we know, so every kind is shown.")},
    )
    cause = django_filters.ModelChoiceFilter(
        label=_("Cause"), field_name="causes", queryset=Cause.objects.order_by("name"),
        to_field_name="slug", empty_label=_("Any cause"),
        error_messages={"invalid_choice": _(
            "“%(value)s” is not a cause we know, so every cause is shown.")},
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=_country_choices, empty_label=_("Any country"),
        error_messages={"invalid_choice": _(
            "“%(value)s” is not a country code we know, so every country is shown.")},
    )
    place = django_filters.CharFilter(
        label=_("Near the city"), method="filter_near", max_length=MAX_TEXT_LENGTH,
        help_text=_("Any language, e.g. “Montréal” or “Paris, Texas”."),
        widget=forms.TextInput(attrs={
            "autocomplete": "off", "list": "place-suggestions",
            "data-city-suggest": reverse_lazy("places:suggest"),
        }),
        error_messages={"max_length": _(
            "Please name a place with at most %(limit_value)d characters (this has "
            "%(show_value)d); the search is not limited to a place.")},
    )
    radius = django_filters.TypedChoiceFilter(
        label=_("Distance from the city"), method="filter_radius", coerce=int,
        initial=DEFAULT_RADIUS_KM, choices=_radius_choices,
        error_messages={"invalid_choice": _(
            "“%(value)s” is not one of the distances offered, so the search used the default "
            "distance.")},
    )

    class Meta:
        model = Collective
        # The allow-list: no other parameter (ordering, status, lookups...) reaches the ORM.
        fields = ["q", "kind", "cause", "country", "place", "radius"]
        form = CollectiveDirectoryForm

    def __init__(self, data: QueryDict | None = None, *args, **kwargs):
        # Always bound, so that bad values are reported; a missing radius is the default one.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("radius"):
            data["radius"] = str(DEFAULT_RADIUS_KM)
        super().__init__(data, *args, **kwargs)
        self.problems = self._set_aside_bad_values()

    def _set_aside_bad_values(self) -> list[tuple[str, str]]:
        """(label, message) of each value left out of the search. A list shows its default
        again, since that is what the search used; typed text stays, to be corrected."""
        problems = []
        for name, messages in self.form.errors.items():
            field = self.form.fields.get(name)
            label = field.label if field else _("Search")
            problems.extend((label, message) for message in messages)
            if isinstance(field, forms.ChoiceField):
                self.form.data[name] = str(field.initial or "")
        return problems

    @property
    def near_city(self) -> City | None:
        """The city the search is near, if any."""
        return self.form.cleaned_data.get("place")

    @property
    def radius_km(self) -> int:
        return self.form.cleaned_data.get("radius") or DEFAULT_RADIUS_KM

    @property
    def wider_radius_km(self) -> int | None:
        """The next distance offered, to suggest when a search near a place finds too little."""
        return next((km for km in RADIUS_CHOICES_KM if km > self.radius_km), None)

    @property
    def is_searching(self) -> bool:
        """Whether anything narrows the list (the radius alone does not)."""
        return any(self.form.cleaned_data.get(name) for name in ("q", "kind", "cause",
                                                                 "country", "place"))

    def filter_text(self, queryset, name, value):
        return collective_text_search(queryset, text=value)

    def filter_near(self, queryset, name, value):
        return near(queryset, lat=value.latitude, lng=value.longitude, km=self.radius_km)

    def filter_radius(self, queryset, name, value):
        return queryset  # read by filter_near: a distance means nothing without a place
