"""The project's URLs plus /bench/floor/: a constant 20 KB page through the same middleware, the
fastest a page can be served on this stack (no database, no template). The load benchmark
(bench/browse_load.py) compares every page to it."""

from django.http import HttpResponse
from django.urls import path

from organizing.urls import handler429
from organizing.urls import urlpatterns as project_urlpatterns

FLOOR_SIZE = 20 * 1024


def _floor_body() -> bytes:
    head = b'<!doctype html><html lang="en"><head><title>Floor</title></head><body><p>'
    tail = b"</p></body></html>\n"
    return head + b"x" * (FLOOR_SIZE - len(head) - len(tail)) + tail


FLOOR_BODY = _floor_body()


def floor(request):
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *project_urlpatterns]

__all__ = ["handler429", "urlpatterns"]
