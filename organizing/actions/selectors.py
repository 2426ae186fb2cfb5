"""Reads of actions. Selectors own select_related/prefetch_related: templates never query."""

from dataclasses import dataclass, field
from itertools import groupby

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.fields import Country

from organizing.collectives.models import Collective
from organizing.core.links import site_url
from organizing.places.models import City

from .filters import ActionBrowseFilter
from .models import Action, ActionHost, ActionOccurrence, HostConsent


def accepted_hosts_prefetch() -> Prefetch:
    """Hosts shown publicly (`action.accepted_hosts`, read by every page, card, feed, JSON-LD
    and API answer that names hosts): ActionHost.objects.listed(), so a suspended or pending
    co-host is named nowhere, in the same one query."""
    return Prefetch(
        "host_links",
        queryset=ActionHost.objects.listed().select_related("collective"),
        to_attr="accepted_hosts",
    )


def action_detail_queryset() -> QuerySet[Action]:
    """Everything the action page, its calendar file and its JSON-LD show."""
    return action_list_queryset().prefetch_related(
        Prefetch("occurrences", queryset=ActionOccurrence.objects.order_by("starts_at"))
    )


def action_list_queryset() -> QuerySet[Action]:
    return Action.objects.select_related("coalition").prefetch_related(
        accepted_hosts_prefetch(), "causes"
    )


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
    countries by name, actions by date."""
    latest = (
        action_list_queryset()
        .public()
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


def worldwide_activity(*, limit: int = 25) -> WorldwideActivity:
    """Published actions (upcoming and past) and verified collectives per country. Counting
    every row is slow at a million actions, so the figures are cached for ten minutes."""
    figures = cache.get("worldwide-activity")
    if figures is None:
        figures = _count_by_country(limit)
        cache.set("worldwide-activity", figures, WORLDWIDE_CACHE_SECONDS)
    return figures


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
        countries=ranked[:limit], collectives=sum(r.collectives for r in ranked)
    )


def action_map_points(actions) -> list[dict]:
    """Markers for a map: only the public coarse point, never the exact address."""
    return [
        {
            "lat": point[0],
            "lng": point[1],
            "title": action.title,
            "url": action.get_absolute_url(),
            "target": f"result-{action.slug}",
        }
        for action in actions
        if (point := action.coarse_point)
    ]


def collective_public_actions(collective) -> tuple[list[Action], list[Action]]:
    """A collective's public actions, as (upcoming soonest first, past latest first)."""
    actions = list(
        action_list_queryset()
        .public()
        .filter(host_links__collective=collective, host_links__consent=HostConsent.ACCEPTED)
        .order_by("-starts_at")
    )
    upcoming = [action for action in actions if action.starts_at and not action.is_past]
    past = [action for action in actions if action not in upcoming]
    return upcoming[::-1], past


def collective_export_actions(collective) -> list[dict]:
    """The "actions" section of a collective's data export (collectives/exports.py): every
    action it hosts or was asked to host, with its role."""
    return [
        {
            "title": link.action.title,
            "status": link.action.status,
            "role": link.role,
            "starts_at": link.action.starts_at.isoformat() if link.action.starts_at else None,
            "url": site_url(link.action.get_absolute_url()),
        }
        for link in collective.host_links.select_related("action")
    ]
