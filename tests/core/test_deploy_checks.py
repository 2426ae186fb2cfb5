"""`check --deploy` flags what Django's own checks never do: a missing or loosened CSP, staff
without two-factor, rate limits off or per process, rate limits counting the proxy, long
sessions. And `make check-deploy` passes with production settings (it failed on the console
email backend)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils.csp import CSP

from organizing.core import checks

ROOT = Path(__file__).resolve().parents[2]


def ids(warnings) -> list[str]:
    return [warning.id for warning in warnings]


def test_the_project_settings_pass_every_check():
    with override_settings(TRUSTED_PROXY_DECLARED=True):
        for check in (
            checks.check_content_security_policy,
            checks.check_staff_two_factor,
            checks.check_rate_limits,
            checks.check_client_address,
            checks.check_session_age,
        ):
            assert check(None) == [], check.__name__


@pytest.mark.parametrize(
    "change",
    [
        {"SECURE_CSP": {}},
        {"SECURE_CSP": {**settings.SECURE_CSP, "script-src": [CSP.SELF, CSP.UNSAFE_INLINE]}},
        {"SECURE_CSP": {**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}},
        {"SECURE_CSP": {"img-src": [CSP.SELF]}},
        {"MIDDLEWARE": [m for m in settings.MIDDLEWARE if "csp" not in m]},
    ],
)
def test_a_missing_or_loose_csp_is_flagged(change):
    with override_settings(**change):
        assert ids(checks.check_content_security_policy(None)) == ["convergence.W001"]


def test_staff_without_two_factor_is_flagged():
    middleware = [m for m in settings.MIDDLEWARE if "StaffTwoFactor" not in m]
    with override_settings(MIDDLEWARE=middleware):
        assert ids(checks.check_staff_two_factor(None)) == ["convergence.W002"]


@pytest.mark.parametrize(
    "change",
    [
        {"ACCOUNT_RATE_LIMITS": False},
        {"ACCOUNT_RATE_LIMITS": {**settings.ACCOUNT_RATE_LIMITS, "login_failed": ""}},
        {
            "ACCOUNT_RATE_LIMITS": {
                k: v for k, v in settings.ACCOUNT_RATE_LIMITS.items() if k != "rsvp"
            }
        },
        {
            "CACHES": {
                **settings.CACHES,
                "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            }
        },
    ],
)
def test_rate_limits_off_or_per_process_are_flagged(change):
    with override_settings(**change):
        assert ids(checks.check_rate_limits(None)) == ["convergence.W003"]


def test_an_undeclared_proxy_is_flagged():
    with override_settings(TRUSTED_PROXY_DECLARED=False):
        assert ids(checks.check_client_address(None)) == ["convergence.W004"]


def test_long_sessions_are_flagged():
    with override_settings(SESSION_COOKIE_AGE=30 * 24 * 60 * 60):
        assert ids(checks.check_session_age(None)) == ["convergence.W005"]


def test_checks_run_with_deploy_only():
    from django.core.checks import registry

    deploy_only = registry.registry.get_checks(include_deployment_checks=True)
    everyday = registry.registry.get_checks(include_deployment_checks=False)
    assert checks.check_client_address in deploy_only
    assert checks.check_client_address not in everyday


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_check_deploy_passes():
    # The variables a developer or the test run may have set must not decide the answer.
    ignored = (
        "SECRET_KEY",
        "DEBUG",
        "EMAIL_URL",
        "TRUSTED_PROXY_COUNT",
        "ALLOWED_HOSTS",
        "SECURE_SSL_REDIRECT",
        "SECURE_COOKIES",
        "STATICFILES_MANIFEST",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "MAKEFLAGS",
        "MFLAGS",
    )
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    # -o: never re-sync the virtualenv from inside a test (make test did it before).
    command = [
        "make",
        "--no-print-directory",
        "-o",
        ".venv/.synced",
        "-o",
        ".tools/bin/uv",
        "check-deploy",
    ]
    result = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr
