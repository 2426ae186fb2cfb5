"""Joint appeals: drafting and editing, inviting, signing, withdrawing and confirming.

A collective's admin signs for it. A signature stands behind one version of the text
(`AppealSignature.confirmed_version`): editing the title, text or demands while other collectives
stand behind the appeal raises `Appeal.text_version` and asks their admins to confirm the new
version; until they do, the roster shows "signed version N-1, not yet confirmed".

Signing locks the appeal row, so two admins signing for one collective at the same instant give
one signature (the unique constraint is the last line of defence). A withdrawn signature is kept
for the history and revived if the collective signs again. A collective may take its name off
an appeal signed here at any time, also after it closed; the seeded records of past appeals
(`accepts_signatures` off) reflect their source and change only through the admin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizing.collectives.access import ORGANIZING_ROLES
from organizing.collectives.models import Collective, CollectiveStatus, Membership, MembershipRole
from organizing.collectives.selectors import blocked_between, collectives_admin_emails
from organizing.core.errors import DomainError
from organizing.core.links import site_url
from organizing.core.models import Cause
from organizing.core.slugs import unique_slug
from organizing.outbox.services import outbox_enqueue_template

from .models import Appeal, AppealInvitation, AppealSignature
from .selectors import signing_closed_reason

if TYPE_CHECKING:
    from organizing.accounts.models import User


# --- checks --------------------------------------------------------------------------------


class AppealError(DomainError):
    """An appeal rule was broken (drafting, inviting, signing, withdrawing)."""


def _require_role(collective: Collective, by: User, roles: Iterable[str]) -> None:
    if not Membership.objects.filter(collective=collective, user=by, role__in=roles).exists():
        raise AppealError(_("Only the collective's admins can do this for it."))


def _require_verified(collective: Collective) -> None:
    if collective.status != CollectiveStatus.VERIFIED:
        raise AppealError(_("Only verified collectives can take part in joint appeals."))


def _require_not_record(appeal: Appeal) -> None:
    if not appeal.accepts_signatures:
        raise AppealError(
            _(
                "This page is the record of a past appeal, as its source "
                "reports it: it cannot be changed here."
            )
        )


def _require_not_hidden(appeal: Appeal) -> None:
    if appeal.hidden_at is not None:
        raise AppealError(
            _("The moderators hid this appeal: it cannot be signed until they restore it.")
        )


def _check_dates(opens_on: dt.date | None, closes_on: dt.date | None) -> None:
    if opens_on is not None and closes_on is not None and closes_on < opens_on:
        raise AppealError(_("The appeal cannot close before it opens."))


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise AppealError(_("An appeal needs a title."))
    return title


def _full_clean(appeal: Appeal) -> None:
    try:
        appeal.full_clean(exclude=["slug"])
    except ValidationError as error:
        raise AppealError(" ".join(error.messages)) from None


def _locked(appeal: Appeal) -> Appeal:
    """The appeal's row, locked until the end of the transaction (a fresh copy)."""
    return Appeal.objects.select_for_update().get(pk=appeal.pk)


# --- drafting ------------------------------------------------------------------------------


