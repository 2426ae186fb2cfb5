"""Registering a collective and its admins' settings: edit, export, delete."""

import json

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organizing.accounts.access import two_factor_missing
from organizing.core.domain_errors import domain_error_shown

from ..access import get_collective_for_admin
from ..forms.profile import CollectiveProfileForm, DeleteCollectiveForm, initial_from
from ..models import Collective
from ..services import profile as services


@verified_email_required
@require_http_methods(["GET", "POST"])
def collective_register(request):
    form = CollectiveProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with domain_error_shown(request, form=form, field="name"):
            collective = services.collective_register(user=request.user, data=form.cleaned_data)
            messages.success(
                request,
                _(
                    "Your collective is registered. A moderator will "
                    "review it soon; we sent you an email."
                ),
            )
            return redirect(collective)
    return render(request, "collectives/collective_form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def collective_edit(request, slug):
    collective, _membership = get_collective_for_admin(
        request.user, slug, queryset=Collective.objects.prefetch_related("causes")
    )
    form = CollectiveProfileForm(
        request.POST or None, instance=collective, initial=initial_from(collective)
    )
    if request.method == "POST" and form.is_valid():
        with domain_error_shown(request, form=form, field="name"):
            services.collective_update(
                collective=collective, user=request.user, data=form.cleaned_data
            )
            messages.success(request, _("The profile was saved."))
            return redirect(collective)
    context = {"form": form, "collective": collective, "creating": False}
    return render(request, "collectives/collective_form.html", context)


def collective_export(request, slug):
    collective, _membership = get_collective_for_admin(request.user, slug)
    # Member emails, invited addresses, join requesters: two-factor, as on the members page.
    if missing := two_factor_missing(request):
        return missing
    data = services.collective_export(collective=collective, user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{collective.slug}.json"'
    return response


@require_http_methods(["GET", "POST"])
def collective_delete(request, slug):
    collective, _membership = get_collective_for_admin(request.user, slug)
    # Destroys every member's memberships and the attendees' records: not on a password alone.
    if missing := two_factor_missing(request):
        return missing
    form = DeleteCollectiveForm(request.POST or None, collective=collective)
    if request.method == "POST" and form.is_valid():
        name = collective.name
        services.collective_delete(collective=collective)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
        return redirect("pages:home")
    context = {"form": form, "collective": collective}
    return render(request, "collectives/collective_delete.html", context)
