"""Forming coalitions, joining and leaving them, and their versioned points of unity.

A coalition is ACTIVE while it has an active member and ARCHIVED once the last one leaves. The
points of unity are versioned: `Coalition.points_of_unity` holds the current text and
`points_version` its number; every version's text is kept in `PointsOfUnity`. A member's consent
is the version its admin consented to (`CoalitionMembership.consented_version`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizing.accounts.models import NotificationKind
from organizing.accounts.notifications import notification_send_many
from organizing.collectives.models import (
    Collective,
    CollectiveStatus,
    Membership,
    MembershipRole,
)
from organizing.collectives.selectors import blocked_between, collectives_admin_users
from organizing.core.links import site_url
from organizing.core.slugs import unique_slug

from ..models import (
    Coalition,
    CoalitionMembership,
    CoalitionMembershipStatus,
    CoalitionRole,
    CoalitionStatus,
    PointsOfUnity,
)
from .common import CoalitionError

if TYPE_CHECKING:
    from organizing.accounts.models import User


def _write_points(
    *, coalition: Coalition, text: str, by: User | None, for_collective: Collective | None
) -> int:
    coalition.points_version += 1
    coalition.points_of_unity = text
    coalition.save(update_fields=["points_version", "points_of_unity", "updated_at"])
    PointsOfUnity.objects.create(
        coalition=coalition,
        version=coalition.points_version,
        text=text,
        written_by=by,
        written_for=for_collective,
    )
    return coalition.points_version


def membership_activate(
    *,
    coalition: Coalition,
    collective: Collective,
    by: User | None,
    role: str = CoalitionRole.MEMBER,
    consent: bool = False,
) -> CoalitionMembership:
    """Make `collective` an active member (creating or reviving its membership row); with
    `consent`, `by` (its admin) consents to the current points of unity at the same time."""
    if collective.status != CollectiveStatus.VERIFIED:
        raise CoalitionError(_("Only verified collectives can join a coalition."))
    membership, _created = CoalitionMembership.objects.get_or_create(
        coalition=coalition, collective=collective, defaults={"role": role}
    )
    now = timezone.now()
    membership.status = CoalitionMembershipStatus.ACTIVE
    membership.joined_at = now
    membership.left_at = None
    membership.decided_by = by
    if consent and by is not None and coalition.points_version:  # only a person consents
        membership.consented_version = coalition.points_version
        membership.consented_at = now
        membership.consented_by = by
    membership.save()
    if coalition.status != CoalitionStatus.ACTIVE:
        coalition.status = CoalitionStatus.ACTIVE
        coalition.archived_at = None
        coalition.save(update_fields=["status", "archived_at", "updated_at"])
    return membership


@transaction.atomic
def coalition_create(
    *,
    name: str,
    founders: list[tuple[Collective, User | None]],
    description: str = "",
    points_of_unity: str = "",
    created_by: User | None = None,
) -> Coalition:
    """A new coalition whose founders are its coordinators. Each founder's admin (the user
    paired with it) consents to the first version of the points of unity."""
    name = " ".join(name.split())
    if not name:
        raise CoalitionError(_("A coalition needs a name."))
    if Coalition.objects.named_like(name).exists():
        raise CoalitionError(_("A coalition with this name already exists; choose another name."))
    coalition = Coalition(
        name=name,
        slug=unique_slug(Coalition, name, fallback="coalition"),
        description=description.strip(),
        status=CoalitionStatus.ACTIVE,
        created_by=created_by,
    )
    try:
        with transaction.atomic():
            coalition.save()
    except IntegrityError:  # the same name, created a moment ago
        raise CoalitionError(
            _("A coalition with this name already exists; choose another name.")
        ) from None
    if points_of_unity.strip():
        _write_points(
            coalition=coalition,
            text=points_of_unity.strip(),
            by=created_by,
            for_collective=founders[0][0] if founders else None,
        )
    for collective, admin in founders:
        membership_activate(
            coalition=coalition,
            collective=collective,
            by=admin,
            role=CoalitionRole.COORDINATOR,
            consent=True,
        )
    return coalition


# --- who may act (the rules that hold whoever calls; the views check access first) ---------


def _is_admin(user: User | None, collective: Collective) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, collective=collective, role=MembershipRole.ADMIN
    ).exists()


def _ensure_admin(user: User | None, collective: Collective) -> None:
    if not _is_admin(user, collective):
        raise CoalitionError(
            _("Only an admin of %(name)s may do this for it.") % {"name": collective.name}
        )


def _lock_coalition(coalition: Coalition) -> Coalition:
    """The coalition row, locked until the end of the transaction and freshly read: version
    bumps, coordinator hand-overs and archiving are serialized per coalition."""
    return Coalition.objects.select_for_update().get(pk=coalition.pk)


def _active_members(coalition: Coalition):
    return CoalitionMembership.objects.filter(
        coalition=coalition, status=CoalitionMembershipStatus.ACTIVE
    ).select_related("collective")


def _coordinators(coalition: Coalition) -> list[Collective]:
    return [m.collective for m in _active_members(coalition).filter(role=CoalitionRole.COORDINATOR)]


def _email_admins(collectives, *, template: str, context: dict) -> None:
    """Coalition invitations, requests, answers and changed points: the admins' "proposals
    and invitations" emails, each as they chose (accounts/notifications.py)."""
    notification_send_many(
        users=collectives_admin_users(collectives),
        kind=NotificationKind.PROPOSALS,
        template=template,
        context=context,
    )


