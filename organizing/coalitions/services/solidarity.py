"""Solidarity calls: a host collective asks its coalition partners to turn out for one of its
actions, and each partner answers with the number of people it will bring (a pledge)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from organizing.accounts.models import NotificationKind
from organizing.accounts.notifications import notification_send_many
from organizing.actions.models import Action, ActionHost, ActionStatus, HostConsent
from organizing.collectives.access import ORGANIZING_ROLES
from organizing.collectives.models import Collective, Membership
from organizing.collectives.selectors import blocked_between, blocked_with, collectives_admin_users
from organizing.core.links import site_url

from ..models import (
    Coalition,
    CoalitionMembership,
    CoalitionMembershipStatus,
    SolidarityCall,
    SolidarityPledge,
)
from .common import CoalitionError

if TYPE_CHECKING:
    from organizing.accounts.models import User

MAX_HEADCOUNT = 1_000_000


def _ensure_organizer(user: User | None, collective: Collective) -> None:
    allowed = (
        user is not None
        and user.is_authenticated
        and Membership.objects.filter(
            user=user, collective=collective, role__in=ORGANIZING_ROLES
        ).exists()
    )
    if not allowed:
        raise CoalitionError(
            _("Only an admin or organizer of %(name)s may do this for it.")
            % {"name": collective.name}
        )


def _is_active_member(coalition: Coalition, collective: Collective) -> bool:
    if coalition.hidden_at is not None:  # the moderators hid it: nobody acts in its name
        return False
    return CoalitionMembership.objects.filter(
        coalition=coalition, collective=collective, status=CoalitionMembershipStatus.ACTIVE
    ).exists()


def _ensure_open(action: Action) -> None:
    upcoming = Action.objects.upcoming().filter(pk=action.pk, status=ActionStatus.PUBLISHED)
    if not upcoming.exists():
        raise CoalitionError(_("Only a published action still to come can be supported."))


def pledge_url(call: SolidarityCall) -> str:
    return site_url(reverse("coalitions:pledge", kwargs={"pk": call.pk}))


@transaction.atomic
def solidarity_call_create(
    *,
    action: Action,
    coalition: Coalition,
    collective: Collective,
    by: User | None,
    message: str = "",
) -> SolidarityCall:
    """`collective` (an accepted host of the action and an active member of the coalition)
    asks the coalition's other members to turn out; their admins get an email."""
    _ensure_organizer(by, collective)
    hosts = ActionHost.objects.filter(
        action=action, collective=collective, consent=HostConsent.ACCEPTED
    )
    if not hosts.exists():
        raise CoalitionError(_("Only a host of the action can call for solidarity."))
    if not _is_active_member(coalition, collective):
        raise CoalitionError(
            _("%(name)s is not an active member of this coalition.") % {"name": collective.name}
        )
    _ensure_open(action)
    already = _("This coalition has already been called for this action.")
    if SolidarityCall.objects.filter(action=action, coalition=coalition).exists():
        raise CoalitionError(already)
    try:
        with transaction.atomic():  # a savepoint: a double click loses the race cleanly
            call = SolidarityCall.objects.create(
                action=action,
                coalition=coalition,
                collective=collective,
                message=message.strip(),
                created_by=by,
            )
    except IntegrityError:
        raise CoalitionError(already) from None
    partners = (
        Collective.objects.filter(
            coalition_memberships__coalition=coalition,
            coalition_memberships__status=CoalitionMembershipStatus.ACTIVE,
        )
        .exclude(pk=collective.pk)
        .exclude(pk__in=blocked_with(collective.pk))
    )
    context = {
        "call": call,
        "action": action,
        "coalition": coalition,
        "caller": collective,
        "link": pledge_url(call),
        "action_url": site_url(action.get_absolute_url()),
    }
    notification_send_many(
        users=collectives_admin_users(partners),
        kind=NotificationKind.SOLIDARITY_CALLS,
        template="solidarity_call",
        context=context,
    )
    return call


@transaction.atomic
def solidarity_pledge(
    *,
    call: SolidarityCall,
    collective: Collective,
    by: User | None,
    headcount: int,
    note: str = "",
) -> SolidarityPledge | None:
    """Pledge (or change the pledge of) `headcount` people for a partner collective; 0
    withdraws the pledge (returns None)."""
    if collective.pk == call.collective_id:
        raise CoalitionError(_("The calling collective does not pledge to its own call."))
    if not _is_active_member(call.coalition, collective):
        raise CoalitionError(
            _("%(name)s is not an active member of this coalition.") % {"name": collective.name}
        )
    _ensure_organizer(by, collective)
    if blocked_between(call.collective_id, collective.pk):  # the call never reached it
        raise CoalitionError(_("%(name)s cannot answer this call.") % {"name": collective.name})
    if headcount < 0 or headcount > MAX_HEADCOUNT:
        raise CoalitionError(_("Give a number of people between 0 and 1,000,000."))
    _ensure_open(call.action)
    if headcount == 0:
        SolidarityPledge.objects.filter(call=call, collective=collective).delete()
        return None
    pledge, _created = SolidarityPledge.objects.update_or_create(
        call=call,
        collective=collective,
        defaults={"headcount": headcount, "note": note.strip(), "pledged_by": by},
    )
    return pledge
