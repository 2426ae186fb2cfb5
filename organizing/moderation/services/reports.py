"""Reports grouped into cases, holds against report brigading, and resolving cases.

One open case per target: every report about it joins that case until a moderator resolves it;
a report after that opens a new case.

Brigading: a pile of reports must not silence a small group. Reports never hide a verified
collective's content by themselves. Content of an unverified collective (in practice, a public
action whose lead host is not verified) is held from public listings once enough distinct
*established* accounts reported it, until a moderator decides.

People (`ReportTarget.PERSON`) are named by their random `User.public_id`, reported only by
accounts, from a page where the reporter saw them (`moderation.access`), which the report keeps
in `Report.context`; their cases end in a suspension of the account or a dismissal.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizing.actions.models import PUBLIC_STATUSES, ActionHost, ActionStatus, HostRole
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.core.links import site_url
from organizing.outbox.services import outbox_enqueue_template

from ..models import (
    CaseResolution,
    CaseStatus,
    DecisionVerb,
    Report,
    ReportCase,
    ReportReason,
    ReportTarget,
)
from ..selectors import ESTABLISHED_ACCOUNT_AGE, case_target, case_target_user, report_target
from . import decisions
from .decisions import ModerationError

# Distinct established accounts whose reports hold an unverified collective's action.
HOLD_AFTER_ESTABLISHED_REPORTERS = 3


# Where a person was reported from (Report.context["page"]): the page's address, from its key.
PERSON_CONTEXT_URLS = {
    "members": "collectives:members",
    "attendees": "actions:attendees",
    "proposal": "partners:proposal_detail",
    "message": "collectives:detail",
}


def person_context_url(context: dict) -> str:
    """The page a person was reported from, for the reporter's way back (or "" if unknown)."""
    name = PERSON_CONTEXT_URLS.get((context or {}).get("page"))
    return reverse(name, args=[context["key"]]) if name and context.get("key") else ""


def _collective_concerned(target_kind: str, target) -> Collective | None:
    if target_kind == ReportTarget.COLLECTIVE:
        return target
    if target_kind == ReportTarget.ACTION:
        lead = (
            ActionHost.objects.filter(action=target, role=HostRole.LEAD)
            .select_related("collective")
            .first()
        )
        return lead.collective if lead is not None else None
    if target_kind == ReportTarget.APPEAL:
        return target.initiator
    return None  # a coalition has no initiating collective


def _open_case(*, target_kind: str, target_slug: str) -> ReportCase:
    """The target's one open case, locked; created when there is none (two reporters racing
    both end up in the same case thanks to the partial unique constraint)."""
    for _attempt in range(2):
        case = (
            ReportCase.objects.select_for_update()
            .filter(target_kind=target_kind, target_slug=target_slug, status=CaseStatus.OPEN)
            .first()
        )
        if case is not None:
            return case
        try:
            with transaction.atomic():
                return ReportCase.objects.create(target_kind=target_kind, target_slug=target_slug)
        except IntegrityError:
            continue  # someone else opened it in between: lock theirs
    raise ModerationError(_("Could not open a report case."))


def _established_reporter_count(case: ReportCase) -> int:
    cutoff = timezone.now() - ESTABLISHED_ACCOUNT_AGE
    return (
        Report.objects.filter(
            case=case,
            reporter__isnull=False,
            reporter__date_joined__lte=cutoff,
            reporter__emailaddress__verified=True,
        )
        .values("reporter")
        .distinct()
        .count()
    )


def _hold_if_brigade_proof(case: ReportCase, target) -> None:
    """Hold an unverified collective's public action after enough established reporters.
    Never a verified collective's content, whatever the count."""
    if case.held_at is not None:
        return
    if case.target_kind != ReportTarget.ACTION:
        return  # pending collectives are not public already; coalitions and appeals stay
    if target.status not in PUBLIC_STATUSES:
        return
    if case.collective is not None and case.collective.status == CollectiveStatus.VERIFIED:
        return
    if _established_reporter_count(case) < HOLD_AFTER_ESTABLISHED_REPORTERS:
        return
    decisions.action_hold(action=target, case=case)
    case.held_at = timezone.now()
    case.save(update_fields=["held_at", "updated_at"])


def _refuse_person_report(target, reporter, context: dict | None) -> None:
    """A person is reported by an account, from a page where they were seen, never by
    themselves (the views check the page; this keeps every caller honest)."""
    if reporter is None:
        raise ModerationError(_("Log in to report a person."))
    if target.pk == reporter.pk:
        raise ModerationError(_("You cannot report yourself."))
    if not (context or {}).get("page"):
        raise ModerationError(_("Say where the person was seen."))


