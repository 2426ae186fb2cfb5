"""Who may see or act on partnership proposals. Every view of the partners app goes through
here (the suggestions page and the inbox use `collectives.access`'s doors for the collective).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from organizing.collectives.access import user_admins, user_organizes

from .models import PartnershipProposal


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
