"""Account-level rules: who must use two-factor authentication before doing what."""

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def has_two_factor(user) -> bool:
    return user.is_authenticated and is_mfa_enabled(user)


def redirect_to_two_factor_setup(request):
    messages.warning(
        request,
        _("Please turn on two-factor authentication first: it protects your collective "
          "and its members if your password leaks."),
    )
    return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")


def two_factor_required(view):
    """For views that manage other people (members, roles): TOTP must be on."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not has_two_factor(request.user):
            return redirect_to_two_factor_setup(request)
        return view(request, *args, **kwargs)

    return wrapper
