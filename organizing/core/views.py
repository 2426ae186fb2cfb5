from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from organizing.actions.selectors import (
    action_archive_by_country,
    action_list_queryset,
    action_map_points,
)
from organizing.coalitions.models import Appeal, Coalition
from organizing.collectives.models import Collective

from .models import Cause


def home(request):
    archive = action_archive_by_country()
    actions = [action for country in archive for action in country.actions]
    context = {
        "archive": archive,
        "action_count": len(actions),
        "country_count": len([c for c in archive if c.code]),
        "collective_count": Collective.objects.verified().count(),
        "coalition_count": Coalition.objects.count(),
        "appeal_count": Appeal.objects.count(),
        "map_points": action_map_points(actions),
    }
    return render(request, "core/home.html", context)


def cause_detail(request, slug):
    cause = get_object_or_404(
        Cause.objects.prefetch_related(
            Prefetch("actions", queryset=action_list_queryset().public(),
                     to_attr="public_actions"),
            Prefetch("collectives", queryset=Collective.objects.verified(),
                     to_attr="verified_collectives"),
            "appeals",
        ),
        slug=slug,
    )
    return render(request, "core/cause_detail.html", {"cause": cause})


def too_many_requests(request, exception=None):
    """Rate limits (sign-up, login, contact form...) answer with a friendly page."""
    return render(request, "429.html", status=429)
