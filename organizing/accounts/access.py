"""Account-level rules: who must use two-factor authentication before doing what."""

from functools import wraps
from urllib.parse import quote

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Set on `request.user` by StaffTwoFactorMiddleware: whether this session passed a second factor.
SESSION_PASSED_TWO_FACTOR = "session_passed_two_factor"


def has_two_factor(user) -> bool:
    return user.is_authenticated and is_mfa_enabled(user)


def session_passed_two_factor(request, user) -> bool:
    """Whether this session's login (or a later re-authentication, or turning TOTP on in it)
    went through a second factor: allauth records each step in the session, "mfa" for that
    one. Having TOTP is not enough: a session opened with the password alone before TOTP was
    turned on elsewhere, or a stolen password on an account whose TOTP was just removed."""
    records = get_authentication_records(request, user)
    if not any(record.get("method") == "mfa" for record in records):
        return False
    return has_two_factor(user)


def acts_as_staff(user) -> bool:
    """The one rule for staff powers on the public site (drafts, hidden and suspended things):
    a staff account, in a session that passed two-factor. Anything else, the user passed
    without its request (a task, a reloaded row), gets no staff powers."""
    if not user.is_authenticated or not user.is_staff:
        return False
    return getattr(user, SESSION_PASSED_TWO_FACTOR, False) is True


def redirect_to_two_factor_setup(request, *, next_url: str | None = None):
    """To TOTP set-up, then back to `next_url` (by default this page)."""
    messages.warning(
        request,
        _(
            "Please turn on two-factor authentication first: it protects your collective "
            "and its members if your password leaks."
        ),
    )
    next_url = next_url or request.get_full_path()
    return redirect(f"{reverse('mfa_activate_totp')}?next={quote(next_url)}")


def redirect_to_two_factor_step(request):
    """TOTP is on but this session did not pass it: ask for a code again (allauth's
    re-authentication records the "mfa" step)."""
    messages.warning(request, _("Please confirm it is you with your authenticator app."))
    return redirect(f"{reverse('mfa_reauthenticate')}?next={quote(request.get_full_path())}")


def two_factor_missing(request, *, next_url: str | None = None):
    """For a view that shows or destroys other people's personal data (attendees, member
    emails), called after its access check so that an outsider still gets 404: the redirect
    to TOTP set-up when the user has none, else None. `next_url` for a POST-only view."""
    if has_two_factor(request.user):
        return None
    return redirect_to_two_factor_setup(request, next_url=next_url)


def two_factor_required(view):
    """For views that manage other people (members, roles): TOTP must be on."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not has_two_factor(request.user):
            return redirect_to_two_factor_setup(request)
        return view(request, *args, **kwargs)

    return wrapper
