"""The Follow button of a collective's or a coalition's page (those pages belong to floors
below: they load this library, and the tag runs the follows' selectors, one query each)."""

from django import template

from organizing.coalitions.models import Coalition

from ..selectors import follow_of, follower_count

register = template.Library()


@register.inclusion_tag("alerts/_follow_button.html", takes_context=True)
def follow_button(context, target, show_count=False) -> dict:
    """{% follow_button collective show_count=membership.is_admin %}: "Follow" (one click
    when signed in, an address form otherwise), or "Following" with "Unfollow". With
    `show_count` (the collective's admins, the coalition's members) also "N followers": a
    number, never who."""
    request = context.get("request")
    user = getattr(request, "user", None)
    follow = follow_of(user, target) if user is not None else None
    return {
        "target": target,
        "kind": "coalition" if isinstance(target, Coalition) else "collective",
        "signed_in": bool(user and user.is_authenticated),
        "following": bool(follow and follow.is_active),
        "count": follower_count(target) if show_count else None,
        "csrf_token": context.get("csrf_token"),
    }
