"""The collective page's moderation section (templates/moderation/decisions_collective_block.html).

Collectives stand on the floor below moderation: their page loads this tag instead of
fetching the moderators' decisions itself."""

from django import template

from ..selectors import latest_decisions, moderation_news

register = template.Library()


@register.inclusion_tag("moderation/decisions_collective_block.html")
def collective_decisions(collective, membership) -> dict:
    """For the collective's members only (`membership`: the viewer's, or None): why the
    moderators decided what they did, the latest three."""
    return {
        "collective": collective,
        "decisions": latest_decisions(collective) if membership else [],
    }


@register.inclusion_tag("moderation/collective_moderation_banner.html")
def collective_moderation_banner(collective, membership) -> dict:
    """Atop the collective's page, for its own members only: the collective's suspension and
    its actions held, hidden or rejected, each with the reason and the way to ask for review."""
    return {
        "collective": collective,
        "membership": membership,
        "news": moderation_news(collective) if membership else None,
    }
