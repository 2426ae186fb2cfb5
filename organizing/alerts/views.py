"""Action alerts (sign up from the browse page) and follows (the Follow button of a
collective or a coalition): confirm and unsubscribe links.

Mail scanners open links in emails: a GET never changes anything, a button POSTs.
"""

from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from organizing.coalitions.access import get_coalition_for_user
from organizing.collectives.access import get_collective_for_user
from organizing.core.domain_errors import domain_error_shown

from . import services
from .access import get_alert_for_token, get_follow_for_token
from .forms import AlertForm, FollowForm
from .saved_search import search_description, search_from_params, search_query, search_refusal


def _form_page(request, form: AlertForm, search):
    context = {
        "form": form,
        "refusal": search_refusal(search),
        "description": search_description(search),
    }
    return render(request, "notifications/alert_form.html", context)


@require_http_methods(["GET", "POST"])
def alert_create(request):
    """GET /alerts/?<browse search>: the sign-up page; POST: sign up (same answer whether the
    address is new, already signed up, or the honeypot caught a bot)."""
    if request.method == "GET":
        search = search_from_params(request.GET)
        city = request.GET.get("city", "")
        form = AlertForm(
            initial={"search": search_query(search), "city": city if city.isdigit() else None}
        )
        return _form_page(request, form, search)
    if limited := consume_or_429(request, action="alert"):
        return limited
    form = AlertForm(request.POST)
    if form.is_valid():
        with domain_error_shown(request, form=form):
            services.alert_subscribe(
                email=form.cleaned_data["email"], params=form.params, language=get_language()
            )
            return render(request, "notifications/alert_check_inbox.html")
    elif form.has_error("fax_number"):
        return render(request, "notifications/alert_check_inbox.html")
    posted = form.params if "search" in form.cleaned_data else {}
    return _form_page(request, form, search_from_params(posted))


@require_http_methods(["GET", "POST"])
def alert_confirm(request, token):
    alert = get_alert_for_token(token)
    if request.method == "POST":
        services.alert_confirm(token=alert.token)
        messages.success(
            request, _("Your alert is on: we will email you when new actions match this search.")
        )
        return redirect("notifications:alert_confirm", token=alert.token)
    return render(request, "notifications/alert_confirm.html", {"alert": alert})


# RFC 8058: mail programs unsubscribe with a POST of "List-Unsubscribe=One-Click" and no CSRF
# token. The secret token in the address is the credential; the view only ever stops emails.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    alert = get_alert_for_token(token)
    if request.method == "POST":
        alert = services.alert_unsubscribe(token=alert.token)
    return render(request, "notifications/alert_unsubscribe.html", {"alert": alert})


# Follows: the collective's or coalition's Follow button (templatetags/follows.py) posts here.


def _follow_target(kind: str, user, slug: str):
    if kind == "coalition":
        return get_coalition_for_user(user, slug)
    return get_collective_for_user(user, slug)


@require_http_methods(["GET", "POST"])
def follow_create(request, kind, slug):
    """GET: the page asking a visitor for an address. POST: a signed-in person follows in
    one click (back to the page it came from); a visitor gets a confirm link (same answer
    whether the address is new, already follows, or the honeypot caught a bot)."""
    target = _follow_target(kind, request.user, slug)
    if request.method == "POST" and request.user.is_authenticated:
        with domain_error_shown(request):
            services.follow_for_user(user=request.user, target=target)
            messages.success(
                request,
                _("You follow %(name)s: we will email you when it publishes an action.")
                % {"name": target.name},
            )
        return redirect(target.get_absolute_url())
    form = FollowForm(request.POST or None)
    if request.method == "POST":
        if limited := consume_or_429(request, action="alert"):
            return limited
        if form.is_valid():
            with domain_error_shown(request, form=form):
                services.follow_subscribe(
                    email=form.cleaned_data["email"], target=target, language=get_language()
                )
                return render(request, "alerts/follow_check_inbox.html", {"target": target})
        elif form.has_error("fax_number"):
            return render(request, "alerts/follow_check_inbox.html", {"target": target})
    context = {"form": form, "target": target, "kind": kind}
    return render(request, "alerts/follow_form.html", context)


@login_required
@require_POST
def follow_delete(request, kind, slug):
    """The button's "Unfollow", for a signed-in person."""
    target = _follow_target(kind, request.user, slug)
    services.unfollow_for_user(user=request.user, target=target)
    messages.success(request, _("You no longer follow %(name)s.") % {"name": target.name})
    return redirect(target.get_absolute_url())


@require_http_methods(["GET", "POST"])
def follow_confirm(request, token):
    follow = get_follow_for_token(token)
    if request.method == "POST":
        services.follow_confirm(token=follow.token)
        messages.success(
            request,
            _("You follow %(name)s: we will email you when it publishes an action.")
            % {"name": follow.target.name},
        )
        return redirect("notifications:follow_confirm", token=follow.token)
    return render(request, "alerts/follow_confirm.html", {"follow": follow})


# RFC 8058: mail programs unsubscribe with a POST of "List-Unsubscribe=One-Click" and no CSRF
# token. The secret token in the address is the credential; the view only ever stops emails.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def follow_unsubscribe(request, token):
    follow = get_follow_for_token(token)
    if request.method == "POST":
        follow = services.follow_unsubscribe(token=follow.token)
    return render(request, "alerts/follow_unsubscribe.html", {"follow": follow})
