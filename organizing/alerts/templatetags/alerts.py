"""The browse page's alert form (templates/notifications/_alert_form.html), without a query."""

from django import template

from ..forms import AlertForm
from ..saved_search import search_query, search_refusal

register = template.Library()


@register.simple_tag
def alert_signup(search) -> dict:
    """{"form": ...} ready to post the search (its city by gazetteer id), or {"refusal": ...}
    when the search has no city. Uses only what the search already resolved."""
    if refusal := search_refusal(search):
        return {"refusal": refusal}
    initial = {"search": search_query(search), "city": search.area.city.pk}
    return {"form": AlertForm(initial=initial, auto_id="alert_%s")}
