"""The browse search an alert saves (actions.filters.ActionBrowseFilter): read from the browse
page's parameters, written down so that it finds the same actions again, and said in words.

An alert needs a city: the browser's position is never stored, and a map area is not a place
anyone means to follow. The city travels by its gazetteer id (`city`), since a label such as
"Springfield, United States" names several cities.
"""

from collections.abc import Mapping
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import formats, translation
from django.utils.translation import gettext as _

from organizing.actions.filters import AREA_PARAMS, ActionBrowseFilter
from organizing.places.forms import DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM
from organizing.places.models import City

CITY_PARAM = "city"
CITY_SOURCES = ("place", "remembered")
# A digest lists upcoming actions, soonest first: these parameters mean nothing to it.
NOT_SAVED = ("when", "sort")


def search_from_params(
    params: Mapping, *, city: City | None = None, queryset=None, now=None
) -> ActionBrowseFilter:
    """The search from browse parameters; with a city (the `city` argument, or a gazetteer id
    in the `city` parameter), that city is the area, whatever the place text says."""
    data = QueryDict(mutable=True)
    for name in ActionBrowseFilter.Meta.fields:
        if name in params and name not in NOT_SAVED:
            values = params.getlist(name) if hasattr(params, "getlist") else [params[name]]
            data.setlist(name, [str(value) for value in values])
    area = _city_area(params, data, city)
    if area:
        data.pop("place", None)
        data.pop("radius", None)
    return ActionBrowseFilter(
        data, queryset=queryset, remembered=(lambda: area) if area else None, now=now
    )


def _city_area(params: Mapping, data: QueryDict, city: City | None) -> tuple[City, int] | None:
    city_id = str(params.get(CITY_PARAM) or "")
    if city is None and city_id.isdigit():
        city = City.objects.filter(pk=int(city_id)).first()
    if city is None:
        return None
    radius = str(data.get("radius", ""))
    km = int(radius) if radius.isdigit() and int(radius) in RADIUS_CHOICES_KM else DEFAULT_RADIUS_KM
    return (city, km)


def search_refusal(search: ActionBrowseFilter) -> str:
    """Why this search cannot become an alert, or "" when it can."""
    area = search.area
    if area is not None and area.source in CITY_SOURCES and area.city is not None:
        return ""
    if "place" in search.form.errors:
        return _(
            "We could not find “%(place)s” among our places. Check the spelling, or add "
            "the country: “Paris, France”."
        ) % {"place": search.form.data.get("place")}
    if area is not None and area.source == "position":
        return _("An alert needs a city: your position is never saved. Please choose a city.")
    if area is not None:
        return _("An alert needs a city rather than a map area. Please choose a city.")
    return _("An alert needs a city. Please choose one, and a distance around it.")


def search_query(search: ActionBrowseFilter) -> str:
    """The search as it is saved: query parameters in a fixed order, the city's label in
    English (the gazetteer reads English country names in any language)."""
    with translation.override("en"):
        params = search.query_params()
    pairs = sorted(
        (name, value)
        for name, values in params.lists()
        if name not in NOT_SAVED
        for value in values
    )
    return urlencode(pairs)


def search_description(search: ActionBrowseFilter) -> str:
    """The search in words in the active language: "within 25 km of Montréal, Canada ·
    Cause: Ceasefire"."""
    area = search.area
    parts = []
    if area is not None and area.city is not None:
        parts.append(_("within %(km)s km of %(place)s") % {"km": area.km, "place": area.city.label})
    for name in ActionBrowseFilter.Meta.fields:
        if name in AREA_PARAMS or name in NOT_SAVED:
            continue
        if text := _describe_value(search, name):
            parts.append(text)
    return " · ".join(parts)


def _describe_value(search: ActionBrowseFilter, name: str) -> str:
    value = search.value(name)
    if value in (None, "", False):
        return ""
    field = search.form.fields[name]
    if name == "q":
        return _("words: “%(words)s”") % {"words": value}
    if name == "start":
        return _("from %(date)s") % {"date": formats.date_format(value, "DATE_FORMAT")}
    if name == "end":
        return _("until %(date)s") % {"date": formats.date_format(value, "DATE_FORMAT")}
    if value is True:
        return str(field.label)
    if isinstance(value, str) and hasattr(field, "choices"):  # a model choice is no str
        value = dict(field.choices).get(value, value)
    return _("%(label)s: %(value)s") % {"label": field.label, "value": value}
