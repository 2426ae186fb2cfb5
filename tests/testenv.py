"""Loaded by pytest before Django (see `-p tests.testenv` in pyproject.toml).

Gives the test run a production-like configuration (DEBUG off) that still works over plain
HTTP on 127.0.0.1, whatever the caller's environment holds: every variable settings.py reads
(and those `.env.example` documents) is dropped and the test values below are set over it; a
`.env` file in the checkout is not read. Only DATABASE_URL and CELERY_BROKER_URL are left as
the caller set them: they choose the backends (SQLite and eager Celery when unset; .ci/run sets
them for PostgreSQL and Redis). tests/core/test_testenv.py checks this with a hostile environment.
"""

import os
import re
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parents[1]

# The variables that choose the backends, taken from the caller.
BACKENDS = ("DATABASE_URL", "CELERY_BROKER_URL")

# What the tests run with. tests/core/test_page_cache.py turns the page cache on; sync
# Playwright runs an event loop in the test thread, where the ORM must still be usable.
TEST_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "organizing.settings",
    "SECRET_KEY": "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "DEBUG": "false",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "STATICFILES_MANIFEST": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "EMAIL_URL": "consolemail://",
    "PAGE_CACHE_SECONDS": "0",
    "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
}


def configurable_names() -> set[str]:
    """Every variable settings.py reads through django-environ or `env.ENVIRON`, every one
    `.env.example` documents, and the demo admin's password (read by ensure_demo_admin)."""
    settings_source = (ROOT / "organizing" / "settings.py").read_text()
    names = set(re.findall(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", settings_source))
    names |= set(re.findall(r"""["']([A-Z][A-Z0-9_]*)["']\s+in\s+env\.ENVIRON""", settings_source))
    example = (ROOT / ".env.example").read_text()
    names |= set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    names.add("DJANGO_SUPERUSER_PASSWORD")
    return names - set(BACKENDS)


def make_hermetic(environment=os.environ) -> None:
    for name in configurable_names():
        environment.pop(name, None)
    environment.update(TEST_ENVIRONMENT)


make_hermetic()
# settings.py reads a `.env` file without overwriting; in tests it must not fill the variables
# dropped above (the test configuration is the one here).
environ.Env.read_env = classmethod(lambda cls, *args, **kwargs: None)

# The SQLite test database lives under var/ (see settings), which a fresh clone lacks.
os.makedirs(ROOT / "var", exist_ok=True)
