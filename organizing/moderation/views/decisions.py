"""What the collective concerned sees of the moderators' decisions ("why this was hidden"),
and its requests for review. Members only; outsiders get 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from organizing.actions.access import get_action_for_user, user_hosts_action
from organizing.collectives.access import (
    get_collective_for_admin,
    get_collective_for_member,
    membership_of,
)
from organizing.collectives.models import MembershipRole
from organizing.core.domain_errors import domain_error_shown

from ..models import Decision, ReviewRequest, ReviewStatus
from ..services.decisions import review_request_create


class ReviewRequestForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Why should the moderators look at this again?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


@login_required
def collective_decisions(request, slug):
    """The decisions about a collective and its actions, newest first."""
    collective, membership = get_collective_for_member(request.user, slug)
    decisions = list(collective.decisions.order_by("-created_at", "-pk"))
    waiting = set(
        ReviewRequest.objects.filter(collective=collective, status=ReviewStatus.OPEN).values_list(
            "decision_id", flat=True
        )
    )
    return render(
        request,
        "moderation/decisions_collective.html",
        {
            "collective": collective,
            "decisions": decisions,
            "waiting": waiting,
            "is_admin": membership.role == MembershipRole.ADMIN,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_request(request, slug, pk):
    """An admin of the collective asks for a review of one decision."""
    collective, _membership = get_collective_for_admin(request.user, slug)
    decision = get_object_or_404(Decision, pk=pk, collective=collective)
    form = ReviewRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with domain_error_shown(request, form=form):
            review_request_create(
                decision=decision, user=request.user, message=form.cleaned_data["message"]
            )
            messages.success(request, _("Your request for review was sent to the moderators."))
            return redirect("moderation_decisions:collective", slug=collective.slug)
    return render(
        request,
        "moderation/review_request_form.html",
        {"collective": collective, "decision": decision, "form": form},
    )


@login_required
def action_decisions(request, slug):
    """Why an action is held, hidden or rejected: for its hosts."""
    action = get_action_for_user(request.user, slug)
    if not user_hosts_action(request.user, action):
        raise Http404
    decisions = list(
        Decision.objects.filter(target_kind="action", target_id=action.pk)
        .select_related("collective")
        .order_by("-created_at", "-pk")
    )
    latest = decisions[0] if decisions else None
    can_ask = False
    if latest is not None and latest.collective is not None:
        membership = membership_of(request.user, latest.collective)
        can_ask = membership is not None and membership.role == MembershipRole.ADMIN
    return render(
        request,
        "moderation/decisions_action.html",
        {
            "action": action,
            "decisions": decisions,
            "latest": latest,
            "can_ask": can_ask,
        },
    )
