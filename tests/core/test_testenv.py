"""The suite is hermetic: a caller's environment cannot change the settings tests run with
(tests/testenv.py), except DATABASE_URL and CELERY_BROKER_URL, which choose the backends."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What a developer's shell (or a production-like CI runner) might export.
HOSTILE = {
    "DJANGO_SETTINGS_MODULE": "no.such.settings",
    "DJANGO_SUPERUSER_PASSWORD": "from-the-caller",
    "DEBUG": "true",
    "SECRET_KEY": "the-caller-s-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "evil.example",
    "EMAIL_URL": "smtp+tls://user:password@mail.example.org:587",
    "DEFAULT_FROM_EMAIL": "caller@example.org",
    "PAGE_CACHE_SECONDS": "3600",
    "PAGE_CACHE_URL": "dummycache://",
    "CACHE_URL": "dummycache://",
    "SITE_URL": "https://caller.example",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_COOKIES": "true",
    "STATICFILES_MANIFEST": "true",
    "TRUSTED_PROXY_COUNT": "3",
    "SESSION_COOKIE_AGE": "5",
    "TIME_ZONE": "Asia/Tokyo",
    "LOG_LEVEL": "CRITICAL",
    "DATABASE_URL": "sqlite:////tmp/chosen-by-the-caller.sqlite3",
}

# Loads tests/testenv.py as pytest does (`-p tests.testenv`), then Django, and prints what the
# tests would see.
PROBE = """
import json, os
import tests.testenv
import django
django.setup()
from django.conf import settings
print(json.dumps({
    "module": os.environ["DJANGO_SETTINGS_MODULE"],
    "superuser_password": os.environ.get("DJANGO_SUPERUSER_PASSWORD"),
    "debug": settings.DEBUG,
    "secret_key": settings.SECRET_KEY,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "mailer": settings.MAILERS["default"]["BACKEND"],
    "from_email": settings.DEFAULT_FROM_EMAIL,
    "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
    "caches": sorted(c["BACKEND"] for c in settings.CACHES.values()),
    "site_url": settings.SITE_URL,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "secure_cookies": settings.SESSION_COOKIE_SECURE,
    "trusted_proxy_count": settings.TRUSTED_PROXY_COUNT,
    "session_cookie_age": settings.SESSION_COOKIE_AGE,
    "time_zone": settings.TIME_ZONE,
    "database": str(settings.DATABASES["default"]["NAME"]),
}))
"""


def probe(environment: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def bare_environment() -> dict:
    return {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}


def test_a_hostile_environment_does_not_change_the_test_settings():
    hostile = probe({**bare_environment(), **HOSTILE})
    assert hostile == {
        **probe(bare_environment()),
        # the one choice left to the caller: which database (and broker) the suite runs on
        "database": "/tmp/chosen-by-the-caller.sqlite3",
    }
    assert hostile["module"] == "organizing.settings"
    assert hostile["superuser_password"] is None
    assert hostile["debug"] is False
    assert hostile["secret_key"].startswith("tests-only-secret-key")
    assert hostile["allowed_hosts"] == ["127.0.0.1", "localhost", "testserver"]
    assert hostile["page_cache_seconds"] == 0
    assert hostile["ssl_redirect"] is False
    assert hostile["secure_cookies"] is False
    assert hostile["trusted_proxy_count"] == 0
