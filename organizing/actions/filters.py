"""The browse search: the only query parameters that reach the database, shared by the page
/actions/, its feeds and the JSON API.

Where (one area; the first given wins): place (a city typed in any language), bbox
("south,west,north,east", the map's "search this area"), lat + lng (the browser's position; never
stored), or else the area remembered from an earlier visit (when no place was sent).
radius: km, one of RADIUS_CHOICES_KM.
When: when (upcoming, the default, or past), start and end (local dates in each action's own
time zone). What: q (words), kind, cause, host (a collective), coalition, language, format
(online or in person), accessible (accessibility information given). sort: soonest or nearest.
Anything else in the query string is ignored; a value that cannot be used is set aside and
reported (see core.filtering).
"""

from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django import forms
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from organizing.collectives.forms.profile import LANGUAGE_CHOICES
from organizing.collectives.models import Collective
from organizing.core.filtering import ForgivingFilterSet
from organizing.core.forms import QuickSelect
from organizing.core.models import Cause
from organizing.core.search import text_search
from organizing.places.forms import (
    DEFAULT_RADIUS_KM,
    city_from_search,
    radius_choices,
    wider_radius,
)
from organizing.places.models import City
from organizing.places.selectors import near_or_naming

from .models import Action, ActionHost, ActionKind, ActionOccurrence, ActionPlace

MAX_TEXT_LENGTH = 100
# Where to search: the parameters of the area (SearchArea), as opposed to filters.
AREA_PARAMS = ("place", "radius", "lat", "lng", "bbox")


def place_sent(query) -> bool:
    """Whether the query names a place (even empty: anywhere); if not, the remembered area
    is searched."""
    return "place" in query


def _coalitions(request=None) -> QuerySet:
    """The coalitions the `coalition` filter knows (by slug), but those the moderators hid.
    Coalitions stand on the floor above actions: their model is reached through the foreign
    key `Action.coalition`, which already declares the dependency, rather than imported; and
    only when a search is built, once every model is loaded."""
    coalition_model = Action._meta.get_field("coalition").related_model
    return coalition_model.objects.filter(hidden_at__isnull=True)


