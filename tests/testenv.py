"""Loaded by pytest before Django (see `-p tests.testenv` in pyproject.toml).

Gives the test run a production-like configuration (DEBUG off) that still works over plain
HTTP on 127.0.0.1. DATABASE_URL and CELERY_BROKER_URL are left as the caller set them.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("STATICFILES_MANIFEST", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("EMAIL_URL", "consolemail://")
# Tests see every change at once; tests/core/test_page_cache.py turns the page cache on.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# Sync Playwright runs an event loop in the test thread; the ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The SQLite test database lives under var/ (see settings), which a fresh clone lacks.
os.makedirs(
    os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "var"), exist_ok=True
)