@transaction.atomic
def appeal_create(
    *,
    initiator: Collective,
    by: User,
    title: str,
    text: str,
    demands: Iterable[Cause] = (),
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> Appeal:
    """A new appeal, drafted by an admin or organizer of `initiator`, which signs it at once."""
    _require_verified(initiator)
    _require_role(initiator, by, ORGANIZING_ROLES)
    _check_dates(opens_on, closes_on)
    title, text = _clean_title(title), text.strip()
    if not text:
        raise AppealError(_("An appeal needs a text."))
    appeal = Appeal(
        title=title,
        text=text,
        initiator=initiator,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
        slug=unique_slug(Appeal, title, fallback="appeal"),
    )
    _full_clean(appeal)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                appeal.save()
            break
        except IntegrityError:  # the same slug, taken a moment ago
            appeal.pk, appeal.slug = None, unique_slug(Appeal, title, fallback="appeal")
    else:
        raise AppealError(_("Please try again in a moment."))
    appeal.demands.set(demands)
    AppealSignature.objects.create(
        appeal=appeal,
        collective=initiator,
        signed_at=timezone.now(),
        signed_by=by,
        confirmed_version=appeal.text_version,
    )
    return appeal


@transaction.atomic
def appeal_update(
    *,
    appeal: Appeal,
    by: User,
    title: str,
    text: str,
    demands: Iterable[Cause] = (),
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> Appeal:
    """Edit an appeal. A change of title, text or demands while other collectives' signatures
    stand opens a new text version: their admins are asked to confirm it; the initiator's own
    signature moves to the new version."""
    locked = _locked(appeal)
    _require_not_record(locked)
    if locked.initiator is None:
        raise AppealError(_("Only the initiating collective can edit its appeal."))
    _require_role(locked.initiator, by, ORGANIZING_ROLES)
    _check_dates(opens_on, closes_on)
    title, text, demands = _clean_title(title), text.strip(), list(demands)
    if not text:
        raise AppealError(_("An appeal needs a text."))
    wording_changed = (
        title != locked.title
        or text != locked.text
        or {cause.pk for cause in demands} != set(locked.demands.values_list("pk", flat=True))
    )
    others = list(
        locked.signatures.filter(
            withdrawn_at__isnull=True, collective__status=CollectiveStatus.VERIFIED
        )
        .exclude(collective_id=locked.initiator_id)
        .select_related("collective")
    )
    locked.title, locked.text = title, text
    locked.opens_on, locked.closes_on = opens_on, closes_on
    if wording_changed and others:
        locked.text_version += 1
    _full_clean(locked)
    locked.save()
    locked.demands.set(demands)
    if wording_changed and others:
        locked.signatures.filter(
            collective_id=locked.initiator_id, withdrawn_at__isnull=True
        ).update(confirmed_version=locked.text_version, updated_at=timezone.now())
        for signature in others:
            # A block stops every email between the two; the roster still says "not yet
            # confirmed" on the public page.
            if blocked_between(locked.initiator_id, signature.collective_id):
                continue
            _email_admins(signature.collective, "appeal_changed", appeal=locked)
    return locked


def _email_admins(collective: Collective, template: str, *, appeal: Appeal) -> None:
    context = {
        "appeal": appeal,
        "collective": collective,
        "initiator": appeal.initiator,
        "appeal_url": site_url(appeal.get_absolute_url()),
    }
    for address in collectives_admin_emails([collective]):
        outbox_enqueue_template(to=address, template=template, context=context)


@transaction.atomic
def appeal_invite(
    *, appeal: Appeal, collectives: Iterable[Collective], by: User
) -> list[Collective]:
    """Invite collectives to sign; returns those newly invited. Skipped: the initiator,
    unverified collectives, those already invited or standing behind the appeal, and those
    blocked either way with the initiator."""
    locked = _locked(appeal)
    _require_not_record(locked)
    _require_not_hidden(locked)
    if locked.initiator is None:
        raise AppealError(_("Only the initiating collective can invite signatories."))
    _require_role(locked.initiator, by, ORGANIZING_ROLES)
    if locked.closes_on is not None and locked.closes_on < timezone.localdate():
        raise AppealError(signing_closed_reason(locked, timezone.localdate()))
    skip = set(locked.invitations.values_list("collective_id", flat=True))
    skip |= set(
        locked.signatures.filter(withdrawn_at__isnull=True).values_list("collective_id", flat=True)
    )
    skip.add(locked.initiator_id)
    invited = []
    for collective in collectives:
        if collective.pk in skip or collective.status != CollectiveStatus.VERIFIED:
            continue
        if blocked_between(locked.initiator_id, collective.pk):
            continue
        skip.add(collective.pk)
        AppealInvitation.objects.create(appeal=locked, collective=collective, invited_by=by)
        _email_admins(collective, "appeal_invitation", appeal=locked)
        invited.append(collective)
    return invited


# --- signing -------------------------------------------------------------------------------


@transaction.atomic
def appeal_sign(*, appeal: Appeal, collective: Collective, by: User) -> AppealSignature:
    """`by`, an admin of the verified `collective`, signs the open appeal for it."""
    _require_verified(collective)
    _require_role(collective, by, [MembershipRole.ADMIN])
    locked = _locked(appeal)  # signers of one appeal take turns from here
    _require_not_hidden(locked)
    reason = signing_closed_reason(locked, timezone.localdate())
    if reason:
        raise AppealError(reason)
    already = AppealError(_("%(name)s has already signed this appeal.") % {"name": collective.name})
    now = timezone.now()
    values = {
        "signed_at": now,
        "signed_by": by,
        "confirmed_version": locked.text_version,
        "withdrawn_at": None,
    }
    try:
        with transaction.atomic():
            signature, created = AppealSignature.objects.get_or_create(
                appeal=locked, collective=collective, defaults=values
            )
    except IntegrityError:  # signed by a concurrent request despite the lock
        raise already from None
    if created:
        return signature
    if signature.is_standing:
        raise already
    for name, value in values.items():
        setattr(signature, name, value)
    signature.save()
    return signature


def _standing_signature(appeal: Appeal, collective: Collective) -> AppealSignature:
    signature = (
        AppealSignature.objects.select_for_update()
        .filter(appeal=appeal, collective=collective, withdrawn_at__isnull=True)
        .first()
    )
    if signature is None:
        raise AppealError(_("%(name)s has not signed this appeal.") % {"name": collective.name})
    return signature


@transaction.atomic
def appeal_withdraw(*, appeal: Appeal, collective: Collective, by: User) -> AppealSignature:
    """Take the collective's name off the appeal (at any time, also after it closed)."""
    _require_not_record(appeal)
    _require_role(collective, by, [MembershipRole.ADMIN])
    signature = _standing_signature(appeal, collective)
    signature.withdrawn_at = timezone.now()
    signature.save(update_fields=["withdrawn_at", "updated_at"])
    return signature


@transaction.atomic
def appeal_confirm(*, appeal: Appeal, collective: Collective, by: User) -> AppealSignature:
    """The collective stands behind the current version of the text."""
    _require_role(collective, by, [MembershipRole.ADMIN])
    locked = _locked(appeal)
    signature = _standing_signature(locked, collective)
    if signature.confirmed_version >= locked.text_version:
        raise AppealError(
            _("%(name)s already stands behind the current text.") % {"name": collective.name}
        )
    signature.confirmed_version = locked.text_version
    signature.save(update_fields=["confirmed_version", "updated_at"])
    return signature
