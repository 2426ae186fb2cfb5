"""Member management: invitations, join requests, roles, removal and leaving.

Every change writes a `MembershipEvent` (who, what, when) in the same transaction, and every
email is an outbox row written in that transaction too, so a rollback leaves neither behind.
Permission checks (who may call what) live in `access.py` and the views; the rules that hold
whoever calls (the last admin stays, no duplicate membership) live here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizing.accounts.models import NotificationKind
from organizing.accounts.notifications import notification_send_many
from organizing.core.errors import DomainError
from organizing.core.links import site_url
from organizing.outbox.services import outbox_enqueue_template

from ..models import (
    Collective,
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipEventKind,
    MembershipRole,
)
from ..selectors import collectives_admin_users, invitation_address_matches, open_invitations
from .events import event_record

if TYPE_CHECKING:
    from organizing.accounts.models import User

INVITATION_MAX_AGE = timedelta(days=7)
# A salt of its own: a token signed for anything else (a cookie, a reset link) never passes here.
INVITATION_SALT = "organizing.collectives.invitation"


class MembershipError(DomainError):
    """A rule of member management was broken; `message` is shown to the person as is."""

    default_message = _("This change to the membership is not possible.")


class InvitationInvalid(MembershipError):
    """An invitation link that cannot be used; the subclass says why."""

    default_message = _("This invitation link cannot be used.")


class InvitationTampered(InvitationInvalid):
    default_message = _(
        "This invitation link is not valid. Please check that you copied all of it, or ask "
        "the collective for a new invitation."
    )


class InvitationExpired(InvitationInvalid):
    default_message = _(
        "This invitation has expired: invitations are valid for seven days. Please ask the "
        "collective to invite you again."
    )


class InvitationUsed(InvitationInvalid):
    default_message = _("This invitation has already been used.")


class InvitationRevoked(InvitationInvalid):
    default_message = _("This invitation was withdrawn by the collective.")


# --- helpers -------------------------------------------------------------------------------


def _lock_collective(membership: Membership) -> None:
    """Serialize membership changes of one collective: the last-admin rule reads then writes,
    so two admins demoting each other at once must not both see "another admin is left"."""
    Collective.objects.select_for_update().only("pk").get(pk=membership.collective_id)


def _fresh_membership(membership: Membership) -> Membership:
    """Re-read after locking: the caller's copy may predate a concurrent change."""
    try:
        return Membership.objects.select_related("user", "collective").get(pk=membership.pk)
    except Membership.DoesNotExist:
        raise MembershipError(_("This person is no longer a member.")) from None


