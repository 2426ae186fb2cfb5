"""The busiest public pages (browse, feeds, API) served from memory to anonymous visitors.

A search page costs tens of milliseconds to build and is asked for again and again (the same
city, the same filters); a copy kept for PAGE_CACHE_SECONDS (a minute by default) answers in
about the time of an empty page. New actions therefore appear in listings within that time;
their own pages are never cached.

Only GET and HEAD from visitors without a session and without pending messages are served from
the cache: what a logged-in member sees is always fresh. The key is the path, the query string
in a stable order, the language, and whatever else the page depends on (`vary`: e.g. the area
remembered in a cookie). The CSRF token in a cached page is replaced by a fresh one on each
hit; cookies the page set are set again.
"""

import hashlib
import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

CACHE_ALIAS = "pages"
_CSRF_PLACEHOLDER = "csrf-token-placeholder-0f3c9e"
_CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
# Cookies that belong to one visitor: never replayed to another one.
_PERSONAL_COOKIES = {
    settings.CSRF_COOKIE_NAME,
    settings.SESSION_COOKIE_NAME,
    settings.LANGUAGE_COOKIE_NAME,
    "messages",
}


def anonymous_page_cache(*, vary: tuple[Callable[..., str], ...] = ()):
    """Decorate a view whose answer depends only on the request's path, query string,
    language and `vary(request)` values, for anonymous visitors."""

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            timeout = settings.PAGE_CACHE_SECONDS
            if not timeout or not _is_anonymous_read(request):
                return view(request, *args, **kwargs)
            key = _key(request, vary)
            cache = caches[CACHE_ALIAS]
            if (entry := cache.get(key)) is not None:
                return _thaw(entry, request)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                cache.set(key, _freeze(response), timeout)
            return response

        return cached_view

    return decorator


def _is_anonymous_read(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request, vary) -> str:
    query = sorted(request.GET.lists())
    parts = [request.path, repr(query), translation.get_language() or ""]
    parts.extend(value(request) for value in vary)
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _freeze(response) -> dict:
    if getattr(response, "is_rendered", True) is False:  # a template or REST framework answer
        response.render()
    content = response.content
    if match := _CSRF_FIELD.search(content):
        content = content.replace(match.group(1), _CSRF_PLACEHOLDER.encode())
    cookies = [
        (
            name,
            morsel.value,
            {key: morsel[key] for key in ("max-age", "path", "samesite")},
            bool(morsel["httponly"]),
            bool(morsel["secure"]),
        )
        for name, morsel in response.cookies.items()
        if name not in _PERSONAL_COOKIES
    ]
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in ("set-cookie", "content-length")
    ]
    return {"content": content, "headers": headers, "cookies": cookies}


def _thaw(entry: dict, request) -> HttpResponse:
    content = entry["content"]
    if _CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(_CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(content)
    for name, value in entry["headers"]:
        response.headers[name] = value
    for name, value, options, httponly, secure in entry["cookies"]:
        max_age = options["max-age"]
        response.set_cookie(
            name,
            value,
            max_age=None if max_age == "" else int(max_age),
            path=options["path"] or "/",
            samesite=options["samesite"] or None,
            httponly=httponly,
            secure=secure,
        )
    return response
