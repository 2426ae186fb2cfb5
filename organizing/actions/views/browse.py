"""Browse actions near you: the list and its map, one search (see filters.ActionBrowseFilter)."""

from functools import partial

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from organizing.actions.selectors.browse import (
    action_browse_page,
    action_browse_queryset,
    worldwide_activity,
)
from organizing.actions.selectors.public import action_map_points
from organizing.core.page_cache import anonymous_page_cache
from organizing.places.remembered import (
    forget_area,
    remember_area,
    remembered_area,
    remembered_area_key,
)
from organizing.places.selectors import bounding_box

from ..filters import ActionBrowseFilter, place_sent


def _remembered_area_in_use(request) -> str:
    return "" if place_sent(request.GET) else remembered_area_key(request)


@anonymous_page_cache(vary=(_remembered_area_in_use,))
def action_browse(request):
    search = ActionBrowseFilter(
        request.GET, queryset=action_browse_queryset(), remembered=partial(remembered_area, request)
    )
    page = action_browse_page(search, request.GET.get("page"))
    context = {
        "search": search,
        "form": search.form,
        "page": page,
        "map_points": action_map_points(page.object_list),
        "map_bounds": _map_bounds(search.area),
        "feed_query": search.query_params().urlencode(),
        # The site's figures (cached), read only by the empty state: is there anything to
        # come anywhere, and an archive to offer? (A callable: the template calls it there.)
        "worldwide": worldwide_activity,
    }
    response = render(request, "actions/action_browse.html", context)
    _remember(response, search)
    return response


@require_POST
def forget_search_area(request):
    response = redirect(f"{reverse('actions:browse')}?place=")
    forget_area(response)
    return response


def _remember(response, search: ActionBrowseFilter) -> None:
    """A city searched for is remembered for the next visit; sending an empty place (searching
    anywhere) forgets it. A position from the browser is never remembered."""
    area = search.area
    if area and area.source == "place":
        remember_area(response, city=area.city, km=area.km)
    elif search.is_searching_by_text_place and not search.form.data.get("place", "").strip():
        forget_area(response)


def _map_bounds(area) -> list[list[float]] | None:
    """[[south, west], [north, east]] to frame the map on the searched area (Leaflet takes an
    east beyond 180 for a box across the ±180° line)."""
    if area is None:
        return None
    if area.box:
        south, west, north, east = area.box
        return [[south, west], [north, east if east >= west else east + 360]]
    box = bounding_box(area.lat, area.lng, area.km)
    match box.lng_ranges:
        case ((west, east),):
            pass
        case ((west, _), (_, east)):
            east += 360
        case _:  # around a pole: every longitude
            west, east = -180.0, 180.0
    return [[box.min_lat, west], [box.max_lat, east]]