@transaction.atomic
def report_create(
    *,
    target_kind: ReportTarget,
    target_slug: str,
    reason: ReportReason,
    note: str = "",
    reporter=None,
    target=None,
    context: dict | None = None,
) -> Report:
    """File a report into the target's open case; may hold the target (see module docstring).
    Signed-in reporters get an acknowledgement email (which names nobody else). A person
    report names the page they were seen on in `context` ({"page", "key", "label"})."""
    reporter = reporter if reporter is not None and reporter.is_authenticated else None
    if target is None:
        target = report_target(target_kind, target_slug)
        if target is None:
            raise ModerationError(_("There is nothing to report here any more."))
    if target_kind == ReportTarget.PERSON:
        _refuse_person_report(target, reporter, context)
    case = _open_case(target_kind=target_kind, target_slug=target_slug)
    case.collective = _collective_concerned(target_kind, target)
    case.save(update_fields=["collective", "updated_at"])  # touches updated_at: top of the queue
    report = Report(
        case=case,
        target_kind=target_kind,
        target_slug=target_slug,
        reason=reason,
        note=note,
        reporter=reporter,
        context=context or {},
    )
    report.full_clean()
    report.save()
    _hold_if_brigade_proof(case, target)
    if reporter is not None:
        target_url = (
            person_context_url(report.context)
            if target_kind == ReportTarget.PERSON
            else target.get_absolute_url()
        )
        outbox_enqueue_template(
            to=reporter.email,
            template="report_received",
            context={
                "target": str(target),
                "reason": report.get_reason_display(),
                "target_url": site_url(target_url),
            },
        )
    return report


def _resolve_hidden(case, target, *, moderator, reason_template, reason):
    options = {
        "moderator": moderator,
        "reason_template": reason_template,
        "reason": reason,
        "case": case,
    }
    if case.target_kind == ReportTarget.ACTION:
        decisions.action_hide(action=target, **options)
    elif case.target_kind == ReportTarget.COLLECTIVE:
        decisions.collective_suspend(collective=target, **options)
    elif case.target_kind == ReportTarget.COALITION:
        decisions.coalition_hide(coalition=target, **options)
    elif case.target_kind == ReportTarget.APPEAL:
        decisions.appeal_hide(appeal=target, **options)
    elif case.target_kind == ReportTarget.PERSON:
        raise ModerationError(_("A person is not hidden: suspend the account instead."))
    else:
        raise ModerationError(_("Unknown target."))


def _resolve_dismissed(case, target, *, moderator, reason_template, reason):
    held = (
        case.held_at is not None
        and case.target_kind == ReportTarget.ACTION
        and target is not None
        and target.status == ActionStatus.HELD
    )
    if held:
        decisions.action_restore(action=target, moderator=moderator, reason=reason, case=case)
    # The audit trail names the target; one that is gone is named by its case.
    decisions.decision_record(
        verb=DecisionVerb.CASE_DISMISSED,
        moderator=moderator,
        target=target if target is not None else case,
        collective=case.collective,
        reason_template=reason_template,
        reason=decisions.full_reason(reason_template, reason),
        case=case,
    )


@transaction.atomic
def case_resolutions_offered(case: ReportCase) -> list[CaseResolution]:
    """The decisions a moderator is offered on an open case (the case page's buttons): those
    `case_resolve` carries out for this target. Hiding is for records, not people; suspending
    the collective concerned, when the case is not about that collective itself."""
    target = case_target(case)
    offered = []
    if target is not None and case.target_kind != ReportTarget.PERSON:
        offered.append(CaseResolution.HIDDEN)
    if target is not None and case.collective_id and case.collective != target:
        offered.append(CaseResolution.COLLECTIVE_SUSPENDED)
    if case_target_user(case, target) is not None:
        offered.append(CaseResolution.USER_SUSPENDED)
    offered.append(CaseResolution.DISMISSED)
    return offered


def case_resolve(
    *,
    case: ReportCase,
    moderator,
    resolution: CaseResolution,
    reason_template=None,
    reason: str = "",
) -> ReportCase:
    """Close a case: hide the target, suspend the collective or the user concerned, or dismiss
    the reports (which lifts a hold). Each goes through the decision services, so it is
    recorded and the collective told why."""
    case = (
        ReportCase.objects.select_for_update(of=("self",))
        .select_related("collective")
        .get(pk=case.pk)
    )
    if case.status != CaseStatus.OPEN:
        raise ModerationError(_("This case is already resolved."))
    target = case_target(case)
    if target is None and resolution != CaseResolution.DISMISSED:
        raise ModerationError(_("The reported item no longer exists: dismiss the case."))
    options = {"moderator": moderator, "reason_template": reason_template, "reason": reason}
    if resolution == CaseResolution.HIDDEN:
        _resolve_hidden(case, target, **options)
    elif resolution == CaseResolution.COLLECTIVE_SUSPENDED:
        if case.collective is None:
            raise ModerationError(_("No collective is concerned by this case."))
        decisions.collective_suspend(collective=case.collective, case=case, **options)
    elif resolution == CaseResolution.USER_SUSPENDED:
        user = case_target_user(case, target)
        if user is None:
            raise ModerationError(
                _("This target is not tied to one person: suspend users from the users' admin.")
            )
        decisions.user_suspend(
            user=user,
            moderator=moderator,
            case=case,
            reason=decisions.full_reason(reason_template, reason),
        )
    elif resolution == CaseResolution.DISMISSED:
        _resolve_dismissed(case, target, **options)
    else:
        raise ModerationError(_("Unknown resolution."))
    case.status = CaseStatus.RESOLVED
    case.resolution = resolution
    case.resolved_by = moderator
    case.resolved_at = timezone.now()
    case.save(update_fields=["status", "resolution", "resolved_by", "resolved_at", "updated_at"])
    return case
