"""Deployment checks Django's own `check --deploy` does not make: the protections our users
rely on (the Content-Security-Policy, two-factor for staff, rate limits and the address they
count, short sessions) must not vanish through a settings change. They run with `--deploy`
only (`make check-deploy`, `.ci/run`, docs/deployment.md); ids `convergence.Wxxx`.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register

CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"
STAFF_TWO_FACTOR_MIDDLEWARE = "organizing.accounts.middleware.StaffTwoFactorMiddleware"
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "*"}
# The limits the README promises (sign-up, login, reset, our own forms).
REQUIRED_RATE_LIMITS = (
    "signup",
    "login",
    "login_failed",
    "reset_password",
    "contact_collective",
    "join_request",
    "report",
    "post_action",
    "rsvp",
)
# Caches that do not share rate-limit counts between processes (or keep none at all).
PER_PROCESS_CACHES = ("locmem.LocMemCache", "dummy.DummyCache")
MAX_SESSION_AGE = 14 * 24 * 60 * 60


@register(Tags.security, deploy=True)
def check_content_security_policy(app_configs, **kwargs) -> list[Warning]:
    policy = getattr(settings, "SECURE_CSP", None) or {}
    if CSP_MIDDLEWARE not in settings.MIDDLEWARE or not policy:
        return [
            Warning(
                "No Content-Security-Policy is sent.",
                hint=f"Keep {CSP_MIDDLEWARE} in MIDDLEWARE and SECURE_CSP in the settings.",
                id="convergence.W001",
            )
        ]
    loose = sorted(
        {
            f"{directive} {source}"
            for directive in ("default-src", "script-src", "style-src")
            for source in policy.get(directive, [])
            if str(source) in UNSAFE_SOURCES
        }
    )
    if loose or ("script-src" not in policy and "default-src" not in policy):
        return [
            Warning(
                "The Content-Security-Policy lets injected scripts or styles run: "
                + (", ".join(loose) or "no script-src nor default-src")
                + ".",
                hint="Serve scripts and styles from static files; no inline code.",
                id="convergence.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_staff_two_factor(app_configs, **kwargs) -> list[Warning]:
    if "allauth.mfa" in settings.INSTALLED_APPS and (
        STAFF_TWO_FACTOR_MIDDLEWARE in settings.MIDDLEWARE
    ):
        return []
    return [
        Warning(
            "Staff could use the admin and their powers without two-factor authentication.",
            hint=f"Keep allauth.mfa in INSTALLED_APPS and {STAFF_TWO_FACTOR_MIDDLEWARE} "
            "in MIDDLEWARE.",
            id="convergence.W002",
        )
    ]


@register(Tags.security, deploy=True)
def check_rate_limits(app_configs, **kwargs) -> list[Warning]:
    warnings = []
    limits = getattr(settings, "ACCOUNT_RATE_LIMITS", None)
    missing = [name for name in REQUIRED_RATE_LIMITS if not (limits or {}).get(name)]
    if limits is False or missing:
        warnings.append(
            Warning(
                "Rate limits are off" + (f" for: {', '.join(missing)}." if missing else "."),
                hint="Restore them in ACCOUNT_RATE_LIMITS.",
                id="convergence.W003",
            )
        )
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(PER_PROCESS_CACHES):
        warnings.append(
            Warning(
                f"The default cache ({backend}) keeps rate-limit counts per process, or none.",
                hint="Use the database cache (CACHE_URL=dbcache://convergence_cache) or Redis.",
                id="convergence.W003",
            )
        )
    return warnings


@register(Tags.security, deploy=True)
def check_client_address(app_configs, **kwargs) -> list[Warning]:
    if getattr(settings, "TRUSTED_PROXY_DECLARED", True):
        return []
    return [
        Warning(
            "Rate limits may count the proxy's address for every visitor: TRUSTED_PROXY_COUNT "
            "is not set.",
            hint="Behind the TLS proxy of docs/deployment.md, set TRUSTED_PROXY_COUNT=1 (or "
            "TRUSTED_CLIENT_IP_HEADER=X-Real-IP); TRUSTED_PROXY_COUNT=0 if nothing is in "
            "front of the app.",
            id="convergence.W004",
        )
    ]


@register(Tags.security, deploy=True)
def check_session_age(app_configs, **kwargs) -> list[Warning]:
    if settings.SESSION_COOKIE_AGE <= MAX_SESSION_AGE:
        return []
    return [
        Warning(
            "Sessions last more than two weeks: a device left signed in stays open for long.",
            hint="Lower SESSION_COOKIE_AGE (3 days by default).",
            id="convergence.W005",
        )
    ]
