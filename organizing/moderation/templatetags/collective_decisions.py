"""The collective page's moderation section (templates/moderation/decisions_collective_block.html).

Collectives stand on the floor below moderation: their page loads this tag instead of
fetching the moderators' decisions itself."""

from django import template

from ..selectors import latest_decisions

register = template.Library()


@register.inclusion_tag("moderation/decisions_collective_block.html")
def collective_decisions(collective, membership) -> dict:
    """For the collective's members only (`membership`: the viewer's, or None): why the
    moderators decided what they did, the latest three."""
    return {
        "collective": collective,
        "decisions": latest_decisions(collective) if membership else [],
    }
