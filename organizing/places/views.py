from django.http import JsonResponse
from django.views.decorators.cache import cache_control

from .selectors import city_search

SUGGESTION_LIMIT = 8


@cache_control(max_age=3600, public=True)
def city_suggest(request):
    """Place-name suggestions from our own gazetteer (never an outside geocoder)."""
    query = request.GET.get("q", "")[:100].strip()
    cities = city_search(query, limit=SUGGESTION_LIMIT) if len(query) >= 2 else []
    return JsonResponse({"results": [{"id": city.pk, "label": city.label} for city in cities]})
