"""Who may see or act on coalitions and solidarity calls. Every view of the coalitions app goes
through here.

Coalitions are public records. Acting on them is done *for a collective*: the
user must admin (or, where said, organize) that collective, and the collective must hold the
right place (an active member, a coordinator). A user acting for a collective they
do not belong to gets 404, as if the collective did not exist for them.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from organizing.accounts.access import acts_as_staff
from organizing.collectives.access import (
    ORGANIZING_ROLES,
    user_admins,
)
from organizing.collectives.models import Collective, MembershipRole

from .models import (
    Coalition,
    CoalitionMembership,
    CoalitionMembershipStatus,
    CoalitionRole,
    CoalitionStatus,
    SolidarityCall,
)


def get_coalition_for_user(
    user, slug: str, *, queryset: QuerySet | None = None, public: bool = False
) -> Coalition:
    """Coalitions are public, archived ones too (their record stays); one the moderators hid
    only for staff. `public=True` for output cached for everyone (feeds): staff get the 404
    too."""
    coalition = get_object_or_404(queryset if queryset is not None else Coalition, slug=slug)
    return unless_hidden(coalition, user, public=public)


def unless_hidden(record, user, *, public: bool):
    """A record the moderators hid (`hidden_at`) is for staff only, and for nobody in output
    cached for everyone (`public`)."""
    if record.hidden_at is None:
        return record
    if public:
        raise Http404
    if acts_as_staff(user):
        return record
    raise Http404


# --- acting for a collective ---------------------------------------------------------------


# --- coalitions ----------------------------------------------------------------------------


def active_memberships_user_admins(user, coalition: Coalition) -> list[CoalitionMembership]:
    """The coalition's active members that this user admins: who they may consent, invite or
    leave for."""
    if not user.is_authenticated:
        return []
    return list(
        CoalitionMembership.objects.filter(
            coalition=coalition,
            status=CoalitionMembershipStatus.ACTIVE,
            collective__memberships__user=user,
            collective__memberships__role=MembershipRole.ADMIN,
        )
        .select_related("collective")
        .order_by("collective__name")
    )


def get_coalition_membership_for_admin(
    user, coalition: Coalition, collective_id
) -> CoalitionMembership:
    """The active membership of a collective the user admins (consent, invite, leave, edit the
    points, call for solidarity), or 404."""
    for membership in active_memberships_user_admins(user, coalition):
        if str(membership.collective_id) == str(collective_id):
            return membership
    raise Http404


def is_coordinator(user, coalition: Coalition) -> bool:
    """An admin of an active coordinating member: approves requests to join."""
    return any(
        membership.role == CoalitionRole.COORDINATOR
        for membership in active_memberships_user_admins(user, coalition)
    )


def collective_may_post_for(collective: Collective, coalition: Coalition) -> bool:
    """An action is posted for a coalition by one of its active members, while the coalition
    is active (the posting form's choices, its check and the service's)."""
    if coalition.status != CoalitionStatus.ACTIVE:
        return False
    return coalition.memberships.filter(
        collective=collective, status=CoalitionMembershipStatus.ACTIVE
    ).exists()


def get_pending_membership_for_answer(user, coalition: Coalition, pk: int) -> CoalitionMembership:
    """An invitation is answered by the invited collective's admins; a request to join by the
    coalition's coordinators. Anyone else: 404."""
    membership = get_object_or_404(
        CoalitionMembership.objects.select_related("collective", "coalition"),
        pk=pk,
        coalition=coalition,
    )
    invited = membership.status == CoalitionMembershipStatus.INVITED
    if invited and user_admins(user, membership.collective):
        return membership
    requested = membership.status == CoalitionMembershipStatus.REQUESTED
    if requested and is_coordinator(user, coalition):
        return membership
    raise Http404


# --- solidarity calls ----------------------------------------------------------------------


def get_solidarity_call_for_partner(user, pk: int) -> tuple[SolidarityCall, list[Collective]]:
    """A call and the collectives the user may pledge for: active members of the call's
    coalition (other than the caller) that the user admins or organizes. 404 otherwise."""
    call = get_object_or_404(
        SolidarityCall.objects.select_related("action", "coalition", "collective"), pk=pk
    )
    if not user.is_authenticated:
        raise Http404
    unless_hidden(call.coalition, user, public=True)  # no pledges to a hidden coalition
    collectives = list(
        Collective.objects.filter(
            coalition_memberships__coalition=call.coalition,
            coalition_memberships__status=CoalitionMembershipStatus.ACTIVE,
            memberships__user=user,
            memberships__role__in=ORGANIZING_ROLES,
        )
        .exclude(pk=call.collective_id)
        .distinct()
        .order_by("name")
    )
    if not collectives:
        raise Http404
    return call, collectives
