"""Project-wide checks: migrations, deploy settings, settings safety, argument-free URLs."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import run_manage

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is missing or is the development default" in result.stderr


def test_refuses_the_development_key_when_debug_is_off():
    result = run_manage(
        "check", DEBUG="false", SECRET_KEY="convergence-development-key-never-use-in-production"
    )
    assert result.returncode != 0


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x" * 20 + "production-like-secret-key-4a7c1f9e2b8d",
        ALLOWED_HOSTS="convergence.example.org",
        SECURE_SSL_REDIRECT="true",
        SECURE_COOKIES="true",
        STATICFILES_MANIFEST="true",
        EMAIL_URL="smtp+tls://convergence:secret@mail.example.org:587",
        TRUSTED_PROXY_COUNT="1",  # behind the documented proxy (core/checks.py, W004)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def argument_free_paths(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not pattern.startswith("admin/"):
                yield from argument_free_paths(entry, pattern)
        elif isinstance(entry, URLPattern) and "<" not in pattern and "^" not in pattern:
            yield "/" + pattern


@pytest.mark.django_db
def test_every_argument_free_url_answers_without_error(client):
    paths = list(argument_free_paths())
    assert "/" in paths
    for path in paths:
        assert client.get(path).status_code < 500, path


def test_manage_py_in_a_bare_checkout_runs_as_development():
    if (ROOT / ".env").exists():
        pytest.skip("a .env file configures this checkout")
    assert run_manage("check").returncode == 0
