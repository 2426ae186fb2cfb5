"""Keeping allauth's record of this session's authentication steps true."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator

# Authenticators whose set-up proves the person holds the second factor (a valid TOTP code,
# a key's signature); recovery codes are generated, not proven.
_PROVEN_ON_SET_UP = {Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN}


def record_second_factor_set_up(sender, *, request, user, authenticator, **kwargs):
    """Turning TOTP on while logged in takes a valid code, but allauth records no "mfa" step
    for the session then (only at login or re-authentication). Without this, the person who
    just set up TOTP to reach the admin would be asked for a code again at once; staff powers
    read the record (accounts.access.session_passed_two_factor)."""
    if request is None or authenticator.type not in _PROVEN_ON_SET_UP:
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
