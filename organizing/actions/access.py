"""Who may see or manage which action. Every action view goes through here."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from organizing.accounts.access import acts_as_staff
from organizing.collectives.access import (
    ORGANIZING_ROLES,
    collectives_user_organizes,
    user_admins,
    user_organizes,
)
from organizing.collectives.models import Collective, CollectiveStatus, Membership

from .models import (
    PUBLIC_STATUSES,
    Action,
    ActionHost,
    HostConsent,
    HostRole,
    LocationVisibility,
    RsvpStatus,
)


def user_may_post_for(user, collective: Collective) -> bool:
    """Who may post an action for a collective: its admins and organizers, unless it is
    suspended. The posting service checks it; `collectives_user_may_post_for` is the same rule
    as a query, for the posting form's choices."""
    return collective.status != CollectiveStatus.SUSPENDED and user_organizes(user, collective)


def collectives_user_may_post_for(user) -> QuerySet[Collective]:
    """The collectives `user_may_post_for`, by name: those the user organizes, but suspended."""
    return collectives_user_organizes(user).exclude(status=CollectiveStatus.SUSPENDED)


def user_may_answer_host_invitation(user, host_link: ActionHost) -> bool:
    """Who may accept or decline an invitation to co-host or support an action: the invited
    collective's admins (its organizers may not commit it). The page and the service ask this."""
    return user_admins(user, host_link.collective)


def get_host_invitation_for_admin(user, slug: str, pk: int) -> ActionHost:
    """The invitation (never the lead's own link), for those who may answer it: 404 for
    everyone else."""
    host_link = get_object_or_404(
        ActionHost.objects.select_related("action", "collective").exclude(role=HostRole.LEAD),
        pk=pk,
        action__slug=slug,
    )
    if not user_may_answer_host_invitation(user, host_link):
        raise Http404
    return host_link


def user_hosts_action(user, action: Action) -> bool:
    """A member (any role) of a collective that accepted to host the action."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user,
        collective__host_links__action=action,
        collective__host_links__consent=HostConsent.ACCEPTED,
    ).exists()


def _organizing_host_links(user, action: Action) -> QuerySet:
    """The action's host links of collectives where the user is an admin or organizer."""
    return ActionHost.objects.filter(
        action=action,
        collective__memberships__user=user,
        collective__memberships__role__in=ORGANIZING_ROLES,
    )


def user_leads_action(user, action: Action) -> bool:
    """An admin or organizer of the lead host: decides which co-hosts see the attendees."""
    if not user.is_authenticated:
        return False
    return _organizing_host_links(user, action).filter(role=HostRole.LEAD).exists()


def user_sees_attendees(user, action: Action) -> bool:
    """Attendee personal data (list, CSV, RSVP decisions, the hosts-only place): admins and
    organizers of the lead host, or of an accepted co-host the lead granted `attendee_access`.
    Never a supporter, never a co-host that was only invited or has no grant."""
    if not user.is_authenticated:
        return False
    # A suspended (or never verified) co-host keeps its grant on record but loses its use, so
    # lifting a suspension restores it exactly and a suspended collective reads nobody's data.
    granted = Q(
        role=HostRole.CO_HOST,
        consent=HostConsent.ACCEPTED,
        attendee_access=True,
        collective__status=CollectiveStatus.VERIFIED,
    )
    return _organizing_host_links(user, action).filter(Q(role=HostRole.LEAD) | granted).exists()


def user_organizes_action(user, action: Action) -> bool:
    """May edit, publish, cancel, invite and announce. The same people as
    `user_sees_attendees`: the edit form holds the exact place and announcements go to the
    attendees, so a co-host runs the action with the lead only once the lead trusts it with the
    people and the place (one grant, `ActionHost.attendee_access`)."""
    return user_sees_attendees(user, action)


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
    if acts_as_staff(user):
        return action
    if user_hosts_action(user, action):
        return action
    raise Http404


def _get_action_if(may, user, slug: str, queryset: QuerySet | None) -> Action:
    """The action when `may(user, action)`; 403 for those who can see it anyway, else 404."""
    action = get_action_for_user(user, slug, queryset=queryset)
    if may(user, action):
        return action
    if user_hosts_action(user, action) or action.status in PUBLIC_STATUSES:
        raise PermissionDenied
    raise Http404


def get_action_for_organizer(user, slug: str, *, queryset: QuerySet | None = None) -> Action:
    """For editing and announcements: 404 for anyone who cannot see it, 403 for those who can
    see it but do not organize it."""
    return _get_action_if(user_organizes_action, user, slug, queryset)


def get_action_for_attendees(user, slug: str, *, queryset: QuerySet | None = None) -> Action:
    """For the attendee list, its CSV and RSVP decisions: 404 for anyone who cannot see the
    action, 403 for those who can see it but may not see its attendees."""
    return _get_action_if(user_sees_attendees, user, slug, queryset)


def reveal_at(action: Action) -> dt.datetime | None:
    """When confirmed participants start to see the exact place, if the hosts chose to reveal
    it only `reveal_hours_before` the start; None when it is shown as soon as they are in."""
    if action.location_visibility != LocationVisibility.PARTICIPANTS:
        return None
    if action.reveal_hours_before is None or action.starts_at is None:
        return None
    return action.starts_at - dt.timedelta(hours=action.reveal_hours_before)


def location_revealed(action: Action, *, now: dt.datetime | None = None) -> bool:
    """Whether the reveal time (if any) has come."""
    moment = reveal_at(action)
    return moment is None or (now or timezone.now()) >= moment


def participant_sees_exact_location(action: Action, rsvp, *, now=None) -> bool:
    """The rule for a participant (page, `.ics` and every email sent to them): the exact place
    when it is public, or for participants once confirmed and the reveal time has come."""
    if action.location_visibility == LocationVisibility.PUBLIC:
        return True
    if action.location_visibility == LocationVisibility.HOSTS:
        return False
    if rsvp is None or rsvp.status != RsvpStatus.CONFIRMED:
        return False
    return location_revealed(action, now=now)


def can_see_exact_location(user, action: Action, *, rsvp=None, now=None) -> bool:
    """Everyone sees the area label and the coarse point; the exact place depends on the
    action's location visibility: everyone, confirmed participants (from the reveal time, if
    the hosts set one) and those who see the attendees, or only those who see the attendees.
    `rsvp` is the viewer's own RSVP, if any."""
    if action.location_visibility == LocationVisibility.PUBLIC:
        return True
    if user_sees_attendees(user, action):
        return True
    return participant_sees_exact_location(action, rsvp, now=now)


def exact_location_is_public(action: Action) -> bool:
    """Whether anyone at all (an anonymous visitor) may see the exact venue, address and point:
    the rule for outputs that get shared, cached or indexed, whoever asked for them."""
    return can_see_exact_location(AnonymousUser(), action)
