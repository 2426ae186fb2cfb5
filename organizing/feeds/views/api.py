"""The read-only JSON API: the browse search (same parameters, same results as /actions/) and
one action. Anonymous, GET only, JSON only; answers are the same for everyone, so shared caches
may keep them a few minutes.
"""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from organizing.actions.access import get_action_for_user
from organizing.actions.filters import ActionBrowseFilter
from organizing.actions.selectors.browse import action_browse_page
from organizing.core.links import site_url
from organizing.core.page_cache import anonymous_page_cache

from ..schema import PAGE_PARAMETER, browse_parameters
from ..selectors import api_detail_queryset, feed_search
from ..serializers import ActionPageSerializer, ActionSerializer
from .caching import CACHE_SECONDS

NOT_FOUND = OpenApiResponse(
    inline_serializer("NotFound", {"detail": serializers.CharField()}),
    description="No public action has this slug.",
)


def _problems(search: ActionBrowseFilter) -> list[dict]:
    fields = search.form.fields
    return [
        {
            "parameter": name if name in fields else None,
            "label": str(fields[name].label) if name in fields else "",
            "message": str(message),
        }
        for name, messages in search.form.errors.items()
        for message in messages
    ]


def _page_link(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return site_url(f"{request.path}?{query.urlencode()}")


class SearchNegotiation(DefaultContentNegotiation):
    """JSON whatever the query string says: `format` is a search parameter here (online or
    in person), not REST framework's ?format= choice of renderer."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


class ReadOnlyView(APIView):
    http_method_names = ["get", "head"]
    content_negotiation_class = SearchNegotiation


@method_decorator(cache_control(public=True, max_age=CACHE_SECONDS), name="dispatch")
@method_decorator(anonymous_page_cache(), name="dispatch")
class ActionListView(ReadOnlyView):
    @extend_schema(
        operation_id="actions_list",
        summary="Search actions",
        description="Published actions found by the search of the browse page /actions/, "
        "upcoming and soonest first by default, 20 a page. Built as for an "
        "anonymous visitor: the exact venue and address only when public, "
        "never anything about RSVPs. A parameter value that cannot be used is "
        "left out of the search and reported in `problems`: the answer is "
        "never an error.",
        parameters=[*browse_parameters(), PAGE_PARAMETER],
        responses=ActionPageSerializer,
    )
    def get(self, request):
        search = feed_search(request.GET)
        page = action_browse_page(search, request.GET.get("page"))
        data = {
            "count": page.paginator.count,
            "next": _page_link(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                _page_link(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "problems": _problems(search),
            "results": page.object_list,
        }
        return Response(ActionPageSerializer(data).data)


@method_decorator(cache_control(public=True, max_age=CACHE_SECONDS), name="dispatch")
class ActionDetailView(ReadOnlyView):
    @extend_schema(
        operation_id="actions_retrieve",
        summary="One action",
        description="A published or cancelled action, past or upcoming; 404 for any other.",
        responses={200: ActionSerializer, 404: NOT_FOUND},
    )
    def get(self, request, slug):
        # As for an anonymous visitor, whoever asks: answers are cached and shared.
        action = get_action_for_user(AnonymousUser(), slug, queryset=api_detail_queryset())
        return Response(ActionSerializer(action).data)
