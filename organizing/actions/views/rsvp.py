"""Taking part (RSVP, confirm and cancel links) and the hosts' attendee list."""

import csv

from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.db import OperationalError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from organizing.accounts.access import two_factor_missing
from organizing.actions.selectors.rsvp import (
    SENT_SESSION_KEY,
    SESSION_KEY,
    rsvp_counts,
    viewer_rsvp,
    viewer_sent_rsvp,
    waitlist_position,
)
from organizing.actions.selectors.rsvp import attendee_list as attendees_of
from organizing.core.contention import database_is_busy
from organizing.core.domain_errors import domain_error_shown
from organizing.core.spreadsheets import spreadsheet_cell

from ..access import get_action_for_attendees, get_action_for_user
from ..forms.rsvp import AnnouncementForm, RsvpForm
from ..models import Action, AttendeeExport, Rsvp, RsvpStatus
from ..retention import attendee_erasure_at, effective_retention_days
from ..services import rsvp as services

STATUS_MESSAGES = {
    RsvpStatus.CONFIRMED: gettext_lazy(
        "You are coming: your place is confirmed. We sent you an email."
    ),
    RsvpStatus.WAITLISTED: gettext_lazy(
        "The action is full: you are on the waitlist. We will email you if a place frees up."
    ),
    RsvpStatus.PENDING: gettext_lazy(
        "Thank you: the hosts will confirm your place. We will email you."
    ),
    RsvpStatus.DECLINED: gettext_lazy("The hosts could not offer you a place at this action."),
}
BUSY = gettext_lazy(
    "Too many people are taking part at this very moment: your RSVP was not saved. "
    "Please send it again in a minute."
)
# Said to everyone without an account, whatever the state of the address they typed.
CHECK_EMAIL = gettext_lazy("Almost there: follow the link we sent by email to confirm your RSVP.")


def session_remember_rsvp(request, rsvp) -> None:
    """Keep the token of an RSVP whose email was just proven, so the page knows the viewer."""
    tokens = dict(request.session.get(SESSION_KEY, {}))
    tokens[str(rsvp.action_id)] = rsvp.token
    request.session[SESSION_KEY] = tokens
    session_forget_sent(request, rsvp.action_id)


def session_remember_sent(request, action) -> None:
    """This browser sent an RSVP by email: the page says "check your email" instead of the
    empty form. Only the action's id is kept (no token, no address)."""
    sent = list(request.session.get(SENT_SESSION_KEY, []))
    if str(action.pk) not in sent:
        request.session[SENT_SESSION_KEY] = [*sent, str(action.pk)]


def session_forget_sent(request, action_id) -> None:
    sent = request.session.get(SENT_SESSION_KEY, [])
    if str(action_id) in sent:
        request.session[SENT_SESSION_KEY] = [pk for pk in sent if pk != str(action_id)]


@require_http_methods(["GET", "POST"])
def rsvp_create(request, slug):
    action = get_action_for_user(request.user, slug)
    refusal = services.rsvp_refusal(action)
    form = RsvpForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and not refusal:
        if limited := consume_or_429(request, action="rsvp"):
            return limited
        if form.is_valid():
            try:
                rsvp = services.rsvp_create(
                    action=action,
                    user=request.user,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data.get("email", ""),
                )
            except services.RsvpError as error:
                messages.error(request, str(error))
                return redirect(action)
            except OperationalError as error:
                if not database_is_busy(error):
                    raise
                # Still locked after the busy timeout: nothing was saved, say so plainly.
                messages.error(request, BUSY)
                status = 503
            else:
                if not _own_rsvp(request, rsvp):
                    session_remember_sent(request, action)
                messages.success(request, _rsvp_message(request, rsvp))
                return redirect(action)
    rsvp = viewer_rsvp(request, action)
    context = {
        "action": action,
        "rsvp_form": form,
        "refusal": refusal,
        "viewer_rsvp": rsvp,
        "viewer_sent_rsvp": request.method == "GET" and viewer_sent_rsvp(request, action),
        "waitlist_position": waitlist_position(rsvp) if rsvp else None,
        "counts": rsvp_counts(action),
    }
    return render(request, "actions/rsvp_form.html", context, status=status)


def _own_rsvp(request, rsvp: Rsvp) -> bool:
    return request.user.is_authenticated and rsvp.user_id == request.user.pk


