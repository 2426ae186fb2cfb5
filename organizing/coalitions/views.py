from django.shortcuts import render

from organizing.actions.selectors import action_map_points

from .access import get_appeal_for_user, get_coalition_for_user
from .selectors import appeal_detail_queryset, coalition_detail_queryset


def coalition_detail(request, slug):
    coalition = get_coalition_for_user(request.user, slug, queryset=coalition_detail_queryset())
    context = {
        "coalition": coalition,
        "map_points": action_map_points(coalition.public_actions),
    }
    return render(request, "coalitions/coalition_detail.html", context)


def appeal_detail(request, slug):
    appeal = get_appeal_for_user(request.user, slug, queryset=appeal_detail_queryset())
    return render(request, "coalitions/appeal_detail.html", {"appeal": appeal})
