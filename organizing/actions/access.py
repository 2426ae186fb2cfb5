"""Who may see which action. Every action view goes through here."""

from django.db.models import QuerySet
from django.http import Http404

from organizing.collectives.models import Membership

from .models import PUBLIC_STATUSES, Action, HostConsent


def user_hosts_action(user, action: Action) -> bool:
    """A member of a collective that accepted to host the action."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user,
        collective__host_links__action=action,
        collective__host_links__consent=HostConsent.ACCEPTED,
    ).exists()


def get_action_for_user(user, slug: str, *, queryset: QuerySet | None = None) -> Action:
    """The action, or 404: drafts and actions under review only for their hosts and staff."""
    queryset = queryset if queryset is not None else Action.objects.all()
    try:
        action = queryset.get(slug=slug)
    except Action.DoesNotExist:
        raise Http404 from None
    if action.status in PUBLIC_STATUSES:
        return action
    if user.is_staff:
        return action
    if user_hosts_action(user, action):
        return action
    raise Http404
