"""What a collective tells us about a suggestion: "not now" (dismiss), "never" (block), and
lifting a block. One PartnerExclusion row per ordered pair, updated in place."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizing.actions.models import ActionHost, HostConsent, HostRole
from organizing.coalitions.models import (
    CoalitionMembership,
    CoalitionMembershipStatus,
    CoalitionRole,
)
from organizing.collectives.models import Collective

from ..models import ExclusionKind, PartnerExclusion, PartnershipProposal, ProposalStatus
from .common import PartnerError

if TYPE_CHECKING:
    from organizing.accounts.models import User

DISMISS_DAYS = 180


def _check_other(collective: Collective, other: Collective) -> None:
    if collective.pk == other.pk:
        raise PartnerError(_("A collective cannot dismiss or block itself."))


def _lock_pair(collective: Collective, other: Collective) -> None:
    """Serialize with proposals between the two (proposal_create locks the same rows, in the
    same id order), so that no proposal slips in while a block is written."""
    list(
        Collective.objects.select_for_update()
        .filter(pk__in=[collective.pk, other.pk])
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def partner_dismiss(
    *, collective: Collective, other: Collective, by: User | None
) -> PartnerExclusion:
    """Stop suggesting `other` to `collective` for DISMISS_DAYS. A block stays a block."""
    _check_other(collective, other)
    existing = (
        PartnerExclusion.objects.select_for_update()
        .filter(collective=collective, other=other)
        .first()
    )
    if existing is not None and existing.kind == ExclusionKind.BLOCKED:
        raise PartnerError(_("%(name)s is blocked: unblock it first.") % {"name": other.name})
    exclusion, _created = PartnerExclusion.objects.update_or_create(
        collective=collective,
        other=other,
        defaults={
            "kind": ExclusionKind.DISMISSED,
            "created_by": by,
            "expires_at": timezone.now() + dt.timedelta(days=DISMISS_DAYS),
        },
    )
    return exclusion


@transaction.atomic
def partner_block(
    *, collective: Collective, other: Collective, by: User | None
) -> PartnerExclusion:
    """Never suggest the two collectives to each other, and no proposal between them either
    way: `collective` withdraws the one it sent and declines the one it received, if any.
    Invitations and requests still waiting between the two (coalitions, co-hosting) end
    quietly, so that no answer, and no email, crosses later."""
    _check_other(collective, other)
    _lock_pair(collective, other)
    exclusion, _created = PartnerExclusion.objects.update_or_create(
        collective=collective,
        other=other,
        defaults={"kind": ExclusionKind.BLOCKED, "created_by": by, "expires_at": None},
    )
    now = timezone.now()
    pending = PartnershipProposal.objects.filter(status=ProposalStatus.PENDING)
    pending.filter(from_collective=collective, to_collective=other).update(
        status=ProposalStatus.WITHDRAWN, decided_by=by, decided_at=now, updated_at=now
    )
    pending.filter(from_collective=other, to_collective=collective).update(
        status=ProposalStatus.DECLINED, decided_by=by, decided_at=now, updated_at=now
    )
    for a, b in ((collective, other), (other, collective)):
        _pending_end(a, b, by=by, now=now)
    return exclusion


def _pending_end(member: Collective, other: Collective, *, by: User | None, now) -> None:
    """End what waits between `member` and `other` in one direction: `member` invited to a
    coalition by `other`, asking to join a coalition `other` coordinates, or invited to
    co-host or support an action `other` leads."""
    waiting = CoalitionMembership.objects.filter(collective=member)
    coordinated = CoalitionMembership.objects.filter(
        collective=other, role=CoalitionRole.COORDINATOR, status=CoalitionMembershipStatus.ACTIVE
    ).values("coalition_id")
    for rows in (
        waiting.filter(status=CoalitionMembershipStatus.INVITED, invited_by=other),
        waiting.filter(status=CoalitionMembershipStatus.REQUESTED, coalition_id__in=coordinated),
    ):
        rows.update(
            status=CoalitionMembershipStatus.LEFT, left_at=now, decided_by=by, updated_at=now
        )
    led = ActionHost.objects.filter(collective=other, role=HostRole.LEAD).values("action_id")
    ActionHost.objects.filter(
        collective=member, consent=HostConsent.INVITED, action_id__in=led
    ).update(consent=HostConsent.DECLINED, updated_at=now)


@transaction.atomic
def partner_unblock(*, collective: Collective, other: Collective, by: User | None) -> bool:
    """Lift `collective`'s block of `other` (a block `other` made stays). Whether there was
    one to lift."""
    _check_other(collective, other)
    deleted, _details = PartnerExclusion.objects.filter(
        collective=collective, other=other, kind=ExclusionKind.BLOCKED
    ).delete()
    return bool(deleted)
