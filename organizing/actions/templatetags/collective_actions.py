"""The collective page's actions section (templates/actions/_collective_actions.html).

Collectives stand on the floor below actions: their page loads this tag instead of fetching
the collective's actions itself."""

from django import template

from organizing.actions.selectors.public import collective_public_actions

register = template.Library()


@register.inclusion_tag("actions/_collective_actions.html")
def collective_actions(collective) -> dict:
    """The collective's public actions: upcoming ones soonest first, then past ones."""
    upcoming_actions, past_actions = collective_public_actions(collective)
    return {"upcoming_actions": upcoming_actions, "past_actions": past_actions}
