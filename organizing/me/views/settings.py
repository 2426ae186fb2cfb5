"""The person's profile settings and the "My account" page that reaches every other setting."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import ProfileSettingsForm
from ..services.profile import user_profile_update


@login_required
@require_http_methods(["GET", "POST"])
def profile_settings(request):
    user = request.user
    initial = {
        "display_name": user.display_name,
        "language": user.language,
        "time_zone": user.time_zone,
    }
    form = ProfileSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user_profile_update(user=user, **form.cleaned_data)
        language = form.cleaned_data["language"]
        # The new preference shows at once, in this language (translation.override: the
        # message is rendered on the next page, but gettext runs here).
        with translation.override(language or settings.LANGUAGE_CODE):
            messages.success(request, _("Your settings are saved."))
        response = redirect("me:settings")
        # The switcher's earlier choice in this browser would otherwise hide the preference.
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        return response
    return render(request, "me/settings.html", {"form": form})


@login_required
@require_GET
def account(request):
    """Links only: password, addresses, two-factor, sessions and the pages of the own space."""
    return render(request, "me/account.html")
