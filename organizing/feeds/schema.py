"""The OpenAPI description of the search's query parameters, read from ActionBrowseFilter itself
so that a filter added to the page is documented here too (with its label until DESCRIPTIONS has
a text for it: tests/feeds/test_api.py checks that it does)."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from organizing.actions.filters import ActionBrowseFilter, BoxFilter, FloatFilter

DESCRIPTIONS = {
    "q": "Words from the title or the description (at most 100 characters).",
    "place": "A city, in any language: `Montréal`, `Paris, Texas`. Searches around it.",
    "radius": "Kilometres around the place or position (default 50).",
    "lat": "Latitude of a position to search around (with `lng`); never stored.",
    "lng": "Longitude of a position to search around (with `lat`); never stored.",
    "bbox": "A map area, `south,west,north,east` in degrees (west > east across the ±180° "
    "line). Wins over place and position.",
    "when": "`upcoming` (the default: not over yet) or `past`.",
    "start": "First date, YYYY-MM-DD, in each action's own time zone.",
    "end": "Last date, YYYY-MM-DD, in each action's own time zone.",
    "kind": "Kind of action.",
    "cause": "A cause, by its slug.",
    "host": "A verified collective, by its slug: the actions it accepted to host.",
    "coalition": "A coalition, by its slug.",
    "language": "A language spoken at the action (ISO 639-1 code).",
    "format": "`online` (with an online link) or `in_person` (with a place).",
    "accessible": "`true`: only actions that give accessibility information.",
    "sort": "`soonest` (the default) or `nearest` (with a place or position).",
}


def _choices(filter_) -> list:
    choices = filter_.extra.get("choices") or []
    return [value for value, _label in (choices() if callable(choices) else choices)]


def _schema(filter_) -> dict | OpenApiTypes:
    if isinstance(filter_, BoxFilter | django_filters.ModelChoiceFilter):
        return OpenApiTypes.STR
    choice_filters = django_filters.ChoiceFilter | django_filters.TypedChoiceFilter
    if isinstance(filter_, choice_filters) and (choices := _choices(filter_)):
        kind = "integer" if isinstance(filter_, django_filters.TypedChoiceFilter) else "string"
        return {"type": kind, "enum": choices}
    if isinstance(filter_, FloatFilter):
        return {
            "type": "number",
            "minimum": filter_.extra["min_value"],
            "maximum": filter_.extra["max_value"],
        }
    if isinstance(filter_, django_filters.DateFilter):
        return OpenApiTypes.DATE
    if isinstance(filter_, django_filters.BooleanFilter):
        return OpenApiTypes.BOOL
    schema = {"type": "string"}
    if max_length := filter_.extra.get("max_length"):
        schema["maxLength"] = max_length
    return schema


def _default(name: str, filter_):
    default = ActionBrowseFilter.defaults.get(name)
    return filter_.extra.get("coerce", str)(default) if default is not None else None


def browse_parameters() -> list[OpenApiParameter]:
    """Every search parameter of the browse page, with its type and default."""
    filters = ActionBrowseFilter.base_filters
    return [
        OpenApiParameter(
            name,
            _schema(filters[name]),
            OpenApiParameter.QUERY,
            description=DESCRIPTIONS.get(name) or str(filters[name].label),
            default=_default(name, filters[name]),
        )
        for name in ActionBrowseFilter.Meta.fields
    ]


PAGE_PARAMETER = OpenApiParameter(
    "page",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    description="Page number (20 results a page). A number beyond the last page gives the "
    "last page; anything else, the first.",
)