def _ensure_another_admin(membership: Membership, message: str) -> None:
    """Call with the collective locked (`_lock_collective`)."""
    if membership.role != MembershipRole.ADMIN:
        return
    others = Membership.objects.filter(
        collective_id=membership.collective_id, role=MembershipRole.ADMIN
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise MembershipError(message)


def _is_member(collective: Collective, user: User) -> bool:
    return Membership.objects.filter(collective=collective, user=user).exists()


def _email_is_member(collective: Collective, email: str) -> bool:
    by_login = Membership.objects.filter(collective=collective, user__email__iexact=email)
    by_address = EmailAddress.objects.filter(
        email__iexact=email, user__memberships__collective=collective
    )
    return by_login.exists() or by_address.exists()


# --- invitations ---------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    """The signed, URL-safe key of the invitation link (no slash, fits `<str:token>`)."""
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    path = reverse("collectives:invitation_accept", kwargs={"token": invitation_token(invitation)})
    return site_url(path)


def invitation_from_token(token: str) -> Invitation:
    """The invitation behind a link, or an `InvitationInvalid` subclass saying why not."""
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:  # before BadSignature: it is a subclass of it
        raise InvitationExpired from None
    except signing.BadSignature:
        raise InvitationTampered from None
    try:
        invitation = Invitation.objects.select_related("collective", "invited_by").get(
            pk=payload["invitation"]
        )
    except (Invitation.DoesNotExist, KeyError, TypeError):
        # Signed by us but gone: deleted with its collective, which is a withdrawal too.
        raise InvitationRevoked from None
    _ensure_usable(invitation)
    return invitation


def _ensure_usable(invitation: Invitation) -> None:
    # Order matters for the message: "used" or "withdrawn" says more than "expired".
    if invitation.revoked_at is not None:
        raise InvitationRevoked
    if invitation.accepted_at is not None:
        raise InvitationUsed
    if invitation.expires_at <= timezone.now():
        raise InvitationExpired


@transaction.atomic
def invitation_create(
    *,
    collective: Collective,
    invited_by: User | None,
    email: str,
    role: str = MembershipRole.MEMBER,
) -> Invitation:
    email = email.strip().lower()
    if _email_is_member(collective, email):
        raise MembershipError(_("This person is already a member of the collective."))
    if open_invitations(collective).filter(email__iexact=email).exists():
        raise MembershipError(
            _("An invitation to this address is still open. Revoke it to send a new one.")
        )
    invitation = Invitation(
        collective=collective,
        email=email,
        role=role,
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_MAX_AGE,
    )
    try:
        invitation.full_clean()
    except ValidationError as error:
        raise MembershipError(" ".join(error.messages)) from None
    invitation.save()
    event_record(
        collective=collective,
        actor=invited_by,
        kind=MembershipEventKind.INVITED,
        detail=f"{email} ({role})",
    )
    outbox_enqueue_template(
        to=email,
        template="invitation",
        context={
            "collective": collective,
            "invitation": invitation,
            # The display name only: str(user) falls back to the start of the email address.
            "invited_by": getattr(invited_by, "display_name", ""),
            "role": invitation.get_role_display(),
            "link": invitation_url(invitation),
            "collective_url": site_url(collective.get_absolute_url()),
        },
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, revoked_by: User | None) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise MembershipError(_("This invitation is no longer open."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    event_record(
        collective=invitation.collective,
        actor=revoked_by,
        kind=MembershipEventKind.INVITATION_REVOKED,
        detail=invitation.email,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join with the invitation's role; a second accept of the same link fails (single use).

    The address need not match the account's: see `views.members.invitation_accept` for why.
    """
    # Locking the invitation row makes two simultaneous clicks on the link queue up: the
    # second one sees `accepted_at` set and gets InvitationUsed.
    invitation = (
        Invitation.objects.select_for_update().select_related("collective").get(pk=invitation.pk)
    )
    _ensure_usable(invitation)
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        raise MembershipError(
            _("Please confirm your email address first, then open the invitation link again.")
        )
    collective = invitation.collective
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    membership, created = Membership.objects.get_or_create(
        user=user, collective=collective, defaults={"role": invitation.role}
    )
    if not created:
        # Already in (joined another way meanwhile): the link is spent, the role untouched.
        return membership
    detail = invitation.role
    if not invitation_address_matches(invitation, user):
        detail = f"{invitation.role}; invited as {invitation.email}, joined with another address"
    event_record(
        collective=collective,
        actor=user,
        kind=MembershipEventKind.JOINED,
        subject=user,
        detail=detail,
    )
    return membership


# --- join requests -------------------------------------------------------------------------


@transaction.atomic
def join_request_create(*, collective: Collective, user: User, message: str = "") -> JoinRequest:
    if _is_member(collective, user):
        raise MembershipError(_("You are already a member of this collective."))
    already = _("You have already asked to join; the collective's admins will answer soon.")
    pending = JoinRequest.objects.filter(
        collective=collective, user=user, status=JoinRequestStatus.PENDING
    )
    if pending.exists():
        raise MembershipError(already)
    join_request = JoinRequest(collective=collective, user=user, message=message.strip())
    try:
        join_request.full_clean(validate_constraints=False)
    except ValidationError as error:
        raise MembershipError(" ".join(error.messages)) from None
    try:
        with transaction.atomic():  # a savepoint, so the outer transaction survives the race
            join_request.save()
    except IntegrityError:  # "one pending request per person": a double click got here first
        raise MembershipError(already) from None
    event_record(
        collective=collective, actor=user, kind=MembershipEventKind.REQUESTED, subject=user
    )
    _join_request_notify_admins(join_request)
    return join_request


def _join_request_notify_admins(join_request: JoinRequest) -> None:
    collective = join_request.collective
    context = {
        "collective": collective,
        "join_request": join_request,
        "requester": join_request.user.display_name or _("Someone without a display name"),
        "members_url": site_url(reverse("collectives:members", kwargs={"slug": collective.slug})),
    }
    notification_send_many(
        users=collectives_admin_users([collective]),
        kind=NotificationKind.JOIN_REQUESTS,
        template="join_request",
        context=context,
    )


@transaction.atomic
def join_request_decide(
    *, join_request: JoinRequest, decided_by: User | None, accept: bool
) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_for_update()
        .select_related("collective", "user")
        .get(pk=join_request.pk)
    )
    if join_request.status != JoinRequestStatus.PENDING:
        raise MembershipError(_("This request has already been answered."))
    collective = join_request.collective
    join_request.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    if accept:
        # get_or_create: they may have joined by invitation meanwhile; nothing is duplicated.
        Membership.objects.get_or_create(
            user=join_request.user, collective=collective, defaults={"role": MembershipRole.MEMBER}
        )
    kind = MembershipEventKind.REQUEST_ACCEPTED if accept else MembershipEventKind.REQUEST_DECLINED
    event_record(collective=collective, actor=decided_by, kind=kind, subject=join_request.user)
    outbox_enqueue_template(
        to=join_request.user.email,
        template="join_request_answer",
        context={
            "collective": collective,
            "accepted": accept,
            "collective_url": site_url(collective.get_absolute_url()),
            "members_url": site_url(
                reverse("collectives:members", kwargs={"slug": collective.slug})
            ),
        },
    )
    return join_request


# --- roles, removal, leaving ---------------------------------------------------------------


@transaction.atomic
def membership_change_role(
    *, membership: Membership, role: str, changed_by: User | None
) -> Membership:
    if role not in MembershipRole.values:
        raise MembershipError(_("Unknown role."))
    _lock_collective(membership)
    membership = _fresh_membership(membership)
    if membership.role == role:
        return membership
    if role != MembershipRole.ADMIN:
        _ensure_another_admin(
            membership, _("The collective needs at least one admin: make someone else admin first.")
        )
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    event_record(
        collective=membership.collective,
        actor=changed_by,
        kind=MembershipEventKind.ROLE_CHANGED,
        subject=membership.user,
        detail=f"{previous} → {role}",
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, removed_by: User | None) -> None:
    _lock_collective(membership)
    membership = _fresh_membership(membership)
    _ensure_another_admin(
        membership, _("The last admin cannot be removed: make someone else admin first.")
    )
    collective, user = membership.collective, membership.user
    membership.delete()
    event_record(
        collective=collective, actor=removed_by, kind=MembershipEventKind.REMOVED, subject=user
    )


@transaction.atomic
def membership_leave(*, membership: Membership) -> None:
    _lock_collective(membership)
    membership = _fresh_membership(membership)
    _ensure_another_admin(
        membership, _("You are the last admin: make someone else admin before you leave.")
    )
    collective, user = membership.collective, membership.user
    membership.delete()
    event_record(collective=collective, actor=user, kind=MembershipEventKind.LEFT, subject=user)
