"""Who may see or manage which action. Every action view goes through here."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from organizing.collectives.access import ORGANIZING_ROLES
from organizing.collectives.models import Membership

from .models import PUBLIC_STATUSES, Action, HostConsent, LocationVisibility, RsvpStatus


def user_hosts_action(user, action: Action) -> bool:
    """A member (any role) of a collective that accepted to host the action."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user,
        collective__host_links__action=action,
        collective__host_links__consent=HostConsent.ACCEPTED,
    ).exists()


def user_organizes_action(user, action: Action) -> bool:
    """An admin or organizer of an accepted host: may edit, see attendees, announce."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user,
        role__in=ORGANIZING_ROLES,
        collective__host_links__action=action,
        collective__host_links__consent=HostConsent.ACCEPTED,
    ).exists()


def _get(slug: str, queryset: QuerySet | None) -> Action:
    queryset = queryset if queryset is not None else Action.objects.all()
    try:
        return queryset.get(slug=slug)
    except Action.DoesNotExist:
        raise Http404 from None


def get_action_for_user(user, slug: str, *, queryset: QuerySet | None = None) -> Action:
    """The action, or 404: drafts and actions under review only for their hosts and staff."""
    action = _get(slug, queryset)
    if action.status in PUBLIC_STATUSES:
        return action
    if user.is_staff:
        return action
    if user_hosts_action(user, action):
        return action
    raise Http404


def get_action_for_organizer(user, slug: str, *, queryset: QuerySet | None = None) -> Action:
    """For editing, attendees, exports, announcements: 404 for anyone who cannot see it,
    403 for those who can see it but do not organize it."""
    action = get_action_for_user(user, slug, queryset=queryset)
    if user_organizes_action(user, action):
        return action
    if user_hosts_action(user, action) or action.status in PUBLIC_STATUSES:
        raise PermissionDenied
    raise Http404


def can_see_exact_location(user, action: Action, *, rsvp=None) -> bool:
    """Everyone sees the area label and the coarse point; the exact place depends on the
    action's location visibility: everyone, confirmed participants (and organizers), or
    organizers only. `rsvp` is the viewer's own RSVP, if any."""
    if action.location_visibility == LocationVisibility.PUBLIC:
        return True
    if user_organizes_action(user, action):
        return True
    if action.location_visibility == LocationVisibility.HOSTS:
        return False
    return rsvp is not None and rsvp.status == RsvpStatus.CONFIRMED
