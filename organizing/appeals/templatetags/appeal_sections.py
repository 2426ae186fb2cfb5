"""The appeals' sections on the pages of the floors below: the coalition page lists the appeals
its member collectives initiated. The coalitions app cannot import appeals (they stand above
it), so its template loads this tag instead of its view fetching them."""

from django import template

from ..selectors import coalition_member_appeals

register = template.Library()


@register.inclusion_tag("appeals/_coalition_appeals.html")
def coalition_appeals(coalition):
    """Appeals initiated by the coalition's active members (one query; none without members)."""
    return {"appeals": coalition_member_appeals(coalition)}
