"""The dashboard, /me/ (where login lands), and the full lists its sections link to."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..selectors.dashboard import (
    ACTION_STATES,
    dashboard_for,
    my_action_list,
    my_rsvps,
    user_admin_collective_ids,
    with_waitlist_positions,
    withheld_rows,
)

PAGE_SIZE = 25
STATE_HEADINGS = {
    "withheld": _("Held or hidden by the moderators"),
    "drafts": _("Drafts"),
    "review": _("Pending review"),
    "upcoming": _("Upcoming"),
    "past": _("Past"),
}


@login_required
@require_GET
def dashboard(request):
    """Only the signed-in person's own things: the selector reads everything from the user."""
    return render(request, "me/dashboard.html", {"dashboard": dashboard_for(request.user)})


@login_required
@require_GET
def action_list(request, state):
    if state not in ACTION_STATES:
        raise Http404
    page = Paginator(my_action_list(request.user, state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = list(page)
    if state == "withheld":
        rows = withheld_rows(rows, admin_ids=user_admin_collective_ids(request.user))
    context = {
        "state": state,
        "heading": STATE_HEADINGS[state],
        "states": [(code, STATE_HEADINGS[code]) for code in ACTION_STATES],
        "page": page,
        "rows": rows,
    }
    return render(request, "me/action_list.html", context)


@login_required
@require_GET
def rsvp_list(request):
    page = Paginator(my_rsvps(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "rsvps": with_waitlist_positions(page)}
    return render(request, "me/rsvp_list.html", context)
