"""Coalition pages: the public page, joining, leaving, points of unity and consent. The
coalition's calendar feed is feeds' (`feeds:coalition_ics`); solidarity calls are in
`views/solidarity.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organizing.actions.selectors.public import action_map_points
from organizing.collectives.access import get_collective_acting_as_admin
from organizing.core.domain_errors import domain_error_shown

from ..access import (
    active_memberships_user_admins,
    get_coalition_for_user,
    get_coalition_membership_for_admin,
    get_pending_membership_for_answer,
)
from ..forms import (
    ActingForm,
    CollectiveSearchForm,
    InviteForm,
    JoinForm,
    LeaveForm,
    PointsForm,
)
from ..models import CoalitionMembership, CoalitionMembershipStatus
from ..selectors import (
    coalition_detail_queryset,
    coalition_list_queryset,
    invitable_collectives,
    invite_choices,
    joinable_collectives,
    membership_panel,
    points_versions_of,
)
from ..services import coalitions as services

PAGE_SIZE = 20


def coalition_list(request):
    page = Paginator(coalition_list_queryset(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "coalitions/coalition_list.html", {"page": page})


def coalition_detail(request, slug):
    coalition = get_coalition_for_user(request.user, slug, queryset=coalition_detail_queryset())
    panel = membership_panel(request.user, coalition)
    context = {
        "coalition": coalition,
        "map_points": action_map_points(coalition.public_actions),
        "panel": panel,
        "to_consent": panel.to_consent(coalition.points_version),
    }
    if panel.memberships:
        memberships = [m.collective for m in panel.memberships]
        context["leave_form"] = LeaveForm(collectives=memberships, auto_id="leave_%s")
    if context["to_consent"]:
        context["consent_form"] = ActingForm(
            collectives=[m.collective for m in context["to_consent"]], auto_id="consent_%s"
        )
    if panel.joinable:
        context["join_collectives"] = panel.joinable
    return render(request, "coalitions/coalition_detail.html", context)


# --- points of unity -----------------------------------------------------------------------


def _admin_memberships_or_404(user, coalition) -> list[CoalitionMembership]:
    memberships = active_memberships_user_admins(user, coalition)
    if not memberships:
        raise Http404
    return memberships


@login_required
@require_http_methods(["GET", "POST"])
def points_edit(request, slug):
    coalition = get_coalition_for_user(request.user, slug)
    collectives = [m.collective for m in _admin_memberships_or_404(request.user, coalition)]
    form = PointsForm(
        request.POST or None, collectives=collectives, initial={"text": coalition.points_of_unity}
    )
    if request.method == "POST" and form.is_valid():
        collective = form.cleaned_data["collective"]
        get_coalition_membership_for_admin(request.user, coalition, collective.pk)
        with domain_error_shown(request, form=form):
            version = services.points_of_unity_edit(
                coalition=coalition,
                text=form.cleaned_data["text"],
                by=request.user,
                for_collective=collective,
            )
            messages.success(
                request,
                _(
                    "Version %(version)d of the points of unity is saved; "
                    "the other members are asked to consent."
                )
                % {"version": version},
            )
            return redirect(coalition)
    return render(request, "coalitions/points_form.html", {"coalition": coalition, "form": form})


def points_history(request, slug):
    coalition = get_coalition_for_user(request.user, slug)
    return render(
        request,
        "coalitions/points_history.html",
        {"coalition": coalition, "versions": points_versions_of(coalition)},
    )


@login_required
@require_POST
def consent(request, slug):
    coalition = get_coalition_for_user(request.user, slug)
    membership = get_coalition_membership_for_admin(
        request.user, coalition, request.POST.get("collective")
    )
    with domain_error_shown(request):
        membership = services.points_of_unity_consent(membership=membership, by=request.user)
        messages.success(
            request,
            _("%(name)s consents to version %(version)d of the points of unity.")
            % {"name": membership.collective.name, "version": membership.consented_version},
        )
    return redirect(coalition)


# --- joining and leaving -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, slug):
    coalition = get_coalition_for_user(request.user, slug)
    collectives = [m.collective for m in _admin_memberships_or_404(request.user, coalition)]
    invitable = invitable_collectives(coalition)
    search = CollectiveSearchForm(request.GET)
    choices = invite_choices(invitable, text=search.text, keep=request.POST.getlist("invited"))
    form = InviteForm(
        request.POST or None,
        collectives=collectives,
        invitable=invitable,
        shown=choices.collectives,
    )
    if request.method == "POST" and form.is_valid():
        inviting = form.cleaned_data["collective"]
        get_coalition_membership_for_admin(request.user, coalition, inviting.pk)
        with domain_error_shown(request, form=form):
            services.coalition_invite(
                coalition=coalition,
                collective=form.cleaned_data["invited"],
                by=request.user,
                inviting_collective=inviting,
                message=form.cleaned_data["message"],
            )
            messages.success(request, _("The invitation was sent to the collective's admins."))
            return redirect(coalition)
    return render(
        request,
        "coalitions/invite_form.html",
        {"coalition": coalition, "form": form, "search": search, "choices": choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def join_request(request, slug):
    coalition = get_coalition_for_user(request.user, slug)
    collectives = joinable_collectives(request.user, coalition)
    if coalition.is_archived or not collectives:
        raise Http404
    form = JoinForm(request.POST or None, collectives=collectives)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["collective"]
        collective = get_collective_acting_as_admin(request.user, chosen.pk)
        with domain_error_shown(request, form=form):
            services.coalition_join_request(
                coalition=coalition,
                collective=collective,
                by=request.user,
                message=form.cleaned_data["message"],
            )
            messages.success(request, _("Your request was sent to the coordinators."))
            return redirect(coalition)
    return render(request, "coalitions/join_form.html", {"coalition": coalition, "form": form})


@login_required
@require_POST
def membership_answer(request, slug, pk, decision):
    if decision not in ("accept", "decline"):
        raise Http404
    coalition = get_coalition_for_user(request.user, slug)
    membership = get_pending_membership_for_answer(request.user, coalition, pk)
    invited = membership.status == CoalitionMembershipStatus.INVITED
    with domain_error_shown(request):
        services.coalition_membership_answer(
            membership=membership, by=request.user, accept=decision == "accept"
        )
        if decision == "decline":
            messages.success(request, _("Declined; the other side is told."))
        elif invited:
            messages.success(
                request,
                _("%(name)s is now a member of the coalition.")
                % {"name": membership.collective.name},
            )
        else:
            messages.success(
                request,
                _(
                    "%(name)s is now a member; its admins are asked to "
                    "consent to the points of unity."
                )
                % {"name": membership.collective.name},
            )
    return redirect(coalition)


@login_required
@require_POST
def leave(request, slug):
    coalition = get_coalition_for_user(request.user, slug)
    membership = get_coalition_membership_for_admin(
        request.user, coalition, request.POST.get("collective")
    )
    form = LeaveForm(request.POST, collectives=[membership.collective])
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that your collective leaves."))
        return redirect(coalition)
    with domain_error_shown(request):
        services.coalition_leave(membership=membership, by=request.user)
        messages.success(
            request, _("%(name)s has left the coalition.") % {"name": membership.collective.name}
        )
    return redirect(coalition)