def _coalition_url(coalition: Coalition) -> str:
    return site_url(coalition.get_absolute_url())


# --- invitations and requests to join -------------------------------------------------------


def _ensure_may_join(
    coalition: Coalition, collective: Collective, existing: CoalitionMembership | None
) -> None:
    if coalition.status == CoalitionStatus.ARCHIVED:
        raise CoalitionError(_("This coalition is archived: nobody can join it."))
    if collective.status != CollectiveStatus.VERIFIED:
        raise CoalitionError(_("Only verified collectives can join a coalition."))
    if existing is None:
        return
    if existing.status == CoalitionMembershipStatus.ACTIVE:
        raise CoalitionError(
            _("%(name)s is already a member of this coalition.") % {"name": collective.name}
        )
    if existing.status == CoalitionMembershipStatus.INVITED:
        raise CoalitionError(
            _("%(name)s is already invited; its admins will answer.") % {"name": collective.name}
        )
    if existing.status == CoalitionMembershipStatus.REQUESTED:
        raise CoalitionError(
            _("%(name)s has already asked to join; the coordinators will answer.")
            % {"name": collective.name}
        )


def _pending_row(
    *,
    coalition: Coalition,
    collective: Collective,
    status: str,
    by: User | None,
    message: str,
    invited_by: Collective | None = None,
) -> CoalitionMembership:
    """Create the pending row, or revive the row of a collective that left or declined."""
    membership, _created = CoalitionMembership.objects.get_or_create(
        coalition=coalition,
        collective=collective,
        defaults={"status": status, "role": CoalitionRole.MEMBER},
    )
    membership.status = status
    membership.role = CoalitionRole.MEMBER
    membership.message = message.strip()
    membership.invited_by = invited_by
    membership.requested_by = by
    membership.decided_by = None
    membership.save()
    return membership


