"""The appeals' sections on the pages of the floors below: the coalition page lists the appeals
its member collectives initiated, the collective page those its signature stands behind.
Coalitions and collectives cannot import appeals (they stand above them), so their templates
load these tags instead of their views fetching the appeals."""

from django import template

from ..selectors import coalition_member_appeals, collective_signed_appeals

register = template.Library()


@register.inclusion_tag("appeals/_coalition_appeals.html")
def coalition_appeals(coalition):
    """Appeals initiated by the coalition's active members (one query; none without members)."""
    return {"appeals": coalition_member_appeals(coalition)}


@register.inclusion_tag("appeals/_collective_appeals.html")
def collective_appeals(collective) -> dict:
    """The appeals the collective's signature stands behind, but hidden ones."""
    return {"appeals": collective_signed_appeals(collective)}
