"""Who may see or manage which collective. Every collective view goes through here."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from .models import Collective, CollectiveStatus, Membership, MembershipRole

# Roles that may post actions for the collective.
ORGANIZING_ROLES = (MembershipRole.ADMIN, MembershipRole.ORGANIZER)


def membership_of(user, collective: Collective) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, collective=collective).first()


def is_moderator(user) -> bool:
    return user.is_authenticated and user.is_staff


def get_collective_for_user(
    user, slug: str, *, queryset: QuerySet | None = None
) -> Collective:
    """Verified collectives are public; pending or suspended ones only for members and staff."""
    queryset = queryset if queryset is not None else Collective.objects.all()
    try:
        collective = queryset.get(slug=slug)
    except Collective.DoesNotExist:
        raise Http404 from None
    if collective.status == CollectiveStatus.VERIFIED:
        return collective
    if is_moderator(user):
        return collective
    if membership_of(user, collective) is not None:
        return collective
    raise Http404


def get_collective_for_member(
    user, slug: str, *, queryset: QuerySet | None = None
) -> tuple[Collective, Membership]:
    """For pages every member may use (the members list, leaving): 404 for everyone else."""
    queryset = queryset if queryset is not None else Collective.objects.all()
    try:
        collective = queryset.get(slug=slug)
    except Collective.DoesNotExist:
        raise Http404 from None
    membership = membership_of(user, collective)
    if membership is None:
        raise Http404
    return collective, membership


def get_collective_for_admin(
    user, slug: str, *, queryset: QuerySet | None = None
) -> tuple[Collective, Membership]:
    """For settings and member management: 404 for outsiders, 403 for members who are not admins.

    Moderators act through the Django admin, not through these pages.
    """
    collective, membership = get_collective_for_member(user, slug, queryset=queryset)
    if membership.role != MembershipRole.ADMIN:
        raise PermissionDenied
    return collective, membership


def get_collective_for_organizer(
    user, slug: str, *, queryset: QuerySet | None = None
) -> tuple[Collective, Membership]:
    """For pages admins and organizers use (partner suggestions, the inbox, drafting appeals):
    404 for outsiders, 403 for plain members."""
    collective, membership = get_collective_for_member(user, slug, queryset=queryset)
    if membership.role not in ORGANIZING_ROLES:
        raise PermissionDenied
    return collective, membership


def collectives_user_admins(user) -> QuerySet[Collective]:
    """The collectives this user may speak for (consent, sign, accept): those they admin."""
    if not user.is_authenticated:
        return Collective.objects.none()
    return Collective.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.ADMIN
    ).order_by("name")


def collectives_user_organizes(user) -> QuerySet[Collective]:
    """The collectives this user may act for as admin or organizer (propose, draft, call)."""
    if not user.is_authenticated:
        return Collective.objects.none()
    return Collective.objects.filter(
        memberships__user=user, memberships__role__in=ORGANIZING_ROLES
    ).order_by("name")
