"""The calendar feeds (iCalendar): of a search, of a coalition, and a person's private one."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from organizing.accounts.models import User
from organizing.actions.access import participant_sees_exact_location
from organizing.actions.formats import action_event, actions_calendar, events_calendar
from organizing.actions.models import ActionStatus, RsvpStatus
from organizing.coalitions.access import get_coalition_for_user
from organizing.core.links import site_url

from ..selectors import (
    browse_url,
    calendar_actions,
    feed_search,
    feed_title,
    personal_calendar_entries,
)
from .caching import CACHE_SECONDS, in_requested_language, public_feed

# How often calendar apps are asked to fetch the calendar feed again.
CALENDAR_REFRESH = timedelta(hours=1)


@public_feed
def actions_ics(request):
    search = feed_search(request.GET, with_cancelled=True)
    body = actions_calendar(
        calendar_actions(search),
        name=_("%(title)s · Convergence") % {"title": feed_title(search)},
        description=browse_url(search),
        refresh=CALENDAR_REFRESH,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="convergence-actions.ics"'
    return response


@require_safe
@in_requested_language
@cache_control(public=True, max_age=CACHE_SECONDS)
def coalition_ics(request, slug):
    """The coalition's public actions for calendar apps: the same search and calendar as
    `actions_ics`, narrowed to the coalition, named after it."""
    coalition = get_coalition_for_user(request.user, slug, public=True)  # cached publicly
    search = feed_search(QueryDict(f"coalition={coalition.slug}"), with_cancelled=True)
    body = actions_calendar(
        calendar_actions(search),
        name=_("%(name)s · Convergence") % {"name": coalition.name},
        description=site_url(coalition.get_absolute_url()),
        refresh=CALENDAR_REFRESH,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{coalition.slug}.ics"'
    return response


def _personal_event(action, rsvp):
    """The action's event as this person sees it: the exact place by the participants' rule
    (public, or confirmed and revealed), their RSVP in the title."""
    event = action_event(action, show_exact=participant_sees_exact_location(action, rsvp))
    if rsvp is None:
        return event
    if rsvp.status == RsvpStatus.WAITLISTED:
        mark = _("%(title)s (you are on the waitlist)")
        if action.status != ActionStatus.CANCELLED:
            event.pop("status")
            event.add("status", "TENTATIVE")
    else:
        mark = _("%(title)s (you are coming)")
    event.pop("summary")
    event.add("summary", mark % {"title": action.title})
    return event


@require_safe
@cache_control(private=True, no_store=True)
def personal_ics(request, token):
    """A person's private calendar, behind the secret token of its address (a bearer token:
    whoever holds the link reads it, logged in or not). Never cached, by shared caches or by
    the page cache; an unknown, revoked or suspended account's token answers 404."""
    if not token:
        raise Http404
    user = get_object_or_404(User, calendar_token=token, is_active=True)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        events = [_personal_event(action, rsvp) for action, rsvp in personal_calendar_entries(user)]
        body = events_calendar(
            events,
            name=_("My actions · Convergence"),
            description=site_url(reverse("me:calendar")),
            refresh=CALENDAR_REFRESH,
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="convergence-mine.ics"'
    return response
