"""Absolute links for emails and other outputs read outside the site."""

from django.conf import settings


def site_url(path: str) -> str:
    """`path` on the public site (SITE_URL), e.g. for a link in an email."""
    return settings.SITE_URL.rstrip("/") + path
