"""What can be reported: only what the reporter can see."""

import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from organizing.actions.access import get_action_for_attendees, get_action_for_user
from organizing.actions.models import Rsvp
from organizing.appeals.access import get_appeal_for_user
from organizing.coalitions.access import get_coalition_for_user
from organizing.collectives.access import (
    contact_sender_from_key,
    get_collective_for_member,
    get_collective_for_user,
    user_organizes,
)
from organizing.collectives.models import Collective, Membership
from organizing.partners.access import get_proposal_for_user

from .models import ReportTarget

TARGET_LOOKUPS = {
    ReportTarget.ACTION: get_action_for_user,
    ReportTarget.COLLECTIVE: get_collective_for_user,
    ReportTarget.COALITION: get_coalition_for_user,
    ReportTarget.APPEAL: get_appeal_for_user,
}


def get_report_target_for_user(user, kind: str, slug: str):
    """The object being reported, or 404 (unknown kind, unknown or hidden object)."""
    if kind not in TARGET_LOOKUPS:
        raise Http404
    return TARGET_LOOKUPS[kind](user, slug)


# --- people ----------------------------------------------------------------------------------
# A person is reported from a page where the reporter saw them, named in the link as
# "<page>:<key>". Each finder checks the reporter may see that page and the person is on it,
# and returns the page's name and key as the report keeps them for the moderators (a relayed
# message by its collective, not its signed key); 404 otherwise.


def _uuid_or_404(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def _seen_among_members(user, person, slug: str) -> tuple[str, str]:
    collective, _membership = get_collective_for_member(user, slug)
    if not Membership.objects.filter(collective=collective, user=person).exists():
        raise Http404
    return collective.name, collective.slug


def _seen_among_attendees(user, person, slug: str) -> tuple[str, str]:
    try:
        action = get_action_for_attendees(user, slug)
    except PermissionDenied:  # can see the action, not its attendees: nothing to report from
        raise Http404 from None
    if not Rsvp.objects.filter(action=action, user=person, anonymized_at__isnull=True).exists():
        raise Http404
    return action.title, action.slug


def _seen_as_proposal_author(user, person, public_id: str) -> tuple[str, str]:
    proposal = get_proposal_for_user(user, _uuid_or_404(public_id))
    if not user_organizes(user, proposal.to_collective):  # the receiving side reports
        raise Http404
    if proposal.proposed_by_id != person.pk:
        raise Http404
    return proposal.from_collective.name, str(proposal.public_id)


def _seen_as_message_sender(user, person, key: str) -> tuple[str, str]:
    proof = contact_sender_from_key(key)
    if proof is None:
        raise Http404
    collective_id, sender_public_id = proof
    if sender_public_id != str(person.public_id):
        raise Http404
    collective = Collective.objects.filter(pk=collective_id).first()
    if collective is None:
        raise Http404
    get_collective_for_member(user, collective.slug)  # those the message was relayed to
    return collective.name, collective.slug


PERSON_CONTEXTS = {
    "members": _seen_among_members,
    "attendees": _seen_among_attendees,
    "proposal": _seen_as_proposal_author,
    "message": _seen_as_message_sender,
}


def get_reported_person_for_user(user, public_id: str, where: str) -> tuple:
    """(the person, where they were reported from) for a signed-in reporter who saw them on a
    member-only page (`where`, e.g. "members:<collective slug>"); 404 otherwise, and for
    reporting oneself. The person is named by their random public id, never an email or id."""
    if not user.is_authenticated:
        raise Http404
    person = get_user_model().objects.filter(public_id=_uuid_or_404(public_id)).first()
    if person is None:
        raise Http404
    if person.pk == user.pk:
        raise Http404
    page, _colon, key = (where or "").partition(":")
    if page not in PERSON_CONTEXTS:
        raise Http404
    label, kept_key = PERSON_CONTEXTS[page](user, person, key)
    return person, {"page": page, "key": kept_key, "label": label}
