"""The calendar feeds (iCalendar): of a search, and of a coalition."""

from datetime import timedelta

from django.http import HttpResponse, QueryDict
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from organizing.actions.formats import actions_calendar
from organizing.coalitions.access import get_coalition_for_user
from organizing.core.links import site_url

from ..selectors import browse_url, calendar_actions, feed_search, feed_title
from .caching import CACHE_SECONDS, public_feed

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
