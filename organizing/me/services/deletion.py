"""Deleting one's own account (/me/delete/): what is erased, what is kept without the name.

The rules, as the page states them (templates/me/delete_account.html) and as
`core/data_inventory.py` records each field's `account_deleted`:

- erased: the account (email, display name, password, language, time zone, calendar token),
  its email addresses and two-factor authenticators, memberships, join requests,
  notification preferences and held digest items (all cascade);
- the person's RSVPs: those still holding or awaiting a place at an action not over are
  cancelled (the place goes to the next on the waitlist), then every one is anonymized, as
  the retention does after an action ends; the counts stay;
- alerts and follows on the person's address, and every email to it in the outbox (sent
  copies erased, queued ones cancelled); the address in the collectives' invitations to it
  (an open one is revoked) and in their members history;
- every session of the account is ended;
- kept without the name (the link to the account is emptied, `SET_NULL`): actions posted,
  collectives and coalitions created, invitations sent, proposals made, appeal signatures,
  solidarity calls and pledges, announcements, reports made (moderators never see who
  reported anyway), history rows (and each collective's history records that a member left,
  "account deleted", without a name);
- refused while the person is the last admin of a collective (another admin first, or delete
  the collective), and for a moderator whose decisions are the audit trail (staff retire
  such an account).
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizing.accounts.models import User
from organizing.actions.services.rsvp import rsvp_anonymize_for_account
from organizing.alerts.models import ActionAlert, Follow
from organizing.collectives.models import (
    Collective,
    Invitation,
    Membership,
    MembershipEvent,
    MembershipEventKind,
    MembershipRole,
)
from organizing.collectives.services.events import event_record
from organizing.core.errors import DomainError
from organizing.outbox.services import ERASED_ADDRESS, outbox_purge_to

from ..selectors.personal_data import collectives_user_is_last_admin, user_has_moderation_decisions

SESSION_BATCH = 500


class AccountDeletionError(DomainError):
    default_message = _("Your account cannot be deleted now.")


def account_deletion_refusal(user) -> str:
    """Why the account may not be deleted now, or "" when it may."""
    if collectives_user_is_last_admin(user):
        return _(
            "You are the last admin of a collective: make another member admin, or delete "
            "the collective, before you delete your account."
        )
    if user_has_moderation_decisions(user):
        return _(
            "Your moderation decisions are part of the audit trail: ask the site's staff to "
            "retire your account."
        )
    return ""


def _invitations_erase(user, *, now) -> None:
    """The person's address where collectives invited it: the invitations (those still open
    are revoked) and the members history rows that quote it."""
    address = user.email.lower()
    theirs = Invitation.objects.filter(Q(email__iexact=address) | Q(accepted_by=user))
    theirs.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    theirs.update(email=ERASED_ADDRESS)
    MembershipEvent.objects.filter(detail__icontains=address).update(
        detail=Replace("detail", Value(address), Value("(erased)"))
    )


def _sessions_end(user) -> int:
    """Delete every stored session logged in as `user` (the database session store, read a
    batch at a time: the sessions do not name their user in a column)."""
    ended = 0
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).order_by("pk")
    ids = []
    for session in sessions.iterator(chunk_size=SESSION_BATCH):
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            ids.append(session.pk)
    if ids:
        ended, _counts = Session.objects.filter(pk__in=ids).delete()
    return ended


@transaction.atomic
def account_delete(*, user: User, now=None) -> None:
    """Delete the account and the person's data by the rules above, in one transaction. The
    caller has checked the password (and the two-factor code); this refuses with
    AccountDeletionError while `account_deletion_refusal` says why."""
    now = now or timezone.now()
    user = User.objects.select_for_update().get(pk=user.pk)
    # The collectives they admin stay locked, so no other admin can leave meanwhile.
    admins = Membership.objects.filter(user=user, role=MembershipRole.ADMIN)
    list(Collective.objects.select_for_update().filter(pk__in=admins.values("collective")))
    if refusal := account_deletion_refusal(user):
        raise AccountDeletionError(refusal)
    # Each collective's members history says a member left, without naming them.
    for membership in Membership.objects.filter(user=user).select_related("collective"):
        event_record(
            collective=membership.collective,
            actor=None,
            kind=MembershipEventKind.LEFT,
            detail="account deleted",
        )
    rsvp_anonymize_for_account(user=user, now=now)
    ActionAlert.objects.filter(email__iexact=user.email).delete()
    Follow.objects.filter(email__iexact=user.email).delete()  # by account: cascade
    outbox_purge_to(address=user.email, now=now)
    _invitations_erase(user, now=now)
    _sessions_end(user)
    user.delete()
