"""Reads of the browse search and the home page: the search's queryset and pages, upcoming
actions near the visitor, the archive by country, the world's figures."""

from dataclasses import dataclass, field
from itertools import groupby

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.fields import Country

from organizing.collectives.models import Collective
from organizing.places.models import City

from ..filters import ActionBrowseFilter
from ..models import Action
from .public import action_list_queryset

BROWSE_PAGE_SIZE = 20


def action_browse_queryset() -> QuerySet[Action]:
    """What browsing, the feeds and the API search among (see filters.ActionBrowseFilter):
    published actions, with what a result shows. Never RSVP data."""
    return action_list_queryset().published()


@dataclass
class NearbyActions:
    city: City
    km: int
    actions: list[Action]
    total: int


HOME_NEARBY_SIZE = 5


def upcoming_near(area) -> NearbyActions | None:
    """The soonest upcoming actions around a remembered (city, km), for the home page."""
    if area is None:
        return None
    city, km = area
    search = ActionBrowseFilter(
        QueryDict(mutable=True), queryset=action_browse_queryset(), remembered=lambda: area
    )
    page = action_browse_page(search, 1, size=HOME_NEARBY_SIZE)
    return NearbyActions(
        city=city, km=km, actions=list(page.object_list), total=page.paginator.count
    )


def action_browse_page(search, page_number, *, size: int = BROWSE_PAGE_SIZE) -> Page:
    """One page of a search's results; a page number that is not one gives the nearest page.
    The count and the page's ids first (on PostgreSQL from the covering index
    action_published_point, without reading rows), then the page's rows, hosts and causes:
    the same five queries whatever the number of results."""
    page = Paginator(search.qs.values_list("pk", flat=True), size).get_page(page_number)
    ids = list(page.object_list)
    rows = {action.pk: action for action in search.qs.filter(pk__in=ids)}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


@dataclass
class CountryArchive:
    """The past actions of one country (or of several countries at once)."""

    code: str
    name: str
    actions: list[Action] = field(default_factory=list)

    @property
    def reported_turnout(self) -> int:
        """Sum of the figures reported as numbers; turnout described in words is not counted."""
        return sum(a.reported_turnout or 0 for a in self.actions)


# The home page shows the latest past actions; the browse page's past archive holds them all.
ARCHIVE_PREVIEW_SIZE = 60


def action_archive_by_country(*, limit: int = ARCHIVE_PREVIEW_SIZE) -> list[CountryArchive]:
    """The latest public past actions (then those of unknown date), grouped by country,
    countries by name, actions by date. Records only: never the synthetic sample data."""
    latest = (
        action_list_queryset()
        .public()
        .not_sample()
        .past()
        .order_by(F("starts_at").desc(nulls_last=True), "-pk")[:limit]
    )
    actions = sorted(
        latest,
        key=lambda a: (a.country.name or "~", a.starts_at is None, a.starts_at),
    )
    return [
        CountryArchive(
            code=code,
            name=actions_in[0].country.name or _("Several countries"),
            actions=actions_in,
        )
        for code, group in groupby(actions, key=lambda a: a.country.code or "")
        for actions_in in [list(group)]
    ]


@dataclass
class CountryActivity:
    code: str
    upcoming: int = 0
    past: int = 0
    collectives: int = 0

    @property
    def name(self) -> str:
        return Country(self.code).name if self.code else _("Several countries")


WORLDWIDE_CACHE_SECONDS = 600


@dataclass
class WorldwideActivity:
    countries: list[CountryActivity]  # the most active first
    collectives: int  # in every country
    upcoming: int = 0  # published actions to come, in every country
    past: int = 0  # published actions over (the archive), in every country


def worldwide_activity(*, limit: int = 25) -> WorldwideActivity:
    """Published actions (upcoming and past) and verified collectives per country. Counting
    every row is slow at a million actions, so the figures are cached for ten minutes."""
    figures = cache.get("worldwide-activity")
    if figures is None:
        figures = _count_by_country(limit)
        cache.set("worldwide-activity", figures, WORLDWIDE_CACHE_SECONDS)
    return figures


def worldwide_activity_forget() -> None:
    """Count again on the next page (after many rows came or went at once)."""
    cache.delete("worldwide-activity")


def _count_by_country(limit: int) -> WorldwideActivity:
    rows: dict[str, CountryActivity] = {}
    now = timezone.now()
    published = Action.objects.published()
    counts = (
        ("upcoming", published.upcoming(now)),
        ("past", published.past(now)),
        ("collectives", Collective.objects.verified()),
    )
    for attribute, queryset in counts:
        for row in queryset.order_by().values("country").annotate(total=Count("pk")):
            code = row["country"] or ""
            activity = rows.setdefault(code, CountryActivity(code=code))
            setattr(activity, attribute, row["total"])
    ranked = sorted(rows.values(), key=lambda r: (-(r.upcoming + r.past), -r.collectives))
    return WorldwideActivity(
        countries=ranked[:limit],
        collectives=sum(r.collectives for r in ranked),
        upcoming=sum(r.upcoming for r in ranked),
        past=sum(r.past for r in ranked),
    )
