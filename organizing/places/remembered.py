"""The area a visitor last searched near, remembered for their next visit.

A signed first-party cookie holding a city id and a radius: no identifier, nothing stored on
the server, and never a position from the browser (those are used once and forgotten).
"""

import re

from django.conf import settings

from .forms import RADIUS_CHOICES_KM
from .models import City

COOKIE_NAME = "convergence_area"
COOKIE_SALT = "convergence.places.remembered-area"
COOKIE_MAX_AGE = 90 * 24 * 3600  # a season of organizing


def remembered_area_key(request) -> str:
    """The remembered "city id:km", checked but not looked up ("" when there is none): what a
    cached page depends on."""
    value = request.get_signed_cookie(
        COOKIE_NAME, default="", salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE
    )
    return value if re.fullmatch(r"\d+:\d+", value) else ""


def remembered_area(request) -> tuple[City, int] | None:
    """(city, radius in km) from the visitor's cookie, or None (also when it was tampered with
    or names a city that is gone)."""
    if not (value := remembered_area_key(request)):
        return None
    city_id, km = (int(part) for part in value.split(":"))
    if km not in RADIUS_CHOICES_KM:
        return None
    city = City.objects.filter(pk=city_id).first()
    return (city, km) if city else None


def remember_area(response, *, city: City, km: int) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        f"{city.pk}:{km}",
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=_secure(),
    )


def forget_area(response) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Lax")


def _secure() -> bool:
    return settings.SESSION_COOKIE_SECURE
