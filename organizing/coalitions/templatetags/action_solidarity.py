"""The action page's solidarity section (templates/coalitions/_action_solidarity.html).

Actions stand on the floor below coalitions: their page loads this tag instead of its view
adding up the people pledged through coalitions' solidarity calls."""

from django import template

from ..selectors import pledged_total

register = template.Library()


@register.inclusion_tag("coalitions/_action_solidarity.html")
def action_solidarity(action) -> dict:
    """How many people coalition partners pledged for the action (one query); nothing shown
    when none."""
    return {"pledged_total": pledged_total(action)}
