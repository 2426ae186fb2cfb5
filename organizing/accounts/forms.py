"""Account forms: sign-up with a display name and a honeypot field."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _


class VisuallyHiddenBoundField(BoundField):
    """The field's whole block (label and input) hidden from sight, not from screen readers,
    which read its label: "leave this field empty"."""

    def css_classes(self, extra_classes=None):
        return super().css_classes(extra_classes=f"{extra_classes or ''} visually-hidden".strip())


def display_name_field(**kwargs) -> forms.CharField:
    """The display name as people type it, at sign-up and in their settings (me/forms.py)."""
    return forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_(
            "The name or nickname other members see. It need not be your legal name, and "
            "your email address is never shown."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        **kwargs,
    )


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form (settings: ACCOUNT_FORMS["signup"]) plus the display name
    (required: without it the app could only say "Member without a display name") and a
    honeypot: a field people never see nor reach with the keyboard, which bots filling every
    field fill in.

    A filled honeypot fails quietly: the form answers with an error that does not say why,
    and no account is created."""

    display_name = display_name_field()

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        bound_field_class=VisuallyHiddenBoundField,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = ["email", "display_name", "password1", "password2", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please give a name or nickname."), code="required")
        return name

    def custom_signup(self, request, user) -> None:
        """allauth's hook, once the account is saved: the name it was given."""
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])
        super().custom_signup(request, user)

    def clean(self):
        cleaned_data = super().clean()
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("We could not create your account. Please try again later."),
                code="refused",
            )
        return cleaned_data