@transaction.atomic
def coalition_invite(
    *,
    coalition: Coalition,
    collective: Collective,
    by: User | None,
    inviting_collective: Collective,
    message: str = "",
) -> CoalitionMembership:
    """An admin of an active member invites a verified collective; its admins answer."""
    coalition = _lock_coalition(coalition)
    inviting = CoalitionMembership.objects.filter(
        coalition=coalition,
        collective=inviting_collective,
        status=CoalitionMembershipStatus.ACTIVE,
    ).exists()
    if not inviting:
        raise CoalitionError(_("Only active members of the coalition can invite."))
    _ensure_admin(by, inviting_collective)
    if collective.pk == inviting_collective.pk:
        raise CoalitionError(_("A collective cannot invite itself."))
    existing = CoalitionMembership.objects.filter(
        coalition=coalition, collective=collective
    ).first()
    _ensure_may_join(coalition, collective, existing)
    if blocked_between(inviting_collective.pk, collective.pk):
        raise CoalitionError(_("%(name)s cannot be invited.") % {"name": collective.name})
    membership = _pending_row(
        coalition=coalition,
        collective=collective,
        by=by,
        status=CoalitionMembershipStatus.INVITED,
        message=message,
        invited_by=inviting_collective,
    )
    _email_admins(
        [collective],
        template="coalition_invitation",
        context={
            "coalition": coalition,
            "collective": collective,
            "inviting": inviting_collective,
            "membership": membership,
            "link": _coalition_url(coalition),
        },
    )
    return membership


@transaction.atomic
def coalition_join_request(
    *,
    coalition: Coalition,
    collective: Collective,
    by: User | None,
    message: str = "",
) -> CoalitionMembership:
    """A verified collective asks to join; the coordinators' admins answer."""
    coalition = _lock_coalition(coalition)
    _ensure_admin(by, collective)
    existing = CoalitionMembership.objects.filter(
        coalition=coalition, collective=collective
    ).first()
    _ensure_may_join(coalition, collective, existing)
    # The request goes to the coordinators: none may be a collective blocked either way.
    if any(
        blocked_between(coordinator.pk, collective.pk) for coordinator in _coordinators(coalition)
    ):
        raise CoalitionError(
            _("%(name)s cannot ask to join this coalition.") % {"name": collective.name}
        )
    membership = _pending_row(
        coalition=coalition,
        collective=collective,
        by=by,
        status=CoalitionMembershipStatus.REQUESTED,
        message=message,
    )
    _email_admins(
        _coordinators(coalition),
        template="coalition_join_request",
        context={
            "coalition": coalition,
            "collective": collective,
            "membership": membership,
            "link": _coalition_url(coalition),
        },
    )
    return membership


@transaction.atomic
def coalition_membership_answer(
    *,
    membership: CoalitionMembership,
    by: User | None,
    accept: bool,
) -> CoalitionMembership:
    """An invitation is answered by the invited collective's admin (accepting consents to the
    current points of unity); a request to join by a coordinator's admin (the new member
    consents separately). A decline marks the row as left (kept for the record, revived by a
    later invitation or request). The other side is told by email."""
    coalition = _lock_coalition(membership.coalition)
    membership = CoalitionMembership.objects.select_related("collective", "invited_by").get(
        pk=membership.pk
    )
    if membership.status == CoalitionMembershipStatus.INVITED:
        _ensure_admin(by, membership.collective)
        told = [membership.invited_by] if membership.invited_by else _coordinators(coalition)
    elif membership.status == CoalitionMembershipStatus.REQUESTED:
        if not any(_is_admin(by, collective) for collective in _coordinators(coalition)):
            raise CoalitionError(
                _("Only the coordinators of the coalition may answer a request to join.")
            )
        told = [membership.collective]
    else:
        raise CoalitionError(_("This has already been answered."))
    invited = membership.status == CoalitionMembershipStatus.INVITED
    if accept:
        if coalition.status == CoalitionStatus.ARCHIVED:
            raise CoalitionError(_("This coalition is archived: nobody can join it."))
        membership = membership_activate(
            coalition=coalition, collective=membership.collective, by=by, consent=invited
        )
    else:
        membership.status = CoalitionMembershipStatus.LEFT
        membership.left_at = timezone.now()
        membership.decided_by = by
        membership.save(update_fields=["status", "left_at", "decided_by", "updated_at"])
    _email_admins(
        told,
        template="coalition_membership_answer",
        context={
            "coalition": coalition,
            "collective": membership.collective,
            "accepted": accept,
            "invited": invited,
            "link": _coalition_url(coalition),
        },
    )
    return membership


