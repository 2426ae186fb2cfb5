from allauth.core.ratelimit import consume_or_429
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .access import get_report_target_for_user
from .forms import ReportForm
from .services.reports import report_create


@require_http_methods(["GET", "POST"])
def report_create_view(request, kind, slug):
    """GET /report/<kind>/<slug>/: the form; POST: file the report. A bot caught by the honeypot
    gets the same acknowledgement, and nothing is saved."""
    target = get_report_target_for_user(request.user, kind, slug)
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if limited := consume_or_429(request, action="report"):
            return limited
        if form.is_valid():
            report_create(
                target_kind=kind,
                target_slug=slug,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                reporter=request.user,
                target=target,
            )
            return render(request, "moderation/report_received.html", {"target": target})
        if form.caught_a_bot():
            return render(request, "moderation/report_received.html", {"target": target})
    return render(request, "moderation/report_form.html", {"form": form, "target": target})
