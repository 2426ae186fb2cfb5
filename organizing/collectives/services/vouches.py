"""Peer vouching: an admin of a verified collective tells the moderators, in a sentence, that
their collective knows a pending one. Vouches are for the moderators' verification queue
only: no public page, feed, API or export shows them, and the pending collective is not told.

A blocked pair (a `matching.PartnerExclusion` of kind "blocked", either way; read through
`collectives.selectors.blocked_between`, as collectives may not import matching) cannot vouch.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from organizing.accounts.access import has_two_factor
from organizing.core.errors import DomainError

from ..models import Collective, CollectiveStatus, Membership, MembershipRole, Vouch
from ..selectors import blocked_between


class VouchError(DomainError):
    """A vouch the rules refuse; the message is meant for the person vouching."""


def _check_author(*, voucher: Collective, author) -> None:
    """The same rules as the vouch page's access check, for every caller."""
    if voucher.status != CollectiveStatus.VERIFIED:
        raise VouchError(_("Only a verified collective can vouch for another."))
    if not Membership.objects.filter(
        collective=voucher, user=author, role=MembershipRole.ADMIN
    ).exists():
        raise VouchError(_("Only an admin of %(name)s can vouch for it.") % {"name": voucher.name})
    if not has_two_factor(author):
        raise VouchError(_("Turn on two-factor authentication to vouch for a collective."))


@transaction.atomic
def collective_vouch(
    *, collective: Collective, voucher: Collective, author, statement: str
) -> Vouch:
    """`voucher` vouches for the pending `collective`, in the words of `author`, one of its
    admins with two-factor on. One vouch per pair (a second one is refused, not merged)."""
    collective = Collective.objects.select_for_update().get(pk=collective.pk)
    if collective.status != CollectiveStatus.PENDING:
        raise VouchError(_("Only a collective waiting for verification can be vouched for."))
    if voucher.pk == collective.pk:
        raise VouchError(_("A collective cannot vouch for itself."))
    _check_author(voucher=voucher, author=author)
    if blocked_between(voucher.pk, collective.pk):
        raise VouchError(
            _("%(voucher)s and %(name)s blocked each other: no vouch between them.")
            % {"voucher": voucher.name, "name": collective.name}
        )
    if Membership.objects.filter(collective=collective, user=author).exists():
        raise VouchError(
            _("Members of %(name)s cannot vouch for it: a vouch comes from outside.")
            % {"name": collective.name}
        )
    already = VouchError(
        _("%(voucher)s has already vouched for %(name)s.")
        % {"voucher": voucher.name, "name": collective.name}
    )
    if Vouch.objects.filter(collective=collective, voucher=voucher).exists():
        raise already
    vouch = Vouch(
        collective=collective,
        voucher=voucher,
        author=author,
        statement=" ".join((statement or "").split()),
    )
    try:
        vouch.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise VouchError(" ".join(error.messages)) from error
    try:
        with transaction.atomic():
            vouch.save()
    except IntegrityError as error:  # the unique pair, raced: a double click, a second admin
        raise already from error
    return vouch


@transaction.atomic
def vouch_withdraw(*, vouch: Vouch, author) -> None:
    """Any admin (with two-factor on) of the vouching collective may take its vouch back."""
    _check_author(voucher=vouch.voucher, author=author)
    vouch.delete()
