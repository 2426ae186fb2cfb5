"""A city typed in any language, resolved in our gazetteer (never an outside geocoder)."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import City
from .selectors import city_search


class CityField(forms.CharField):
    """Cleans to the best-ranked `City` for what was typed ("Paris, France", "東京")."""

    default_help_text = _("Type the city and pick it from the list, e.g. “Montréal, Canada”. "
                          "Any language works.")

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("City"))
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", self.default_help_text)
        kwargs.setdefault("widget", forms.TextInput(attrs={
            "autocomplete": "off",
            "list": "city-suggestions",
            "data-city-suggest": reverse_lazy("places:suggest"),
        }))
        super().__init__(**kwargs)

    def clean(self, value) -> City | None:
        query = super().clean(value)
        if not query:
            return None
        matches = city_search(query, limit=1)
        if not matches:
            raise forms.ValidationError(
                _("We could not find “%(city)s”. Check the spelling, or add the country: "
                  "“Paris, France”."),
                params={"city": query}, code="unknown_city",
            )
        return matches[0]
