"""Writes of a person's own space."""

from django.db import transaction


@transaction.atomic
def user_profile_update(*, user, display_name: str, language: str, time_zone: str):
    """The person's display name, preferred language (emails) and time zone."""
    user.display_name = display_name
    user.language = language
    user.time_zone = time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name", "language", "time_zone"])
    return user
