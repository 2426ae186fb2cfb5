"""The home page and the cause pages."""

from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render

from organizing.actions.filters import ActionBrowseFilter
from organizing.actions.selectors.browse import (
    action_archive_by_country,
    upcoming_near,
    worldwide_activity,
)
from organizing.actions.selectors.public import action_list_queryset, action_map_points
from organizing.appeals.selectors import listed_appeals, public_appeal_count
from organizing.coalitions.selectors import public_coalition_count
from organizing.collectives.models import Collective
from organizing.core.models import SAMPLE_SOURCE_TITLE, Cause
from organizing.places.remembered import remembered_area


def home(request):
    archive = action_archive_by_country()
    recent = [action for country in archive for action in country.actions]
    near_you = upcoming_near(remembered_area(request))
    worldwide = worldwide_activity()
    context = {
        "archive": archive,
        "near_you": near_you,
        # Nothing to come anywhere (a fresh install, the article's records alone): the page
        # leads with the archive instead of zeros.
        "archive_first": not worldwide.upcoming and not (near_you and near_you.total),
        "worldwide": worldwide,
        "coalition_count": public_coalition_count(),
        "appeal_count": public_appeal_count(),
        "map_points": action_map_points(near_you.actions if near_you else recent),
        "place_form": ActionBrowseFilter(QueryDict()).form,
    }
    return render(request, "pages/home.html", context)


def cause_detail(request, slug):
    cause = get_object_or_404(
        Cause.objects.prefetch_related(
            # The cause's records; the synthetic sample data is not one of them.
            Prefetch(
                "actions",
                queryset=action_list_queryset().public().not_sample(),
                to_attr="public_actions",
            ),
            Prefetch(
                "collectives",
                queryset=Collective.objects.verified().exclude(source_title=SAMPLE_SOURCE_TITLE),
                to_attr="verified_collectives",
            ),
            # A hidden appeal is off every public page, this one included.
            Prefetch("appeals", queryset=listed_appeals(), to_attr="listed_appeals"),
        ),
        slug=slug,
    )
    return render(request, "pages/cause_detail.html", {"cause": cause})
