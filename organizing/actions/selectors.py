"""Reads of actions. Selectors own select_related/prefetch_related: templates never query."""

from dataclasses import dataclass, field
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from .models import Action, ActionHost, ActionOccurrence, HostConsent


def accepted_hosts_prefetch() -> Prefetch:
    """Hosts shown publicly: only collectives that accepted."""
    return Prefetch(
        "host_links",
        queryset=ActionHost.objects.filter(consent=HostConsent.ACCEPTED).select_related(
            "collective"
        ),
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


def action_browse_page(search, page_number) -> Page:
    """One page of a search's results; a page number that is not one gives the nearest page.
    Queries: the count, the page, its hosts and its causes, whatever the number of results."""
    return Paginator(search.qs, BROWSE_PAGE_SIZE).get_page(page_number)


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


def action_archive_by_country() -> list[CountryArchive]:
    """Public past actions grouped by country, countries by name, actions by date."""
    actions = sorted(
        action_list_queryset().public().past(),
        key=lambda a: (a.country.name or "~", a.starts_at is None, a.starts_at),
    )
    return [
        CountryArchive(
            code=code, name=actions_in[0].country.name or _("Several countries"),
            actions=actions_in,
        )
        for code, group in groupby(actions, key=lambda a: a.country.code or "")
        for actions_in in [list(group)]
    ]


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
