from django.http import Http404
from django.shortcuts import render

from ..access import get_action_for_user
from ..selectors import action_list_queryset, action_map_points


def action_detail(request, slug):
    action = get_action_for_user(request.user, slug, queryset=action_list_queryset())
    context = {"action": action, "map_points": action_map_points([action])}
    return render(request, "actions/action_detail.html", context)


def action_calendar(request, slug):
    raise Http404  # placeholder: the .ics lands with the action page
