"""The collective page's coalitions section (templates/coalitions/_collective_coalitions.html).

Collectives stand on the floor below coalitions: their page loads this tag instead of
fetching the collective's coalitions itself."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("coalitions/_collective_coalitions.html")
def collective_coalitions(collective) -> dict:
    """The coalitions the collective is active in, but hidden ones."""
    return {"coalitions": selectors.collective_coalitions(collective)}
