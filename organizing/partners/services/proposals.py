"""Partnership proposals: one collective proposes to another to form a new coalition together,
or to join one of its coalitions; the other collective's admins accept or decline.

At most one proposal waits between two collectives, whichever way it goes: the database holds
one pending proposal per ordered pair, and `proposal_create` locks both collectives' rows so
that two crossing proposals (A to B and B to A at the same instant) queue up too. Every answer
is an email to the admins of both sides, written to the outbox in the same transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizing.accounts.models import NotificationKind
from organizing.accounts.notifications import notification_send_many
from organizing.coalitions.models import Coalition, CoalitionMembership
from organizing.coalitions.services.coalitions import coalition_create, membership_activate
from organizing.collectives.access import user_admins
from organizing.collectives.models import Collective
from organizing.collectives.selectors import blocked_between, collectives_admin_users
from organizing.core.links import site_url

from ..models import PartnershipProposal, ProposalKind, ProposalStatus
from ..selectors.proposals import joinable_coalitions, pending_between
from .common import PartnerError

if TYPE_CHECKING:
    from organizing.accounts.models import User


class ProposalError(PartnerError):
    """A refused proposal; `field` names the form field the message belongs to (None: the
    form as a whole)."""


class CrossingProposal(ProposalError):
    """The other collective already proposed to this one: answer theirs instead."""

    def __init__(self, proposal: PartnershipProposal):
        super().__init__(
            _(
                "%(name)s has already proposed a partnership to your collective: answer their "
                "proposal instead."
            )
            % {"name": proposal.from_collective.name}
        )
        self.proposal = proposal


def _lock_pair(a: Collective, b: Collective) -> None:
    """Serialize proposals between two collectives (in id order, so no deadlock)."""
    list(
        Collective.objects.select_for_update()
        .filter(pk__in=[a.pk, b.pk])
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _proposal_url(proposal: PartnershipProposal) -> str:
    return site_url(proposal.get_absolute_url())


def _inbox_url(collective: Collective) -> str:
    return site_url(reverse("partners:inbox", kwargs={"slug": collective.slug}))


def _display_name(user: User | None) -> str:
    return getattr(user, "display_name", "") or _("someone without a display name")


def _check_parties(from_collective: Collective, to_collective: Collective) -> None:
    if from_collective.pk == to_collective.pk:
        raise ProposalError(_("A collective cannot propose a partnership to itself."))
    if not from_collective.is_verified:
        raise ProposalError(_("Your collective must be verified before it proposes partnerships."))
    if not to_collective.is_verified:
        raise ProposalError(_("Only verified collectives receive partnership proposals."))
    if not to_collective.open_to_partners:
        raise ProposalError(
            _("%(name)s does not take partnership proposals at the moment.")
            % {"name": to_collective.name}
        )
    if blocked_between(from_collective.pk, to_collective.pk):
        raise ProposalError(_("Your collectives cannot propose partnerships to each other."))


def _check_kind(
    *,
    kind: str,
    from_collective: Collective,
    to_collective: Collective,
    coalition_name: str,
    coalition: Coalition | None,
) -> None:
    if kind == ProposalKind.NEW_COALITION:
        if not coalition_name:
            raise ProposalError(_("Give the new coalition a name."), field="coalition_name")
        if Coalition.objects.named_like(coalition_name).exists():
            raise ProposalError(
                _("A coalition with this name already exists; choose another name."),
                field="coalition_name",
            )
    elif kind == ProposalKind.JOIN_COALITION:
        if coalition is None:
            raise ProposalError(_("Choose the coalition to join."), field="coalition")
        if not joinable_coalitions(from_collective, to_collective).filter(pk=coalition.pk).exists():
            raise ProposalError(
                _(
                    "You can only propose a coalition your collective is an active member of, "
                    "and that %(name)s has not joined yet."
                )
                % {"name": to_collective.name},
                field="coalition",
            )
    else:
        raise ProposalError(_("Choose what you propose."), field="kind")


def _check_none_pending(from_collective: Collective, to_collective: Collective) -> None:
    pending = pending_between(from_collective, to_collective)
    if pending is None:
        return
    if pending.from_collective_id == to_collective.pk:
        raise CrossingProposal(pending)
    raise ProposalError(
        _("Your collective already has a proposal waiting for an answer from %(name)s.")
        % {"name": to_collective.name}
    )


@transaction.atomic
def proposal_create(
    *,
    from_collective: Collective,
    to_collective: Collective,
    by: User,
    kind: str,
    message: str,
    coalition_name: str = "",
    draft_points: str = "",
    coalition: Coalition | None = None,
) -> PartnershipProposal:
    """`by` (an admin or organizer of `from_collective`) proposes; the admins of
    `to_collective` are told by email."""
    message = message.strip()
    coalition_name = " ".join(coalition_name.split())
    draft_points = draft_points.strip()
    _check_parties(from_collective, to_collective)
    if not message:
        raise ProposalError(_("Write a message to the other collective."), field="message")
    _check_kind(
        kind=kind,
        from_collective=from_collective,
        to_collective=to_collective,
        coalition_name=coalition_name,
        coalition=coalition,
    )
    _lock_pair(from_collective, to_collective)
    _check_none_pending(from_collective, to_collective)
    is_new = kind == ProposalKind.NEW_COALITION
    proposal = PartnershipProposal(
        from_collective=from_collective,
        to_collective=to_collective,
        kind=kind,
        message=message,
        coalition_name=coalition_name if is_new else "",
        draft_points=draft_points if is_new else "",
        coalition=None if is_new else coalition,
        proposed_by=by,
    )
    try:
        proposal.full_clean(validate_constraints=False)
    except ValidationError as error:
        raise ProposalError(" ".join(error.messages)) from None
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives the race
            proposal.save()
    except IntegrityError:  # "one pending proposal per pair": a double click got here first
        raise ProposalError(
            _("Your collective already has a proposal waiting for an answer from %(name)s.")
            % {"name": to_collective.name}
        ) from None
    context = {
        "proposal": proposal,
        "from_collective": from_collective,
        "to_collective": to_collective,
        "kind": proposal.get_kind_display(),
        "proposer": _display_name(by),
        "link": _proposal_url(proposal),
        "inbox_url": _inbox_url(to_collective),
    }
    notification_send_many(
        users=collectives_admin_users([to_collective]),
        kind=NotificationKind.PROPOSALS,
        template="proposal_received",
        context=context,
    )
    return proposal


def _lock_proposal(proposal: PartnershipProposal) -> PartnershipProposal:
    # of=("self",): only the proposal row; the collectives are read, not locked.
    return (
        PartnershipProposal.objects.select_for_update(of=("self",))
        .select_related("from_collective", "to_collective", "proposed_by")
        .get(pk=proposal.pk)
    )


def _ensure_pending(proposal: PartnershipProposal) -> None:
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise ProposalError(_("This proposal was withdrawn."))
    if proposal.status != ProposalStatus.PENDING:
        raise ProposalError(_("This proposal has already been answered."))


def _accept_new_coalition(proposal: PartnershipProposal, by: User) -> Coalition:
    if Coalition.objects.named_like(proposal.coalition_name).exists():
        raise ProposalError(
            _(
                "A coalition called “%(coalition)s” was formed since this proposal was made. "
                "Decline it and ask %(name)s to propose again under another name."
            )
            % {"coalition": proposal.coalition_name, "name": proposal.from_collective.name}
        )
    # Only an admin consents for a collective: an organizer's proposal leaves its consent open.
    proposer = proposal.proposed_by
    proposer_admins = proposer is not None and user_admins(proposer, proposal.from_collective)
    return coalition_create(
        name=proposal.coalition_name,
        founders=[
            (proposal.from_collective, proposer if proposer_admins else None),
            (proposal.to_collective, by),
        ],
        points_of_unity=proposal.draft_points,
        created_by=proposal.proposed_by,
    )


def _accept_join(proposal: PartnershipProposal, by: User) -> Coalition:
    coalition = proposal.coalition
    if coalition is None:
        raise ProposalError(_("This coalition no longer exists."))
    # Locked like every membership change: the "still a member" check stays true until commit.
    coalition = Coalition.objects.select_for_update().get(pk=coalition.pk)
    memberships = {
        m.collective_id: m
        for m in CoalitionMembership.objects.filter(
            coalition=coalition,
            collective_id__in=[proposal.from_collective_id, proposal.to_collective_id],
        )
    }
    inviter = memberships.get(proposal.from_collective_id)
    if inviter is None or not inviter.is_active:
        raise ProposalError(
            _("%(name)s is no longer a member of this coalition.")
            % {"name": proposal.from_collective.name}
        )
    mine = memberships.get(proposal.to_collective_id)
    if mine is not None and mine.is_active:
        raise ProposalError(_("Your collective is already a member of this coalition."))
    # Accepting the proposal is consenting to the coalition's current points of unity.
    membership = membership_activate(
        coalition=coalition, collective=proposal.to_collective, by=by, consent=True
    )
    if membership.invited_by_id is None:
        membership.invited_by = proposal.from_collective
        membership.requested_by = proposal.proposed_by
        membership.save(update_fields=["invited_by", "requested_by", "updated_at"])
    return coalition


@transaction.atomic
def proposal_answer(
    *, proposal: PartnershipProposal, by: User, accept: bool
) -> PartnershipProposal:
    """`by` (an admin of the receiving collective) accepts or declines; on acceptance the
    coalition is formed (or joined). The admins of both collectives are told."""
    proposal = _lock_proposal(proposal)
    _ensure_pending(proposal)
    if accept and blocked_between(proposal.from_collective_id, proposal.to_collective_id):
        # Declining stays possible, so a blocked collective's proposal can leave the inbox.
        raise ProposalError(
            _("Your collectives cannot form a partnership: one of them blocked the other.")
        )
    if accept and proposal.kind == ProposalKind.NEW_COALITION:
        proposal.coalition = _accept_new_coalition(proposal, by)
    elif accept:
        proposal.coalition = _accept_join(proposal, by)
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "coalition", "decided_by", "decided_at", "updated_at"])
    coalition = proposal.coalition
    context = {
        "proposal": proposal,
        "from_collective": proposal.from_collective,
        "to_collective": proposal.to_collective,
        "accepted": accept,
        "new_coalition": proposal.kind == ProposalKind.NEW_COALITION,
        "coalition": coalition,
        "answered_by": _display_name(by),
        "coalition_url": site_url(coalition.get_absolute_url()) if accept else "",
        "link": _proposal_url(proposal),
    }
    notification_send_many(
        users=collectives_admin_users([proposal.from_collective, proposal.to_collective]),
        kind=NotificationKind.PROPOSALS,
        template="proposal_answered",
        context=context,
    )
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: PartnershipProposal, by: User) -> PartnershipProposal:
    """The proposing collective takes its proposal back before it is answered; the receiving
    collective's admins are told."""
    proposal = _lock_proposal(proposal)
    _ensure_pending(proposal)
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    context = {
        "proposal": proposal,
        "from_collective": proposal.from_collective,
        "to_collective": proposal.to_collective,
        "kind": proposal.get_kind_display(),
        "withdrawn_by": _display_name(by),
        "inbox_url": _inbox_url(proposal.to_collective),
    }
    notification_send_many(
        users=collectives_admin_users([proposal.to_collective]),
        kind=NotificationKind.PROPOSALS,
        template="proposal_withdrawn",
        context=context,
    )
    return proposal
