"""Reads of actions for their pages (the action page, lists, a collective's actions, its
export). Selectors own select_related/prefetch_related: templates never query."""

from django.db.models import Prefetch, QuerySet

from organizing.core.links import site_url

from ..models import Action, ActionHost, ActionOccurrence, HostConsent


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
