"""Peer vouching: the page a pending collective's vouch link opens, for admins of verified
collectives (see services/vouches.py)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organizing.accounts.access import two_factor_required
from organizing.core.domain_errors import domain_error_shown

from ..access import get_collective_to_vouch_for
from ..forms.vouches import VouchForm
from ..models import Vouch
from ..services import vouches as services


def _vouch_view(view):
    """Log in first (redirecting says nothing about the collective), then the access check
    (404 for everyone the link is not for), and only then two-factor, so that nobody else is
    sent to the TOTP setup, which would confirm that the collective exists."""

    @wraps(view)
    def wrapper(request, slug, key):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        collective, vouchers = get_collective_to_vouch_for(request.user, slug, key)
        return two_factor_required(view)(request, collective, vouchers, key)

    return wrapper


@require_http_methods(["GET", "POST"])
@_vouch_view
def collective_vouch(request, collective, vouchers, key):
    form = VouchForm(request.POST or None, vouchers=vouchers)
    if request.method == "POST" and form.is_valid():
        voucher = form.cleaned_data["voucher"]
        with domain_error_shown(request, form=form, field="voucher"):
            services.collective_vouch(
                collective=collective,
                voucher=voucher,
                author=request.user,
                statement=form.cleaned_data["statement"],
            )
            messages.success(
                request,
                _(
                    "%(voucher)s vouches for %(name)s: the moderators will "
                    "see it when they review the collective."
                )
                % {"voucher": voucher.name, "name": collective.name},
            )
            return redirect("collectives:vouch", slug=collective.slug, key=key)
    given = Vouch.objects.filter(collective=collective, voucher__in=vouchers).select_related(
        "voucher", "author"
    )
    context = {"collective": collective, "form": form, "vouches": given, "key": key}
    return render(request, "collectives/collective_vouch.html", context)


@require_POST
@_vouch_view
def vouch_withdraw(request, collective, vouchers, key):
    vouch = get_object_or_404(
        Vouch.objects.select_related("voucher"),
        collective=collective,
        voucher__in=vouchers,
        voucher__slug=request.POST.get("voucher"),
    )
    with domain_error_shown(request):
        services.vouch_withdraw(vouch=vouch, author=request.user)
        messages.success(
            request,
            _("%(voucher)s no longer vouches for %(name)s.")
            % {"voucher": vouch.voucher.name, "name": collective.name},
        )
    return redirect("collectives:vouch", slug=collective.slug, key=key)
