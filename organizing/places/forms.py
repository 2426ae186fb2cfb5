"""A city typed in any language, resolved in our gazetteer (never an outside geocoder)."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import City
from .selectors import city_search

RADIUS_CHOICES_KM = [5, 10, 25, 50, 100, 250]
DEFAULT_RADIUS_KM = 50


def radius_choices() -> list[tuple[int, str]]:
    """Called when a form is built, so in the visitor's language."""
    return [(km, _("%(km)d km") % {"km": km}) for km in RADIUS_CHOICES_KM]


def wider_radius(km: int) -> int | None:
    """The next distance offered, to suggest when a search near a place finds too little."""
    return next((choice for choice in RADIUS_CHOICES_KM if choice > km), None)


def city_from_search(text: str) -> City:
    """The best match for a place typed in a search (a city's own name first, then other
    names, then prefixes, the most populous first); the page says which city it took."""
    matches = city_search(text, limit=1)
    if not matches:
        raise forms.ValidationError(
            _(
                "We could not find “%(place)s” among our places, so the search is not limited "
                "to a place. Check the spelling, or add the country: “Paris, France”."
            ),
            params={"place": text},
            code="unknown_place",
        )
    return matches[0]


class CityField(forms.CharField):
    """Cleans to the best-ranked `City` for what was typed ("Paris, France", "東京")."""

    default_help_text = _(
        "Type the city and pick it from the list, e.g. “Montréal, Canada”. Any language works."
    )

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("City"))
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", self.default_help_text)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "autocomplete": "off",
                    "list": "city-suggestions",
                    "data-city-suggest": reverse_lazy("places:suggest"),
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value) -> City | None:
        query = super().clean(value)
        if not query:
            return None
        matches = city_search(query, limit=1)
        if not matches:
            raise forms.ValidationError(
                _(
                    "We could not find “%(city)s”. Check the spelling, or add the country: "
                    "“Paris, France”."
                ),
                params={"city": query},
                code="unknown_city",
            )
        return matches[0]
