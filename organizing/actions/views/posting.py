"""Editing an action, cancelling it or one of its dates, answering a host invitation.

The posting page (/actions/new/) is coalitions' `views.posting.action_create`: it offers to post
for a coalition, a floor above."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organizing.core.domain_errors import domain_error_shown

from ..access import get_action_for_organizer, get_host_invitation_for_admin, user_leads_action
from ..forms.posting import ActionForm, HostInviteForm, initial_from
from ..models import Action, HostRole
from ..services import posting as services
from ..services.posting import PostingError


def _add_errors(form, error: ValidationError) -> None:
    """Model errors next to the form field of the same name, else above the form."""
    fields = {"starts_at": "start_time", "ends_at": "end_time"}
    for field, messages_ in error.message_dict.items():
        field = fields.get(field, field)
        form.add_error(field if field in form.fields else None, messages_)


def call_with_form(form, service, **kwargs):
    """Call the service with the form's data; None (and errors on the form) when refused. The
    posting page (coalitions' `views.posting`) calls its service through it too."""
    try:
        return service(data=form.cleaned_data, **kwargs)
    except ValidationError as error:
        _add_errors(form, error)
    except PostingError as error:
        form.add_error(None, str(error))
    return None


@require_http_methods(["GET", "POST"])
def action_edit(request, slug):
    action = get_action_for_organizer(
        request.user, slug, queryset=Action.objects.prefetch_related("causes")
    )
    intent = request.POST.get("intent", "save") if request.method == "POST" else None
    form = ActionForm(request.POST if intent == "save" else None, initial=initial_from(action))
    invite_form = HostInviteForm(request.POST if intent == "invite" else None, action=action)
    if intent == "save" and form.is_valid():
        if call_with_form(form, services.action_update, action=action, user=request.user):
            messages.success(request, _("The action was saved."))
            return redirect(action)
    elif intent == "invite" and invite_form.is_valid():
        with domain_error_shown(request, form=invite_form):
            services.action_invite_host(
                action=action, invited_by=request.user, **invite_form.cleaned_data
            )
            messages.success(request, _("The invitation was sent to the collective's admins."))
            return redirect("actions:edit", slug=action.slug)
    elif intent == "publish":
        return _publish(request, action)
    elif intent in ("grant_attendees", "withdraw_attendees"):
        return _attendee_access(request, action, grant=intent == "grant_attendees")
    return render(
        request,
        "actions/action_form.html",
        _edit_context(action, form, invite_form, user=request.user),
    )


def _publish(request, action: Action):
    with domain_error_shown(request):
        services.action_publish(action=action, user=request.user)
        messages.success(request, _("The action was submitted for publication."))
    return redirect(action)


def _attendee_access(request, action: Action, *, grant: bool):
    host_pk = request.POST.get("host", "")
    if not (host_pk.isascii() and host_pk.isdigit()):  # junk is a 404, never a 500
        raise Http404
    host_link = get_object_or_404(action.host_links.select_related("collective"), pk=host_pk)
    with domain_error_shown(request):
        services.action_host_grant_attendee_access(
            host_link=host_link, user=request.user, grant=grant
        )
        template = (
            _(
                "%(name)s's admins and organizers now see the attendees and the exact "
                "place, and may edit the action."
            )
            if grant
            else _("%(name)s no longer sees the attendees nor the hosts-only place.")
        )
        messages.success(request, template % {"name": host_link.collective.name})
    return redirect("actions:edit", slug=action.slug)


def _edit_context(action: Action, form, invite_form, *, user) -> dict:
    return {
        "form": form,
        "invite_form": invite_form,
        "action": action,
        "creating": False,
        "hosts": action.host_links.select_related("collective").exclude(role=HostRole.LEAD),
        "leads": user_leads_action(user, action),
        "occurrences": action.occurrences.filter(starts_at__gte=timezone.now()),
    }


@require_http_methods(["GET", "POST"])
def action_cancel(request, slug):
    action = get_action_for_organizer(request.user, slug)
    if request.method == "POST":
        with domain_error_shown(request):
            services.action_cancel(action=action, user=request.user)
            messages.success(request, _("The action is cancelled; participants are told."))
        return redirect(action)
    return render(request, "actions/action_cancel.html", {"action": action})


@require_POST
def occurrence_cancel(request, slug, pk):
    action = get_action_for_organizer(request.user, slug)
    occurrence = get_object_or_404(action.occurrences, pk=pk)
    with domain_error_shown(request):
        services.occurrence_cancel(occurrence=occurrence, user=request.user)
        messages.success(request, _("This date is cancelled."))
    return redirect("actions:edit", slug=action.slug)


@login_required
@require_http_methods(["GET", "POST"])
def host_respond(request, slug, pk, decision):
    if decision not in ("accept", "decline"):
        raise Http404
    host_link = get_host_invitation_for_admin(request.user, slug, pk)
    if request.method == "POST" and host_link.is_invited:
        with domain_error_shown(request) as attempt:
            services.action_host_respond(
                host_link=host_link, user=request.user, accept=decision == "accept"
            )
        if attempt.failed:
            return redirect(host_link.collective)
        if decision == "accept":
            messages.success(request, _("Your collective now hosts this action."))
            return redirect(host_link.action)
        messages.success(request, _("You declined the invitation. Nobody was notified."))
        return redirect(host_link.collective)
    return render(request, "actions/host_invitation.html", {"host_link": host_link})
