"""The public face of an action: its page and its calendar file."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import render

from organizing.actions.selectors.public import action_detail_queryset
from organizing.actions.selectors.rsvp import (
    rsvp_counts,
    viewer_rsvp,
    viewer_sent_rsvp,
    waitlist_position,
)

from ..access import (
    can_see_exact_location,
    get_action_for_user,
    location_revealed,
    reveal_at,
    user_organizes_action,
)
from ..formats import action_calendar as calendar_file
from ..formats import action_json_ld, json_ld_text, shown_point
from ..forms.rsvp import RsvpForm
from ..models import PUBLIC_STATUSES


def action_detail(request, slug):
    action = get_action_for_user(request.user, slug, queryset=action_detail_queryset())
    is_organizer = user_organizes_action(request.user, action)
    # "View as a visitor": a host sees the page as an anonymous visitor would. Anyone else
    # gets their own page, whatever the parameter (it can only ever show less).
    as_visitor = is_organizer and request.GET.get("as") == "visitor"
    viewer = AnonymousUser() if as_visitor else request.user
    rsvp = None if as_visitor else viewer_rsvp(request, action)
    show_exact = can_see_exact_location(viewer, action, rsvp=rsvp)
    point = shown_point(action, show_exact=show_exact)
    context = {
        "action": action,
        "show_exact": show_exact,
        # Said on the page until the hosts' reveal time, for everyone (organizers included).
        "reveal_at": None if location_revealed(action) else reveal_at(action),
        "is_organizer": is_organizer and not as_visitor,
        "as_visitor": as_visitor,
        "can_preview": is_organizer and not as_visitor,
        "visitors_may_open": action.status in PUBLIC_STATUSES,
        "viewer_rsvp": rsvp,
        "viewer_sent_rsvp": not as_visitor and viewer_sent_rsvp(request, action),
        "waitlist_position": waitlist_position(rsvp) if rsvp else None,
        "counts": rsvp_counts(action),
        "rsvp_form": RsvpForm(user=viewer),
        "map_points": [
            {
                "lat": point[0],
                "lng": point[1],
                "title": action.title,
                "url": action.get_absolute_url(),
            }
        ]
        if point
        else [],
        "json_ld": json_ld_text(action_json_ld(action)),
        "occurrences": [o for o in action.occurrences.all() if not o.is_cancelled],
    }
    return render(request, "actions/action_detail.html", context)


def action_calendar(request, slug):
    action = get_action_for_user(request.user, slug, queryset=action_detail_queryset())
    show_exact = can_see_exact_location(request.user, action, rsvp=viewer_rsvp(request, action))
    response = HttpResponse(
        calendar_file(action, show_exact=show_exact), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{action.slug}.ics"'
    return response
