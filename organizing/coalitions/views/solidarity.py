"""Solidarity calls: a host asks its coalition partners to turn out for an action; partners
pledge how many people they will bring."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organizing.actions.access import get_action_for_organizer
from organizing.core.domain_errors import domain_error_shown

from ..access import get_solidarity_call_for_partner
from ..forms import PledgeForm, SolidarityCallForm
from ..selectors import calling_memberships, pledged_total, solidarity_calls_of
from ..services import solidarity


@login_required
@require_http_methods(["GET", "POST"])
def solidarity_call_create(request, slug):
    action = get_action_for_organizer(request.user, slug)
    memberships = calling_memberships(request.user, action)
    form = SolidarityCallForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        membership = form.cleaned_data["membership"]
        with domain_error_shown(request, form=form):
            solidarity.solidarity_call_create(
                action=action,
                coalition=membership.coalition,
                collective=membership.collective,
                by=request.user,
                message=form.cleaned_data["message"],
            )
            messages.success(request, _("Your coalition partners are asked to turn out."))
            return redirect("coalitions:solidarity_call", slug=action.slug)
    context = {
        "action": action,
        "form": form,
        "has_choices": memberships.exists(),
        "calls": solidarity_calls_of(action),
        "total": pledged_total(action),
    }
    return render(request, "coalitions/solidarity_call_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def pledge(request, pk):
    call, collectives = get_solidarity_call_for_partner(request.user, pk)
    existing = {p.collective_id: p for p in call.pledges.select_related("collective")}
    first = existing.get(collectives[0].pk)
    initial = {"headcount": first.headcount if first else None, "note": first.note if first else ""}
    form = PledgeForm(request.POST or None, collectives=collectives, initial=initial)
    if request.method == "POST" and form.is_valid():
        with domain_error_shown(request, form=form):
            solidarity.solidarity_pledge(call=call, by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("Your pledge is saved.")
                if form.cleaned_data["headcount"]
                else _("Your pledge is withdrawn."),
            )
            return redirect(call.action)
    pledges = sorted(existing.values(), key=lambda p: p.collective.name)
    context = {
        "call": call,
        "form": form,
        "pledges": pledges,
        "total": sum(p.headcount for p in pledges),
    }
    return render(request, "coalitions/pledge_form.html", context)
