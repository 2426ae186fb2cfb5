"""The person's private calendar feed (/me/calendar/): its secret token, made, replaced
(revoking the old link at once) and removed. The feed itself is feeds:personal_ics."""

import secrets

from django.db import transaction

from organizing.accounts.models import User


def _new_token() -> str:
    return secrets.token_urlsafe(32)  # 43 characters of [A-Za-z0-9_-]: a path segment as is


@transaction.atomic
def calendar_feed_enable(*, user: User) -> str:
    """Make the feed's token, or keep the one the person already has."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.calendar_token:
        user.calendar_token = _new_token()
        user.save(update_fields=["calendar_token"])
    return user.calendar_token


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> str:
    """A new token: the old link answers 404 from now on."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.calendar_token = _new_token()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


def calendar_feed_disable(*, user: User) -> None:
    """No feed any more: the link answers 404."""
    User.objects.filter(pk=user.pk).update(calendar_token=None)
