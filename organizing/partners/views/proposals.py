"""Partnership proposals and the collective's inbox.

Proposing and the inbox are pages of a collective for its admins and organizers; a proposal's
page is for the admins and organizers of either side, and only the receiving collective's admins
answer it (see `access.get_proposal_for_user`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizing.collectives.access import get_collective_for_organizer, user_admins
from organizing.collectives.models import Collective
from organizing.collectives.selectors import blocked_between
from organizing.core.domain_errors import domain_error_shown
from organizing.core.models import Cause

from ..access import get_proposal_for_user, may_withdraw_proposal
from ..forms.proposals import AnswerForm, ProposalForm
from ..models import ProposalKind, ProposalStatus
from ..selectors.proposals import pending_between
from ..services import proposals as services


def _proposal_target(collective: Collective, slug: str) -> Collective:
    """The collective proposed to: verified, not this one, not blocked either way; else 404."""
    target = get_object_or_404(Collective.objects.verified(), slug=slug)
    if target.pk == collective.pk or blocked_between(collective.pk, target.pk):
        raise Http404
    return target


def _redirect_to_inbox(collective: Collective):
    return redirect("partners:inbox", slug=collective.slug)


@login_required
def proposal_create(request, slug, other):
    collective, _membership = get_collective_for_organizer(request.user, slug)
    target = _proposal_target(collective, other)
    form = ProposalForm(request.POST or None, collective=collective, target=target)
    crossing = None
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                from_collective=collective,
                to_collective=target,
                by=request.user,
                **form.cleaned_data,
            )
        except services.CrossingProposal as error:
            form.add_error(None, error.message)
            crossing = error.proposal
        except services.ProposalError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Your proposal was sent to the admins of %(name)s.") % {"name": target.name},
            )
            return redirect(proposal)
    context = {
        "collective": collective,
        "target": target,
        "form": form,
        "crossing": crossing,
        "pending": pending_between(collective, target),
        "shared_causes": Cause.objects.filter(collectives=collective).filter(collectives=target),
    }
    return render(request, "partners/proposal_form.html", context)


def _detail_context(request, proposal, answer_form=None) -> dict:
    pending = proposal.status == ProposalStatus.PENDING
    return {
        "proposal": proposal,
        "is_new_coalition": proposal.kind == ProposalKind.NEW_COALITION,
        "can_answer": pending and user_admins(request.user, proposal.to_collective),
        "can_withdraw": pending and may_withdraw_proposal(request.user, proposal),
        "answer_form": answer_form,
    }


@login_required
def proposal_detail(request, public_id):
    proposal = get_proposal_for_user(request.user, public_id)
    return render(request, "partners/proposal_detail.html", _detail_context(request, proposal))


@login_required
@require_POST
def proposal_answer(request, public_id):
    proposal = get_proposal_for_user(request.user, public_id, answer=True)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, proposal, answer_form=form)
        return render(request, "partners/proposal_detail.html", context, status=400)
    with domain_error_shown(request) as attempt:
        proposal = services.proposal_answer(proposal=proposal, by=request.user, accept=form.accept)
    if attempt.failed:
        return redirect(proposal)
    if form.accept:
        messages.success(
            request,
            _("You accepted: %(collective)s and %(other)s are now partners in %(coalition)s.")
            % {
                "collective": proposal.to_collective.name,
                "other": proposal.from_collective.name,
                "coalition": proposal.coalition.name,
            },
        )
        return redirect(proposal.coalition)
    messages.success(
        request,
        _("You declined the proposal. We let %(name)s know.")
        % {"name": proposal.from_collective.name},
    )
    return _redirect_to_inbox(proposal.to_collective)


@login_required
@require_POST
def proposal_withdraw(request, public_id):
    proposal = get_proposal_for_user(request.user, public_id)
    if not may_withdraw_proposal(request.user, proposal):
        raise PermissionDenied
    with domain_error_shown(request) as attempt:
        services.proposal_withdraw(proposal=proposal, by=request.user)
    if attempt.failed:
        return redirect(proposal)
    messages.success(
        request,
        _("Your proposal was withdrawn. We let %(name)s know.")
        % {"name": proposal.to_collective.name},
    )
    return _redirect_to_inbox(proposal.from_collective)
