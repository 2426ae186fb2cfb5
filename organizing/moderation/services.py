from .models import Report, ReportReason, ReportTarget


def report_create(
    *, target_kind: ReportTarget, target_slug: str, reason: ReportReason, note: str, reporter
) -> Report:
    return Report.objects.create(
        target_kind=target_kind,
        target_slug=target_slug,
        reason=reason,
        note=note,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
    )
