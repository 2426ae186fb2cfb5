"""Reads of joint appeals: the list, the page with its public roster, the CSV and the badge,
and what a signed-in admin may do on an appeal. Each selector fetches its joins itself.

The public roster is the standing signatures (not withdrawn) of verified collectives; the count
"signed by N organizations" adds the signatories the source does not name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import formats
from django.utils.translation import gettext as _

from organizing.collectives.access import collectives_user_admins, collectives_user_organizes
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.collectives.selectors import blocked_with_condition

from .models import Appeal, AppealSignature

# The roster's order: earliest signers first, signatures without a reported date last.
ROSTER_ORDER = (F("signed_at").asc(nulls_last=True), "collective__name")
PUBLIC_SIGNATURE = Q(withdrawn_at__isnull=True, collective__status=CollectiveStatus.VERIFIED)


def _open_on(day: dt.date) -> Q:
    return (
        Q(accepts_signatures=True)
        & (Q(opens_on__isnull=True) | Q(opens_on__lte=day))
        & (Q(closes_on__isnull=True) | Q(closes_on__gte=day))
    )


def listed_appeals() -> QuerySet[Appeal]:
    """Appeals any page may list (a cause page's, for one): not those the moderators hid."""
    return Appeal.objects.filter(hidden_at__isnull=True)


def appeal_list_queryset(day: dt.date) -> QuerySet[Appeal]:
    """Open appeals first, then the others, each group newest first, without those the
    moderators hid; each appeal with `is_open` and `signed_count` (named public signatures
    plus the unnamed ones)."""
    named = Count(
        "signatures",
        filter=Q(
            signatures__withdrawn_at__isnull=True,
            signatures__collective__status=CollectiveStatus.VERIFIED,
        ),
    )
    return (
        Appeal.objects.filter(hidden_at__isnull=True)
        .select_related("initiator")
        .annotate(
            is_open=Case(
                When(_open_on(day), then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
            signed_count=named + F("unnamed_signatory_count"),
        )
        .order_by("-is_open", F("opens_on").desc(nulls_last=True), "-created_at", "pk")
    )


def roster_queryset(appeal: Appeal | None = None) -> QuerySet[AppealSignature]:
    signatures = AppealSignature.objects.filter(PUBLIC_SIGNATURE)
    if appeal is not None:
        signatures = signatures.filter(appeal=appeal)
    return signatures.select_related("collective").order_by(*ROSTER_ORDER)


def appeal_page_queryset() -> QuerySet[Appeal]:
    """An appeal with its initiator, demands and public roster (`roster`) fetched."""
    return Appeal.objects.select_related("initiator").prefetch_related(
        "demands",
        Prefetch("signatures", queryset=roster_queryset(), to_attr="roster"),
    )


def signed_count(appeal: Appeal, roster: list[AppealSignature] | None = None) -> int:
    """ "Signed by N organizations": the public roster plus the signatories not named."""
    named = len(roster) if roster is not None else roster_queryset(appeal).count()
    return named + appeal.unnamed_signatory_count


def signing_closed_reason(appeal: Appeal, day: dt.date) -> str:
    """Why collectives cannot sign on `day`, in words; empty while the appeal is open."""
    if not appeal.accepts_signatures:
        return _(
            "This page is the record of a past appeal: its signatories come from the "
            "source, and it takes no signatures here."
        )
    if appeal.opens_on is not None and day < appeal.opens_on:
        return _("Signing opens on %(date)s.") % {"date": formats.date_format(appeal.opens_on)}
    if appeal.closes_on is not None and day > appeal.closes_on:
        return _("Signing closed on %(date)s.") % {"date": formats.date_format(appeal.closes_on)}
    return ""


@dataclass
class SigningPanel:
    """What a signed-in user may do on an appeal, for which of the verified collectives they
    admin."""

    collectives: list[Collective] = field(default_factory=list)
    signatures: dict[int, AppealSignature] = field(default_factory=dict)
    can_sign: list[Collective] = field(default_factory=list)
    can_withdraw: list[Collective] = field(default_factory=list)
    can_confirm: list[Collective] = field(default_factory=list)

    @property
    def standing(self) -> list[tuple[Collective, AppealSignature]]:
        """The user's collectives that stand behind the appeal, with their signatures."""
        return [(c, self.signatures[c.pk]) for c in self.collectives if c.pk in self.signatures]


def signing_panel(user, appeal: Appeal, *, is_open: bool) -> SigningPanel:
    collectives = list(collectives_user_admins(user).filter(status=CollectiveStatus.VERIFIED))
    if not collectives:
        return SigningPanel()
    signatures = {
        signature.collective_id: signature
        for signature in AppealSignature.objects.filter(
            appeal=appeal, collective__in=collectives, withdrawn_at__isnull=True
        )
    }
    standing = [c for c in collectives if c.pk in signatures]
    return SigningPanel(
        collectives=collectives,
        signatures=signatures,
        can_sign=[c for c in collectives if c.pk not in signatures] if is_open else [],
        can_withdraw=standing if appeal.accepts_signatures else [],
        can_confirm=[
            c for c in standing if signatures[c.pk].confirmed_version < appeal.text_version
        ],
    )


def initiator_choices(user) -> QuerySet[Collective]:
    """The collectives a user may draft an appeal for: verified ones they admin or organize."""
    return collectives_user_organizes(user).filter(status=CollectiveStatus.VERIFIED)


def invitable_collectives(appeal: Appeal) -> QuerySet[Collective]:
    """Verified collectives the initiator may still invite: not the initiator, not invited yet,
    not a standing signatory, and not blocked either way."""
    candidates = Collective.objects.filter(status=CollectiveStatus.VERIFIED).exclude(
        Q(pk__in=appeal.invitations.values("collective_id"))
        | Q(pk__in=appeal.signatures.filter(withdrawn_at__isnull=True).values("collective_id"))
    )
    if appeal.initiator_id is not None:
        candidates = candidates.exclude(pk=appeal.initiator_id).exclude(
            blocked_with_condition(appeal.initiator_id)
        )
    return candidates.order_by("name")


def coalition_member_appeals(coalition) -> list[Appeal]:
    """Appeals initiated by the coalition's (listed) active members, but hidden ones."""
    member_ids = [m.collective_id for m in coalition.active_memberships]
    if not member_ids:
        return []
    return list(
        Appeal.objects.filter(initiator_id__in=member_ids, hidden_at__isnull=True)
        .select_related("initiator")
        .order_by("-opens_on", "title")
    )


def collective_signed_appeals(collective) -> list[Appeal]:
    """For the collective's public page: the appeals its signature stands behind (the roster's
    rule: not withdrawn, a verified collective), but hidden ones."""
    signed = roster_queryset().filter(collective=collective).values("appeal_id")
    return list(Appeal.objects.filter(pk__in=signed, hidden_at__isnull=True))


def public_appeal_count() -> int:
    """Appeals on public pages (all but those the moderators hid): the home page's figure."""
    return Appeal.objects.filter(hidden_at__isnull=True).count()
