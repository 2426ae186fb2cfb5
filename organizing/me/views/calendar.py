"""My private calendar feed (/me/calendar/): make its link, see it, replace it, turn it off."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from organizing.core.links import site_url

from ..services.calendar import (
    calendar_feed_disable,
    calendar_feed_enable,
    calendar_feed_regenerate,
)

INTENTS = {
    "enable": (calendar_feed_enable, gettext_lazy("Your private calendar link is ready.")),
    "regenerate": (
        calendar_feed_regenerate,
        gettext_lazy("Here is your new link: the old one no longer works."),
    ),
    "disable": (
        calendar_feed_disable,
        gettext_lazy("Your private calendar is off: its link no longer works."),
    ),
}


class CalendarIntentForm(forms.Form):
    intent = forms.ChoiceField(choices=[(name, name) for name in INTENTS])


@cache_control(private=True, no_store=True)  # the page shows the secret link
@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed(request):
    if request.method == "POST":
        form = CalendarIntentForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(_("Unknown choice."))
        service, message = INTENTS[form.cleaned_data["intent"]]
        service(user=request.user)
        messages.success(request, message)
        return redirect("me:calendar")
    token = request.user.calendar_token
    link = site_url(reverse("feeds:personal_ics", args=[token])) if token else ""
    context = {
        "link": link,
        "webcal_link": "webcal://" + link.split("://", 1)[-1] if link else "",
    }
    return render(request, "me/calendar_feed.html", context)
