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
from django.utils.text import slugify
from django.utils.translation import gettext as _

from organizing.collectives.models import Collective, CollectiveStatus

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


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "coalition"
    slug, number = base, 2
    while Coalition.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _write_points(*, coalition: Coalition, text: str, by: User | None,
                  for_collective: Collective | None) -> int:
    coalition.points_version += 1
    coalition.points_of_unity = text
    coalition.save(update_fields=["points_version", "points_of_unity", "updated_at"])
    PointsOfUnity.objects.create(coalition=coalition, version=coalition.points_version, text=text,
                                 written_by=by, written_for=for_collective)
    return coalition.points_version


def membership_activate(
    *, coalition: Coalition, collective: Collective, by: User | None,
    role: str = CoalitionRole.MEMBER, consent: bool = False,
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
    if consent and coalition.points_version:
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
    *, name: str, founders: list[tuple[Collective, User | None]], description: str = "",
    points_of_unity: str = "", created_by: User | None = None,
) -> Coalition:
    """A new coalition whose founders are its coordinators. Each founder's admin (the user
    paired with it) consents to the first version of the points of unity."""
    name = " ".join(name.split())
    if not name:
        raise CoalitionError(_("A coalition needs a name."))
    if Coalition.objects.filter(name__iexact=name).exists():
        raise CoalitionError(_("A coalition with this name already exists; choose another name."))
    coalition = Coalition(name=name, slug=_unique_slug(name), description=description.strip(),
                          status=CoalitionStatus.ACTIVE, created_by=created_by)
    try:
        with transaction.atomic():
            coalition.save()
    except IntegrityError:  # the same name, created a moment ago
        raise CoalitionError(
            _("A coalition with this name already exists; choose another name.")) from None
    if points_of_unity.strip():
        _write_points(coalition=coalition, text=points_of_unity.strip(), by=created_by,
                      for_collective=founders[0][0] if founders else None)
    for collective, admin in founders:
        membership_activate(coalition=coalition, collective=collective, by=admin,
                            role=CoalitionRole.COORDINATOR, consent=True)
    return coalition
