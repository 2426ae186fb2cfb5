from django.urls import reverse

from .access import has_two_factor, redirect_to_two_factor_setup


class StaffTwoFactorMiddleware:
    """Staff reach the admin only with two-factor authentication turned on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_two_factor(request):
            return redirect_to_two_factor_setup(request)
        return self.get_response(request)

    @staticmethod
    def _needs_two_factor(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return False
        if not request.path.startswith(reverse("admin:index")):
            return False
        return not has_two_factor(user)
