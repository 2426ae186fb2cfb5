"""Coalition pages: the public page and feed, joining, leaving, points of unity and consent,
solidarity calls."""

from django.http import Http404
from django.shortcuts import render

from organizing.actions.selectors import action_map_points

from ..access import get_coalition_for_user
from ..selectors import coalition_detail_queryset


def coalition_detail(request, slug):
    coalition = get_coalition_for_user(request.user, slug, queryset=coalition_detail_queryset())
    context = {
        "coalition": coalition,
        "map_points": action_map_points(coalition.public_actions),
    }
    return render(request, "coalitions/coalition_detail.html", context)


def _todo(request, *args, **kwargs):  # placeholder until built
    raise Http404


coalition_list = coalition_feed = points_edit = points_history = consent = invite = _todo
join_request = membership_answer = leave = solidarity_call_create = pledge = _todo
