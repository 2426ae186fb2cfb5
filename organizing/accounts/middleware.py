from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .access import (
    SESSION_PASSED_TWO_FACTOR,
    has_two_factor,
    redirect_to_two_factor_setup,
    redirect_to_two_factor_step,
    session_passed_two_factor,
)


class StaffTwoFactorMiddleware:
    """Staff powers need a session that passed two-factor authentication.

    It marks a staff `request.user` with whether this session passed a second factor, the
    mark `accounts.access.acts_as_staff` reads on the public site; and it sends staff to the
    admin only through that step: TOTP set-up when they have none, a code when this session
    was opened without it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return self.get_response(request)
        passed = session_passed_two_factor(request, user)
        setattr(user, SESSION_PASSED_TWO_FACTOR, passed)
        if not passed and request.path.startswith(reverse("admin:index")):
            if not has_two_factor(user):
                return redirect_to_two_factor_setup(request)
            return redirect_to_two_factor_step(request)
        return self.get_response(request)


class PreferredLanguageMiddleware:
    """The signed-in person's preferred language (My space, Profile settings) for the pages,
    unless this browser chose one with the switcher (Django's language cookie): the choice made
    here and now wins, then the preference, then Accept-Language (LocaleMiddleware's). After
    AuthenticationMiddleware; anonymous requests are left to LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        preferred = self._preferred(request)
        if preferred:
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
        return self.get_response(request)

    @staticmethod
    def _preferred(request) -> str:
        if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
            return ""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.language:
            return ""
        offered = {code for code, _name in settings.LANGUAGES}
        return user.language if user.language in offered else ""