def _rsvp_message(request, rsvp: Rsvp) -> str:
    """Only someone signed in to the RSVP's own account learns its state."""
    if _own_rsvp(request, rsvp):
        return STATUS_MESSAGES.get(rsvp.status, CHECK_EMAIL)
    return CHECK_EMAIL


def _rsvp_by_token(token: str) -> Rsvp:
    rsvp = (
        Rsvp.objects.select_related("action")
        .filter(token=token, anonymized_at__isnull=True)
        .first()
    )
    if rsvp is None:
        raise Http404
    return rsvp


@require_http_methods(["GET", "POST"])
def rsvp_confirm(request, token):
    rsvp = _rsvp_by_token(token)
    if request.method == "POST":
        with domain_error_shown(request) as attempt:
            rsvp = services.rsvp_confirm(rsvp=rsvp)
        if attempt.failed:
            return redirect(rsvp.action)
        session_remember_rsvp(request, rsvp)
        messages.success(request, STATUS_MESSAGES.get(rsvp.status, _("Your RSVP is saved.")))
        return redirect(rsvp.action)
    return render(request, "actions/rsvp_confirm.html", {"rsvp": rsvp, "action": rsvp.action})


@require_http_methods(["GET", "POST"])
def rsvp_cancel(request, token):
    rsvp = _rsvp_by_token(token)
    if request.method == "POST":
        with domain_error_shown(request) as attempt:
            services.rsvp_cancel(rsvp=rsvp)
        if attempt.failed:
            return redirect(rsvp.action)
        session_forget_sent(request, rsvp.action_id)
        messages.success(request, _("Your RSVP is cancelled. Thank you for telling the hosts."))
        return redirect(rsvp.action)
    return render(request, "actions/rsvp_cancel.html", {"rsvp": rsvp, "action": rsvp.action})


def _attendees_url(action: Action) -> str:
    return reverse("actions:attendees", args=[action.slug])


def _attendees_page(request, action: Action, announcement_form=None, status=200):
    context = {
        "action": action,
        "attendees": attendees_of(action),
        "counts": rsvp_counts(action),
        "retention_days": effective_retention_days(action.retention_days),
        "erased_at": attendee_erasure_at(action),
        "announcement_form": announcement_form or AnnouncementForm(),
        "announcements": action.announcements.select_related("sender")[:10],
        "exports": AttendeeExport.objects.filter(action=action).select_related("exported_by")[:10],
    }
    return render(request, "actions/attendees.html", context, status=status)


def attendee_list(request, slug):
    action = get_action_for_attendees(request.user, slug)
    # Names and emails of other people: only with two-factor on (after the 404 for outsiders).
    if missing := two_factor_missing(request):
        return missing
    return _attendees_page(request, action)


def attendee_export(request, slug):
    action = get_action_for_attendees(request.user, slug)
    if missing := two_factor_missing(request):
        return missing
    rows = services.attendee_export_rows(action=action, exported_by=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendees-{action.slug}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Email"), _("Status"), _("Confirmed at")])
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return response


@require_POST
def rsvp_decide(request, slug, pk, decision):
    action = get_action_for_attendees(request.user, slug)
    # Decided from the attendee list, which needs two-factor: so does deciding.
    if missing := two_factor_missing(request, next_url=_attendees_url(action)):
        return missing
    if decision not in ("approve", "decline"):
        raise Http404
    rsvp = get_object_or_404(Rsvp, pk=pk, action=action)
    with domain_error_shown(request):
        services.rsvp_decide(rsvp=rsvp, approve=decision == "approve", decided_by=request.user)
    return redirect("actions:attendees", slug=action.slug)


@require_POST
def announcement_create(request, slug):
    action = get_action_for_attendees(request.user, slug)
    # An invalid form renders the attendee list again: the same two-factor rule.
    if missing := two_factor_missing(request, next_url=_attendees_url(action)):
        return missing
    if limited := consume_or_429(request, action="announce", user=request.user):
        return limited
    form = AnnouncementForm(request.POST)
    if not form.is_valid():
        return _attendees_page(request, action, announcement_form=form)
    announcement = services.announcement_send(
        action=action, sender=request.user, **form.cleaned_data
    )
    messages.success(
        request,
        _("Your message was sent to %(count)s confirmed participants.")
        % {"count": announcement.recipient_count},
    )
    return redirect("actions:attendees", slug=action.slug)
