"""How long shared caches (and the anonymous page cache) may keep a feed or an API answer,
and the language a feed is written in."""

from functools import wraps

from django.conf import settings
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from organizing.core.page_cache import anonymous_page_cache

CACHE_SECONDS = 300


# The query parameter naming a feed's language: `language` already means a language spoken at
# the action.
LANGUAGE_PARAM = "lang"


def in_requested_language(view):
    """`?lang=ja`: the feed in that language (kinds, place names, dates), whatever the
    reader's app sends: calendar apps send no Accept-Language, so a page links its feeds in its
    own language. An unknown code leaves the request's language."""

    @wraps(view)
    def view_in_language(request, *args, **kwargs):
        language = request.GET.get(LANGUAGE_PARAM, "")
        if language not in dict(settings.LANGUAGES):
            return view(request, *args, **kwargs)
        with translation.override(language):
            return view(request, *args, **kwargs)

    return view_in_language


def public_feed(view):
    """GET/HEAD only, cacheable by anyone for CACHE_SECONDS, kept by the anonymous page cache
    (keyed on the language `?lang=` sets), in the language `?lang=` asks for."""
    cached = cache_control(public=True, max_age=CACHE_SECONDS)(anonymous_page_cache()(view))
    return require_safe(in_requested_language(cached))
