"""allauth's failed-login limit taken in its two halves (see AccountAdapter.pre_authenticate).

`ACCOUNT_RATE_LIMITS["login_failed"]` holds rates per address ("ip") and per account ("key",
the email). allauth checks them together, so the account's half refuses even the right
password; here each half is consumed on its own, with the same cache keys as allauth's (so a
password reset still clears them and allauth's own counting agrees).
"""

from allauth.account import app_settings
from allauth.core.internal import ratelimit


def login_failed_rates(per: str) -> str:
    """The configured login_failed rates counted `per` "ip" or "key", as a rate string."""
    configured = app_settings.RATE_LIMITS.get("login_failed") or ""
    parts = [part.strip() for part in configured.split(",") if part.strip()]
    return ",".join(part for part in parts if ratelimit.parse_rate(part).per == per)


def consume_login_failed(request, *, key: str, per: str) -> ratelimit.RateLimitUsage | None:
    """One attempt against that half: its usage (to roll back on success), None when over."""
    return ratelimit.consume(
        request,
        app="allauth.account",
        action="login_failed",
        config={"login_failed": login_failed_rates(per)},
        key=key,
    )
