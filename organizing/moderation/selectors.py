"""Reads of moderation records for the pages of those they concern."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max

from organizing.collectives.models import Collective, CollectiveStatus, Vouch

from .models import Decision, DecisionVerb


def latest_decisions(collective: Collective, *, limit: int = 3) -> list[Decision]:
    """The moderators' latest decisions about a collective or its actions, newest first."""
    return list(Decision.objects.filter(collective=collective).order_by("-created_at")[:limit])


# --- peer vouches, for the verification queue (moderators only) ------------------------------


@dataclass
class SuspendedVouchee:
    """A collective the voucher vouched for that is now suspended."""

    name: str
    suspended_on: datetime | None


@dataclass
class VouchForReview:
    vouch: Vouch
    # The voucher's earlier vouches that went wrong: "vouched for X, suspended on <date>".
    suspended_vouchees: list[SuspendedVouchee] = field(default_factory=list)


def suspended_vouchees(voucher_ids) -> dict[int, list[SuspendedVouchee]]:
    """For each voucher, the collectives it vouched for that are suspended now, with the date
    of their latest suspension (two queries, whatever the number of vouchers)."""
    vouches = list(
        Vouch.objects.filter(
            voucher_id__in=set(voucher_ids), collective__status=CollectiveStatus.SUSPENDED
        )
        .select_related("collective")
        .order_by("collective__name")
    )
    if not vouches:
        return {}
    dates = dict(
        Decision.objects.filter(
            verb=DecisionVerb.COLLECTIVE_SUSPENDED,
            collective_id__in={v.collective_id for v in vouches},
        )
        .values("collective_id")
        .annotate(last=Max("created_at"))
        .values_list("collective_id", "last")
    )
    found: dict[int, list[SuspendedVouchee]] = {}
    for vouch in vouches:
        found.setdefault(vouch.voucher_id, []).append(
            SuspendedVouchee(
                name=vouch.collective.name, suspended_on=dates.get(vouch.collective_id)
            )
        )
    return found


def vouches_for_review(collective_ids) -> dict[int, list[VouchForReview]]:
    """The vouches each of these (pending) collectives received, oldest first, with each
    voucher's record; three queries in all."""
    vouches = list(
        Vouch.objects.filter(collective_id__in=set(collective_ids))
        .select_related("voucher", "author")
        .order_by("created_at", "pk")
    )
    records = suspended_vouchees({vouch.voucher_id for vouch in vouches}) if vouches else {}
    found: dict[int, list[VouchForReview]] = {}
    for vouch in vouches:
        found.setdefault(vouch.collective_id, []).append(
            VouchForReview(vouch=vouch, suspended_vouchees=records.get(vouch.voucher_id, []))
        )
    return found
