"""The collective page's appeals section (templates/coalitions/_collective_appeals.html).

Collectives stand on the floor below appeals: their page loads this tag instead of fetching
the appeals the collective signed itself. A module of its own, to move with the appeals."""

from django import template

from ..selectors import collective_signed_appeals

register = template.Library()


@register.inclusion_tag("coalitions/_collective_appeals.html")
def collective_appeals(collective) -> dict:
    """The appeals the collective's signature stands behind, but hidden ones."""
    return {"appeals": collective_signed_appeals(collective)}