class Period(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    PAST = "past", _("Past actions")


class Sort(models.TextChoices):
    SOONEST = "soonest", _("Soonest first")
    NEAREST = "nearest", _("Nearest first")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


@dataclass(frozen=True)
class SearchArea:
    """Where the search looks: around a point (a city or a position), or in a map's box."""

    label: str
    source: str  # "place", "position", "map" or "remembered"
    km: int = DEFAULT_RADIUS_KM
    lat: float | None = None
    lng: float | None = None
    box: tuple[float, float, float, float] | None = None  # south, west, north, east
    city: City | None = None

    @property
    def has_centre(self) -> bool:
        return self.lat is not None

    @property
    def is_remembered(self) -> bool:
        """The area remembered from an earlier visit, not one sent with this search."""
        return self.source == "remembered"


class FloatFilter(django_filters.Filter):
    field_class = forms.FloatField


class BoxField(forms.CharField):
    """The map's visible area as "south,west,north,east" in degrees; west > east when the
    box crosses the ±180° line."""

    def clean(self, value) -> tuple[float, float, float, float] | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            south, west, north, east = (float(part) for part in text.split(","))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        on_globe = all(-90 <= lat <= 90 for lat in (south, north)) and all(
            -180 <= lng <= 180 for lng in (west, east)
        )
        if not on_globe or south >= north:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return (south, west, north, east)


class BoxFilter(django_filters.Filter):
    field_class = BoxField


def _coordinate_errors(out_of_range: str) -> dict:
    return {
        "invalid": _("That position is not on the globe, so the search is not limited to it."),
        "min_value": out_of_range,
        "max_value": out_of_range,
    }


def _set_aside_message(what: str) -> dict:
    return {"invalid_choice": what, "invalid": what}


class ActionBrowseForm(forms.Form):
    def clean_place(self) -> City | None:
        text = self.cleaned_data["place"]
        return city_from_search(text) if text else None

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lng") is None):
            self.add_error(
                "lat",
                _(
                    "Your position needs both a latitude and a longitude, so "
                    "the search is not limited to it."
                ),
            )
            data.pop("lat", None)
            data.pop("lng", None)
        return data


def _unused(queryset, name, value):
    """Filters read together by ActionBrowseFilter.filter_queryset."""
    return queryset


class ActionBrowseFilter(ForgivingFilterSet):
    q = django_filters.CharFilter(
        label=_("Words"),
        method="filter_text",
        max_length=MAX_TEXT_LENGTH,
        widget=forms.SearchInput,
        help_text=_("Words from the title or the description."),
        error_messages={
            "max_length": _(
                "Please search with at most %(limit_value)d characters (this has %(show_value)d); "
                "the words were left out of the search."
            )
        },
    )
    place = django_filters.CharFilter(
        label=_("Near"),
        method=_unused,
        max_length=MAX_TEXT_LENGTH,
        help_text=_("A city, in any language: “Montréal”, “Paris, Texas”."),
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
        label=_("Within"),
        method=_unused,
        coerce=int,
        initial=DEFAULT_RADIUS_KM,
        choices=radius_choices,
        error_messages=_set_aside_message(
            _(
                "“%(value)s” is not one of the distances offered, so the search used the default "
                "distance."
            )
        ),
    )
    lat = FloatFilter(
        label=_("Latitude"),
        method=_unused,
        widget=forms.HiddenInput,
        min_value=-90,
        max_value=90,
        error_messages=_coordinate_errors(_("A latitude is between -90 and 90.")),
    )
    lng = FloatFilter(
        label=_("Longitude"),
        method=_unused,
        widget=forms.HiddenInput,
        min_value=-180,
        max_value=180,
        error_messages=_coordinate_errors(_("A longitude is between -180 and 180.")),
    )
    bbox = BoxFilter(
        label=_("Map area"),
        method=_unused,
        widget=forms.HiddenInput,
        max_length=100,
        error_messages={
            "invalid": _(
                "That map area is not one we understand, so the search is not limited to it."
            )
        },
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        method=_unused,
        choices=Period.choices,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages=_set_aside_message(
            _("“%(value)s” is not a choice we know, so upcoming actions are shown.")
        ),
    )
    start = django_filters.DateFilter(
        label=_("From"),
        method=_unused,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=_set_aside_message(
            _("Please give the first date as YYYY-MM-DD; it was left out of the search.")
        ),
    )
    end = django_filters.DateFilter(
        label=_("Until"),
        method=_unused,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=_set_aside_message(
            _("Please give the last date as YYYY-MM-DD; it was left out of the search.")
        ),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of action"),
        choices=ActionKind.choices,
        empty_label=_("Any kind"),
        error_messages=_set_aside_message(
            _("“%(value)s” is not a kind of action we know, so every kind is shown.")
        ),
    )
    cause = django_filters.ModelChoiceFilter(
        label=_("Cause"),
        field_name="causes",
        queryset=Cause.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Any cause"),
        error_messages=_set_aside_message(
            _("That is not a cause we know, so every cause is shown.")
        ),
    )
    host = django_filters.ModelChoiceFilter(
        label=_("Hosted by"),
        method="filter_host",
        queryset=Collective.objects.verified(),
        to_field_name="slug",
        widget=forms.HiddenInput,
        error_messages=_set_aside_message(
            _("That is not a collective we know, so actions of every host are shown.")
        ),
    )
    coalition = django_filters.ModelChoiceFilter(
        label=_("Coalition"),
        field_name="coalition",
        queryset=_coalitions,
        to_field_name="slug",
        widget=forms.HiddenInput,
        error_messages=_set_aside_message(
            _("That is not a coalition we know, so actions of every coalition are shown.")
        ),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        method="filter_language",
        choices=LANGUAGE_CHOICES,
        empty_label=_("Any language"),
        error_messages=_set_aside_message(
            _("“%(value)s” is not a language code we know, so every language is shown.")
        ),
    )
    format = django_filters.ChoiceFilter(
        label=_("Online or in person"),
        method="filter_format",
        choices=Format.choices,
        empty_label=_("Either"),
        error_messages=_set_aside_message(
            _("“%(value)s” is not a choice we know, so both are shown.")
        ),
    )
    accessible = django_filters.BooleanFilter(
        label=_("With accessibility information"),
        method="filter_accessible",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        method=_unused,
        choices=Sort.choices,
        empty_label=None,
        error_messages=_set_aside_message(
            _("“%(value)s” is not an order we know, so the soonest come first.")
        ),
    )

    defaults = {"radius": str(DEFAULT_RADIUS_KM), "when": Period.UPCOMING, "sort": Sort.SOONEST}

    class Meta:
        model = Action
        # The allow-list: no other parameter (ordering, status, lookups...) reaches the ORM.
        fields = [
            "q",
            "place",
            "radius",
            "lat",
            "lng",
            "bbox",
            "when",
            "start",
            "end",
            "kind",
            "cause",
            "host",
            "coalition",
            "language",
            "format",
            "accessible",
            "sort",
        ]
        form = ActionBrowseForm

    def __init__(
        self,
        data=None,
        *args,
        remembered: Callable[[], tuple[City, int] | None] | None = None,
        now=None,
        **kwargs,
    ):
        """`remembered` gives the area of the visitor's last search, asked only when needed."""
        self.place_sent = data is not None and place_sent(data)
        super().__init__(data, *args, **kwargs)
        _style_widgets(self.form)
        self.now = now or timezone.now()
        self.remembered = remembered
        self.area = self._area()

    # What the search looks at

    def _area(self) -> SearchArea | None:
        km = self.value("radius") or DEFAULT_RADIUS_KM
        if city := self.value("place"):
            return SearchArea(
                label=city.label,
                source="place",
                km=km,
                city=city,
                lat=city.latitude,
                lng=city.longitude,
            )
        if box := self.value("bbox"):
            return SearchArea(label=_("the map area"), source="map", box=box, km=km)
        if self.value("lat") is not None:
            return SearchArea(
                label=_("your position"),
                source="position",
                km=km,
                lat=self.value("lat"),
                lng=self.value("lng"),
            )
        if (
            self.remembered
            and not self.is_searching_by_text_place
            and (remembered := self.remembered())
        ):
            city, remembered_km = remembered
            # Shown in the form as if typed, so that the visitor sees what the search used.
            self.form.data["place"], self.form.data["radius"] = city.label, str(remembered_km)
            return SearchArea(
                label=city.label,
                source="remembered",
                km=remembered_km,
                city=city,
                lat=city.latitude,
                lng=city.longitude,
            )
        return None

    @property
    def is_searching_by_text_place(self) -> bool:
        """The place field was sent (even empty, meaning anywhere, or a place we could not
        find): the remembered area gives way."""
        return self.place_sent

    @property
    def is_past(self) -> bool:
        return self.value("when") == Period.PAST

    @property
    def order(self) -> str:
        nearest = self.value("sort") == Sort.NEAREST and self.area and self.area.has_centre
        return Sort.NEAREST if nearest else Sort.SOONEST

    @property
    def wider_radius_km(self) -> int | None:
        return wider_radius(self.area.km) if self.area and self.area.has_centre else None

    @property
    def has_filters(self) -> bool:
        """Whether a filter beyond place and dates is in use (the page opens "More filters")."""
        return (
            any(
                self.value(name)
                for name in ("kind", "cause", "language", "format", "q", "accessible")
            )
            or self.order != Sort.SOONEST
        )

    @property
    def has_date_range(self) -> bool:
        return bool(self.value("start") or self.value("end"))

    def query_params(self) -> QueryDict:
        """This search as query parameters, for feed links and saved alerts: the values that
        were used (the remembered area included), never the browser's position."""
        params = QueryDict(mutable=True)
        if self.area and self.area.city:
            # In English: the gazetteer reads country names in English, whatever the language
            # of the page ("London, Kanada" would find London, UK).
            with translation.override("en"):
                params["place"] = self.area.city.label
            params["radius"] = str(self.area.km)
        for name in self.Meta.fields:
            if name in AREA_PARAMS or name in self.form.errors:
                continue
            value = self.form.data.get(name, "")
            if value and value != self.defaults.get(name):
                params[name] = value
        if self.area and self.area.box:
            params["bbox"] = self.form.data["bbox"]
        return params

    # Filtering

    def filter_queryset(self, queryset: QuerySet[Action]) -> QuerySet[Action]:
        queryset = super().filter_queryset(queryset)
        queryset = self._in_time(queryset)
        queryset = self._in_area(queryset)
        return self._ordered(queryset)

    def _in_time(self, queryset):
        queryset = queryset.past(self.now) if self.is_past else queryset.upcoming(self.now)
        start, end = self.value("start"), self.value("end")
        if start:
            queryset = queryset.filter(ends_on__gte=start)
        if end:
            queryset = queryset.filter(starts_on__lte=end)
        if start or end:
            # A series matches only when one of its dates falls in the range.
            dates = ActionOccurrence.objects.filter(action=OuterRef("pk"), is_cancelled=False)
            if start:
                dates = dates.filter(starts_on__gte=start)
            if end:
                dates = dates.filter(starts_on__lte=end)
            queryset = queryset.filter(Q(recurrence_until__isnull=True) | Exists(dates))
        return queryset

    def _in_area(self, queryset):
        area = self.area
        if area is None:
            return queryset
        if area.box:
            return _in_box(queryset, area.box)
        # Near its own public point, or near one of the further cities it names (a record
        # of a whole country found near each city it names).
        return near_or_naming(
            queryset,
            lat=area.lat,
            lng=area.lng,
            km=area.km,
            lat_field="public_latitude",
            lng_field="public_longitude",
            named=ActionPlace.objects.all(),
            named_owner="action",
        )

    def _ordered(self, queryset):
        queryset = with_next_date(queryset, now=self.now)
        if self.order == Sort.NEAREST:
            return queryset.order_by("distance_km", "next_starts_at", "pk")
        if self.is_past:
            return queryset.order_by(F("starts_at").desc(nulls_last=True), "-pk")
        return queryset.order_by("next_starts_at", "pk")

    def filter_text(self, queryset, name, value):
        return text_search(queryset, text=value, fields=("title", "description"))

    def filter_host(self, queryset, name, value):
        # The actions that name this host in public: the same rule as the listed hosts.
        listed = ActionHost.objects.listed().filter(collective=value)
        return queryset.filter(pk__in=listed.values("action_id"))

    def filter_language(self, queryset, name, value):
        # The JSON list as text holds "fr" with its quotes: the same on SQLite and PostgreSQL.
        return queryset.filter(languages__icontains=f'"{value}"')

    def filter_format(self, queryset, name, value):
        if value == Format.ONLINE:
            return queryset.exclude(online_url="")
        return queryset.filter(Q(public_latitude__isnull=False) | ~Q(city=""))

    def filter_accessible(self, queryset, name, value):
        return queryset.exclude(accessibility_info="") if value else queryset


def _style_widgets(form) -> None:
    """Bootstrap classes: the page renders these fields by hand (crispy is too slow for a page
    served this often; see bench/RESULTS.md)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.RadioSelect):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            field.widget = widget = QuickSelect(attrs=widget.attrs, choices=widget.choices)
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = css


def _in_box(queryset, box):
    south, west, north, east = box
    inside = Q(public_latitude__range=(south, north))
    if west <= east:
        return queryset.filter(inside, public_longitude__range=(west, east))
    # The box crosses the ±180° line.
    return queryset.filter(inside & (Q(public_longitude__gte=west) | Q(public_longitude__lte=east)))


def with_next_date(queryset: QuerySet[Action], *, now) -> QuerySet[Action]:
    """Annotate `next_starts_at`: a weekly series' next date that is not over or cancelled;
    any other action's start. The subquery runs for series only."""
    next_date = (
        ActionOccurrence.objects.filter(action=OuterRef("pk"), is_cancelled=False)
        .filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now))
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return queryset.annotate(
        next_starts_at=Case(
            When(
                recurrence_until__gte=timezone.localdate(now),
                then=Coalesce(Subquery(next_date), F("starts_at")),
            ),
            default=F("starts_at"),
        )
    )
