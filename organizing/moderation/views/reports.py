from allauth.core.ratelimit import consume_or_429
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from organizing.core.domain_errors import domain_error_shown

from ..access import get_report_target_for_user, get_reported_person_for_user
from ..forms import ReportForm
from ..models import ReportTarget
from ..services.reports import person_context_url, report_create


def _target_and_context(request, kind, slug):
    """(target, context, the way back): a person comes with the page they were seen on."""
    if kind == ReportTarget.PERSON:
        person, context = get_reported_person_for_user(
            request.user, slug, request.GET.get("in", "")
        )
        return person, context, person_context_url(context)
    target = get_report_target_for_user(request.user, kind, slug)
    return target, None, target.get_absolute_url()


@require_http_methods(["GET", "POST"])
def report_create_view(request, kind, slug):
    """GET /report/<kind>/<slug>/: the form; POST: file the report. A bot caught by the honeypot
    gets the same acknowledgement, and nothing is saved. People are reported only from pages
    for members, so reporting one needs an account (`?in=<page>:<key>` names the page)."""
    if kind == ReportTarget.PERSON and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    target, context, back_url = _target_and_context(request, kind, slug)
    page = {"target": target, "back_url": back_url, "is_person": context is not None}
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if limited := consume_or_429(request, action="report"):
            return limited
        if form.is_valid():
            with domain_error_shown(request, form=form):
                report_create(
                    target_kind=kind,
                    target_slug=slug,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    reporter=request.user,
                    target=target,
                    context=context,
                )
                return render(request, "moderation/report_received.html", page)
        if form.caught_a_bot():
            return render(request, "moderation/report_received.html", page)
    return render(request, "moderation/report_form.html", {"form": form, **page})
