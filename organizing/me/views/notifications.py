"""How each kind of email reaches the person: each time, a daily digest, or off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organizing.accounts.notifications import notification_preferences

from ..forms import NotificationPreferencesForm
from ..services.notifications import notification_preferences_save


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationPreferencesForm(
        request.POST or None, initial=notification_preferences(request.user)
    )
    if request.method == "POST" and form.is_valid():
        notification_preferences_save(user=request.user, deliveries=form.cleaned_data)
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("me:notifications")
    return render(request, "me/notifications.html", {"form": form})
