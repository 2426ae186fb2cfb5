"""Reads of coalitions and appeals, with everything their pages show prefetched."""

from django.db.models import Prefetch, QuerySet

from organizing.actions.selectors import action_list_queryset
from organizing.collectives.models import CollectiveStatus

from .models import (
    Appeal,
    AppealSignature,
    Coalition,
    CoalitionMembership,
    CoalitionMembershipStatus,
)


def coalition_detail_queryset() -> QuerySet[Coalition]:
    return Coalition.objects.prefetch_related(
        "causes",
        Prefetch(
            "memberships",
            queryset=CoalitionMembership.objects.filter(
                status=CoalitionMembershipStatus.ACTIVE,
                collective__status=CollectiveStatus.VERIFIED,
            ).select_related("collective"),
            to_attr="active_memberships",
        ),
        Prefetch("actions", queryset=action_list_queryset().public(), to_attr="public_actions"),
    )


def appeal_detail_queryset() -> QuerySet[Appeal]:
    return Appeal.objects.select_related("initiator").prefetch_related(
        "demands",
        Prefetch(
            "signatures",
            queryset=AppealSignature.objects.filter(
                collective__status=CollectiveStatus.VERIFIED
            ).select_related("collective"),
            to_attr="public_signatures",
        ),
    )


def collective_coalitions(collective) -> list[Coalition]:
    return list(
        Coalition.objects.filter(
            memberships__collective=collective,
            memberships__status=CoalitionMembershipStatus.ACTIVE,
        )
    )


def collective_signed_appeals(collective) -> list[Appeal]:
    return list(Appeal.objects.filter(signatures__collective=collective))
