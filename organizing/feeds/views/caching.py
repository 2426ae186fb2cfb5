"""How long shared caches (and the anonymous page cache) may keep a feed or an API answer."""

from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from organizing.core.page_cache import anonymous_page_cache

CACHE_SECONDS = 300


def public_feed(view):
    """GET/HEAD only, cacheable by anyone for CACHE_SECONDS, kept by the anonymous page cache."""
    return require_safe(
        cache_control(public=True, max_age=CACHE_SECONDS)(anonymous_page_cache()(view))
    )
