from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_headers

from .selectors import city_search

SUGGESTION_LIMIT = 8


@cache_control(max_age=3600, public=True)
@vary_on_headers("Accept-Language", "Cookie")  # the labels are in the visitor's language
def city_suggest(request):
    """Place-name suggestions from our own gazetteer (never an outside geocoder), labelled in
    the visitor's language and script ("東京、日本"), which the city fields read back."""
    query = request.GET.get("q", "")[:100].strip()
    cities = city_search(query, limit=SUGGESTION_LIMIT) if len(query) >= 2 else []
    return JsonResponse({"results": [{"id": city.pk, "label": city.label} for city in cities]})
