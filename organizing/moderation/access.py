"""What can be reported: only what the reporter can see."""

from django.http import Http404

from organizing.actions.access import get_action_for_user
from organizing.coalitions.access import get_appeal_for_user, get_coalition_for_user
from organizing.collectives.access import get_collective_for_user

from .models import ReportTarget

TARGET_LOOKUPS = {
    ReportTarget.ACTION: get_action_for_user,
    ReportTarget.COLLECTIVE: get_collective_for_user,
    ReportTarget.COALITION: get_coalition_for_user,
    ReportTarget.APPEAL: get_appeal_for_user,
}


def get_report_target_for_user(user, kind: str, slug: str):
    """The object being reported, or 404 (unknown kind, unknown or hidden object)."""
    if kind not in TARGET_LOOKUPS:
        raise Http404
    return TARGET_LOOKUPS[kind](user, slug)
