"""The partners page: suggestions for a collective, with dismiss, block and unblock.

For the collective's admins and organizers (collectives.access.get_collective_for_organizer):
404 for outsiders and anonymous visitors, 403 for plain members.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from organizing.collectives.access import get_collective_for_organizer, get_collective_for_user
from organizing.collectives.models import Collective
from organizing.core.domain_errors import domain_error_shown

from ..forms.suggestions import PartnerFilterForm
from ..selectors import suggestions as selectors
from ..services import suggestions as services


@require_GET
def partner_suggestions(request, slug):
    collective, _membership = get_collective_for_organizer(request.user, slug)
    context = {"collective": collective, "blocked": selectors.blocked_by(collective)}
    if collective.is_verified:
        form = PartnerFilterForm(
            request.GET or None, causes=selectors.suggestion_causes(collective)
        )
        context.update(
            form=form,
            problems=form.problems,
            filtered=any(form.filters().values()),
            suggestions=selectors.partner_suggestions(collective, **form.filters()),
        )
    return render(request, "partners/partner_suggestions.html", context)


def _act(request, slug, other, service, success: str):
    """Shared by the POST views: access, the other collective, the service, a message. The
    other collective is one the user may see (a pending one stays hidden: 404)."""
    collective, _membership = get_collective_for_organizer(request.user, slug)
    other = get_collective_for_user(request.user, other)
    with domain_error_shown(request):
        service(collective=collective, other=other, by=request.user)
        messages.success(request, success % {"name": other.name})
    return redirect("partners:partners", slug=collective.slug)


@login_required
@require_POST
def partner_dismiss(request, slug, other):
    return _act(
        request,
        slug,
        other,
        services.partner_dismiss,
        _("We will not suggest %(name)s for the next six months."),
    )


@login_required
@require_POST
def partner_block(request, slug, other):
    return _act(
        request,
        slug,
        other,
        services.partner_block,
        _(
            "%(name)s is blocked: neither of you will be suggested to the other, and no "
            "proposal can go between you."
        ),
    )


@login_required
@require_POST
def partner_unblock(request, slug, other):
    # Any collective this one blocked, even one no longer public (suspended since).
    collective, _membership = get_collective_for_organizer(request.user, slug)
    other = get_object_or_404(Collective, slug=other)
    if services.partner_unblock(collective=collective, other=other, by=request.user):
        messages.success(
            request, _("%(name)s is no longer blocked by your collective.") % {"name": other.name}
        )
    else:
        messages.info(request, _("%(name)s was not blocked.") % {"name": other.name})
    return redirect("partners:partners", slug=collective.slug)
