"""The posting page (/actions/new/, `coalitions:action_create`).

Served by coalitions, not actions, because its form offers to post the action for a coalition
of the hosting collective, a floor above actions. The action itself is actions' own: its form
(`ActionPostingForm` adds only the coalition), its template, its service; editing it stays in
`actions.views.posting`.
"""

from allauth.account.decorators import verified_email_required
from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from organizing.actions.access import collectives_user_may_post_for
from organizing.actions.models import Action, HostConsent
from organizing.actions.services.posting import action_create as action_create_service
from organizing.actions.views.posting import call_with_form

from ..forms import ActionPostingForm
from ..services.posting import action_post_for_coalition


def _post(*, data: dict, user) -> Action:
    """For the coalition chosen, if any, else for the hosting collective alone."""
    if coalition := data.get("coalition"):
        return action_post_for_coalition(
            user=user, collective=data["collective"], coalition=coalition, data=data
        )
    return action_create_service(user=user, collective=data["collective"], data=data)


@verified_email_required
@require_http_methods(["GET", "POST"])
def action_create(request):
    collectives = collectives_user_may_post_for(request.user)
    if not collectives.exists():
        return render(request, "actions/cannot_post.html", status=403)
    initial = {}
    if chosen := collectives.filter(slug=request.GET.get("collective", "")).first():
        initial["collective"] = chosen
    form = ActionPostingForm(request.POST or None, collectives=collectives, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Per account and per IP (settings: ACCOUNT_RATE_LIMITS["post_action"]); only posts
        # that would be saved count, not forms sent back with a mistake.
        if limited := consume_or_429(request, action="post_action", user=request.user):
            return limited
        action = call_with_form(form, _post, user=request.user)
        if action is not None:
            messages.success(request, _("Your action is saved."))
            if invited := action.host_links.filter(consent=HostConsent.INVITED).count():
                messages.info(
                    request,
                    ngettext(
                        "%(count)d collective of the coalition is asked to co-host it; it is "
                        "listed once its admins accept.",
                        "%(count)d collectives of the coalition are asked to co-host it; each is "
                        "listed once its admins accept.",
                        invited,
                    )
                    % {"count": invited},
                )
            return redirect(action)
    return render(request, "actions/action_form.html", {"form": form, "creating": True})
