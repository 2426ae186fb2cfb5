"""Who may see or act on coalitions, proposals, solidarity calls and appeals. Every view of the
coalitions app goes through here.

Coalitions and appeals are public records. Acting on them is done *for a collective*: the
user must admin (or, where said, organize) that collective, and the collective must hold the
right place (an active member, a coordinator, the initiator). A user acting for a collective they
do not belong to gets 404, as if the collective did not exist for them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from organizing.accounts.access import acts_as_staff
from organizing.collectives.access import (
    ORGANIZING_ROLES,
    collectives_user_admins,
    membership_of,
)
from organizing.collectives.models import Collective, MembershipRole

from .models import (
    Appeal,
    Coalition,
    CoalitionMembership,
    CoalitionMembershipStatus,
    CoalitionRole,
    CoalitionStatus,
    PartnershipProposal,
    SolidarityCall,
)


def get_coalition_for_user(
    user, slug: str, *, queryset: QuerySet | None = None, public: bool = False
) -> Coalition:
    """Coalitions are public, archived ones too (their record stays); one the moderators hid
    only for staff. `public=True` for output cached for everyone (feeds): staff get the 404
    too."""
    coalition = get_object_or_404(queryset if queryset is not None else Coalition, slug=slug)
    return _unless_hidden(coalition, user, public=public)


def get_appeal_for_user(
    user, slug: str, *, queryset: QuerySet | None = None, public: bool = False
) -> Appeal:
    """Appeals are public; one the moderators hid only for staff (its initiator too gets 404:
    it learns why by email). `public=True` for output cached for everyone (the badge)."""
    appeal = get_object_or_404(queryset if queryset is not None else Appeal, slug=slug)
    return _unless_hidden(appeal, user, public=public)


def _unless_hidden(record, user, *, public: bool):
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


def _role_in(user, collective: Collective) -> str | None:
    membership = membership_of(user, collective)
    return membership.role if membership is not None else None


def get_collective_acting_as_admin(user, collective_id) -> Collective:
    """The collective named in a form (by id) that the user admins, or 404."""
    collective = collectives_user_admins(user).filter(pk=collective_id).first()
    if collective is None:
        raise Http404
    return collective


def user_admins(user, collective: Collective) -> bool:
    return _role_in(user, collective) == MembershipRole.ADMIN


def user_organizes(user, collective: Collective) -> bool:
    return _role_in(user, collective) in ORGANIZING_ROLES


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


# --- proposals -----------------------------------------------------------------------------


def get_proposal_for_user(user, public_id, *, answer: bool = False) -> PartnershipProposal:
    """Admins and organizers of either collective see a proposal; only the receiving
    collective's admins answer it (`answer=True`; 403 for the others who can see it)."""
    proposal = get_object_or_404(
        PartnershipProposal.objects.select_related(
            "from_collective", "to_collective", "coalition", "proposed_by", "decided_by"
        ),
        public_id=public_id,
    )
    may_see = user_organizes(user, proposal.from_collective) or user_organizes(
        user, proposal.to_collective
    )
    if not may_see:
        raise Http404
    if answer and not user_admins(user, proposal.to_collective):
        raise PermissionDenied
    return proposal


def may_withdraw_proposal(user, proposal: PartnershipProposal) -> bool:
    return user_organizes(user, proposal.from_collective)


# --- solidarity calls ----------------------------------------------------------------------


def get_solidarity_call_for_partner(user, pk: int) -> tuple[SolidarityCall, list[Collective]]:
    """A call and the collectives the user may pledge for: active members of the call's
    coalition (other than the caller) that the user admins or organizes. 404 otherwise."""
    call = get_object_or_404(
        SolidarityCall.objects.select_related("action", "coalition", "collective"), pk=pk
    )
    if not user.is_authenticated:
        raise Http404
    _unless_hidden(call.coalition, user, public=True)  # no pledges to a hidden coalition
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


# --- appeals -------------------------------------------------------------------------------


def get_appeal_for_initiator(user, slug: str) -> Appeal:
    """Editing an appeal and inviting signers: admins and organizers of the initiating
    collective (staff edit through the admin). 404 for everyone else who is not staff."""
    appeal = get_appeal_for_user(user, slug, queryset=Appeal.objects.select_related("initiator"))
    if appeal.initiator is not None and user_organizes(user, appeal.initiator):
        return appeal
    raise Http404