@transaction.atomic
def coalition_leave(*, membership: CoalitionMembership, by: User | None) -> CoalitionMembership:
    """Leave the coalition. A last coordinator hands over to the oldest remaining member; the
    last member to leave archives the coalition (its record stays public)."""
    coalition = _lock_coalition(membership.coalition)
    membership = CoalitionMembership.objects.select_related("collective").get(pk=membership.pk)
    if membership.status != CoalitionMembershipStatus.ACTIVE:
        raise CoalitionError(
            _("%(name)s is not an active member of this coalition.")
            % {"name": membership.collective.name}
        )
    _ensure_admin(by, membership.collective)
    now = timezone.now()
    membership.status = CoalitionMembershipStatus.LEFT
    membership.role = CoalitionRole.MEMBER
    membership.left_at = now
    membership.save(update_fields=["status", "role", "left_at", "updated_at"])
    remaining = _active_members(coalition).order_by("joined_at", "pk")
    if not remaining.exists():
        coalition.status = CoalitionStatus.ARCHIVED
        coalition.archived_at = now
        coalition.save(update_fields=["status", "archived_at", "updated_at"])
    elif not remaining.filter(role=CoalitionRole.COORDINATOR).exists():
        successor = remaining.first()
        successor.role = CoalitionRole.COORDINATOR
        successor.save(update_fields=["role", "updated_at"])
    return membership


# --- points of unity and consent ------------------------------------------------------------


@transaction.atomic
def points_of_unity_edit(
    *,
    coalition: Coalition,
    text: str,
    by: User | None,
    for_collective: Collective,
) -> int:
    """Write a new version of the points of unity for an active member (its admin `by`). The
    proposing collective consents to it at once; every other member is asked to consent
    again. Returns the new version number."""
    coalition = _lock_coalition(coalition)
    membership = CoalitionMembership.objects.filter(
        coalition=coalition,
        collective=for_collective,
        status=CoalitionMembershipStatus.ACTIVE,
    ).first()
    if membership is None:
        raise CoalitionError(_("Only active members may edit the points of unity."))
    _ensure_admin(by, for_collective)
    text = text.strip()
    if not text:
        raise CoalitionError(_("The points of unity cannot be empty."))
    if text == coalition.points_of_unity.strip():
        raise CoalitionError(_("The text is unchanged: there is no new version to save."))
    version = _write_points(coalition=coalition, text=text, by=by, for_collective=for_collective)
    membership.consented_version = version
    membership.consented_at = timezone.now()
    membership.consented_by = by
    membership.save(
        update_fields=["consented_version", "consented_at", "consented_by", "updated_at"]
    )
    others = [m.collective for m in _active_members(coalition).exclude(pk=membership.pk)]
    _email_admins(
        others,
        template="points_changed",
        context={
            "coalition": coalition,
            "version": version,
            "proposer": for_collective,
            "link": _coalition_url(coalition),
        },
    )
    return version


@transaction.atomic
def points_of_unity_consent(
    *,
    membership: CoalitionMembership,
    by: User | None,
) -> CoalitionMembership:
    """The member's admin consents to the current version of the points of unity."""
    coalition = _lock_coalition(membership.coalition)
    membership = CoalitionMembership.objects.select_related("collective").get(pk=membership.pk)
    if membership.status != CoalitionMembershipStatus.ACTIVE:
        raise CoalitionError(_("Only active members consent to the points of unity."))
    _ensure_admin(by, membership.collective)
    if not coalition.points_version:
        raise CoalitionError(_("The points of unity are not written yet."))
    if membership.consented_version == coalition.points_version:
        return membership
    membership.consented_version = coalition.points_version
    membership.consented_at = timezone.now()
    membership.consented_by = by
    membership.save(
        update_fields=["consented_version", "consented_at", "consented_by", "updated_at"]
    )
    return membership
