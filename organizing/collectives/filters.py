"""The directory's search form: the only query parameters that reach the database.

Parameters: q (name or words), kind, cause (a slug), country (an ISO code), place (a city name
resolved in our gazetteer) and radius (km, one of RADIUS_CHOICES_KM). Anything else in the query
string is ignored. A value that cannot be used never fails the page: it is left out of the search,
reported in `problems`, and a list shows its default again.
"""

import django_filters
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from organizing.core.filtering import ForgivingFilterSet
from organizing.core.models import Cause
from organizing.places.forms import (
    DEFAULT_RADIUS_KM,
    city_from_search,
    radius_choices,
    wider_radius,
)
from organizing.places.models import City
from organizing.places.selectors import near

from .models import Collective, CollectiveKind
from .selectors import collective_text_search

MAX_TEXT_LENGTH = 100


class CollectiveDirectoryForm(forms.Form):
    def clean_place(self) -> City | None:
        text = self.cleaned_data["place"]
        return city_from_search(text) if text else None


# Choices as functions: called when the form is built, so in the visitor's language.
def _country_choices() -> list[tuple[str, str]]:
    return [(country.code, country.name) for country in countries]


class CollectiveDirectoryFilter(ForgivingFilterSet):
    q = django_filters.CharFilter(
        label=_("Name or words"),
        method="filter_text",
        max_length=MAX_TEXT_LENGTH,
        widget=forms.SearchInput,
        help_text=_("Words from the collective's name or description."),
        error_messages={
            "max_length": _(
                "Please search with at most %(limit_value)d characters (this has %(show_value)d); "
                "the words were left out of the search."
            )
        },
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of group"),
        choices=CollectiveKind.choices,
        empty_label=_("Any kind"),
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a kind of group we know, so every kind is shown."
            )
        },
    )
    cause = django_filters.ModelChoiceFilter(
        label=_("Cause"),
        field_name="causes",
        queryset=Cause.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Any cause"),
        error_messages={
            "invalid_choice": _("“%(value)s” is not a cause we know, so every cause is shown.")
        },
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=_country_choices,
        empty_label=_("Any country"),
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a country code we know, so every country is shown."
            )
        },
    )
    place = django_filters.CharFilter(
        label=_("Near the city"),
        method="filter_near",
        max_length=MAX_TEXT_LENGTH,
        help_text=_("Any language, e.g. “Montréal” or “Paris, Texas”."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "list": "place-suggestions",
                "data-city-suggest": reverse_lazy("places:suggest"),
            }
        ),
        error_messages={
            "max_length": _(
                "Please name a place with at most %(limit_value)d characters (this has "
                "%(show_value)d); the search is not limited to a place."
            )
        },
    )
    radius = django_filters.TypedChoiceFilter(
        label=_("Distance from the city"),
        method="filter_radius",
        coerce=int,
        initial=DEFAULT_RADIUS_KM,
        choices=radius_choices,
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not one of the distances offered, so the search used the default "
                "distance."
            )
        },
    )

    class Meta:
        model = Collective
        # The allow-list: no other parameter (ordering, status, lookups...) reaches the ORM.
        fields = ["q", "kind", "cause", "country", "place", "radius"]
        form = CollectiveDirectoryForm

    defaults = {"radius": str(DEFAULT_RADIUS_KM)}

    @property
    def near_city(self) -> City | None:
        """The city the search is near, if any."""
        return self.form.cleaned_data.get("place")

    @property
    def radius_km(self) -> int:
        return self.form.cleaned_data.get("radius") or DEFAULT_RADIUS_KM

    @property
    def wider_radius_km(self) -> int | None:
        return wider_radius(self.radius_km)

    @property
    def is_searching(self) -> bool:
        """Whether anything narrows the list (the radius alone does not)."""
        return any(
            self.form.cleaned_data.get(name) for name in ("q", "kind", "cause", "country", "place")
        )

    def filter_text(self, queryset, name, value):
        return collective_text_search(queryset, text=value)

    def filter_near(self, queryset, name, value):
        return near(queryset, lat=value.latitude, lng=value.longitude, km=self.radius_km)

    def filter_radius(self, queryset, name, value):
        return queryset  # read by filter_near: a distance means nothing without a place
