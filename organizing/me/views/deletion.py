"""Delete my account (/me/delete/): the rules on the page, the password (and the two-factor
code when it is on) to confirm, then the goodbye page."""

from allauth.core.ratelimit import consume_or_429
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from organizing.accounts.access import has_two_factor
from organizing.core.domain_errors import domain_error_shown

from ..selectors.personal_data import collectives_user_is_last_admin
from ..services.deletion import account_delete, account_deletion_refusal


class DeleteAccountForm(forms.Form):
    """The password, and the current code of the authenticator app when two-factor is on
    (allauth's TOTP validation, which refuses a code already used)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("The code from your authenticator app"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.totp = (
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
            if has_two_factor(user)
            else None
        )
        if self.totp is None:
            del self.fields["code"]
        else:
            self.fields["code"].required = True

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().replace(" ", "")
        if not TOTP(self.totp).validate_code(code):
            raise forms.ValidationError(_("This code is not valid (or was already used)."))
        return code


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete_confirm(request):
    user = request.user
    refusal = account_deletion_refusal(user)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and not refusal:
        # Five password checks an hour per person (allauth counts POSTs only).
        if limited := consume_or_429(request, action="account_delete", user=user):
            return limited
        if form.is_valid():
            with domain_error_shown(request, form=form) as attempt:
                account_delete(user=user)
            if not attempt.failed:
                logout(request)
                return redirect("me:goodbye")
    context = {
        "form": form,
        "refusal": refusal,
        "last_admin_of": collectives_user_is_last_admin(user) if refusal else [],
        "two_factor": form.totp is not None,
    }
    return render(request, "me/delete_account.html", context)


@require_safe
def account_goodbye(request):
    return render(request, "me/delete_done.html")
