"""Account forms: sign-up with a honeypot field."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _


class VisuallyHiddenBoundField(BoundField):
    """The field's whole block (label and input) hidden from sight, not from screen readers,
    which read its label: "leave this field empty"."""

    def css_classes(self, extra_classes=None):
        return super().css_classes(extra_classes=f"{extra_classes or ''} visually-hidden".strip())


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form (settings: ACCOUNT_FORMS["signup"]) plus a honeypot: a field
    people never see nor reach with the keyboard, which bots filling every field fill in.

    A filled honeypot fails quietly: the form answers with an error that does not say why,
    and no account is created."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        bound_field_class=VisuallyHiddenBoundField,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("We could not create your account. Please try again later."),
                code="refused",
            )
        return cleaned_data
