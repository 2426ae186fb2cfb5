"""allauth hooks: its emails go through our outbox, never straight to the mail server;
disposable addresses are refused. Moderation extends this adapter with the registration mode
(organizing/moderation/adapter.py, the one ACCOUNT_ADAPTER)."""

import time
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core.internal.ratelimit import RateLimitUsage
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organizing.core.client_ip import client_ip
from organizing.outbox.services import outbox_enqueue

from .disposable import email_is_disposable
from .ratelimits import consume_login_failed

# The steps of a login that prove the person is there (a password, a second factor).
_PROOF_METHODS = {"password", "mfa"}


def this_site() -> SimpleNamespace:
    """The site as allauth's templates name it: `name` and `domain` (from SITE_URL)."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """Every rate limit (allauth's and ours) counts visitors by this address."""
        return client_ip(request)

    def pre_authenticate(self, request, **credentials) -> None:
        """Failed logins are limited per address first (a lockout there stops only that
        address), then per account. The per-account limit alone does not refuse at once:
        anyone can spend it with made-up passwords from many addresses, so `authenticate`
        lets the right password through on an account with a second factor, whose own step
        (limited per account too) still stands between a guessed password and the account."""
        key = self._get_login_attempts_cache_key(request, **credentials)
        by_address = consume_login_failed(request, key=key, per="ip")
        if by_address is None:
            raise self.validation_error("too_many_login_attempts")
        by_account = consume_login_failed(request, key=key, per="key")
        self._account_locked = by_account is None
        self._login_failed_rl_usage = RateLimitUsage(
            usage=by_address.usage + (by_account.usage if by_account else [])
        )

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if getattr(self, "_account_locked", False) and not (user and is_mfa_enabled(user)):
            # Same answer for a wrong and a right password: a locked account tells nothing.
            raise self.validation_error("too_many_login_attempts")
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's templates greet from `current_site` ("Hello from {{ site_name }}!"): the
        # sites framework is not installed, so name the site from the settings.
        context = {"email": email, "current_site": this_site(), **context}
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        outbox_enqueue(to=email, subject=message.subject, body_text=message.body, body_html=html)

    def clean_email(self, email: str) -> str:
        """Sign-up, adding or changing an address (and asking for a password reset)."""
        email = super().clean_email(email)
        if email_is_disposable(email):
            raise ValidationError(
                _(
                    "Addresses of disposable email services cannot be used here. Please use an "
                    "address you will keep: it is how you get back into your account."
                ),
                code="disposable_email",
            )
        return email

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A login that just took the password (or a code) is as good as a re-authentication:
        allauth counts only its own re-authentication step, so staff sent to TOTP set-up right
        after logging in were asked for the password a second time. Past the same timeout
        (ACCOUNT_REAUTHENTICATION_TIMEOUT), allauth asks again."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = self.request
        if not required or request is None or not request.user.is_authenticated:
            return required
        proofs = [
            record["at"]
            for record in get_authentication_records(request, request.user)
            if record.get("method") in _PROOF_METHODS and "at" in record
        ]
        if not proofs:
            return True
        return time.time() - max(proofs) >= account_settings.REAUTHENTICATION_TIMEOUT
