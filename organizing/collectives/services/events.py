"""The membership history: one immutable row per change (who, what, when)."""

from ..models import Collective, MembershipEvent, MembershipEventKind


def event_record(
    *, collective: Collective, actor, kind: MembershipEventKind, subject=None, detail: str = ""
) -> MembershipEvent:
    return MembershipEvent.objects.create(
        collective=collective, actor=actor, kind=kind, subject=subject, detail=detail[:300]
    )
