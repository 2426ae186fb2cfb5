"""RSVP and announcement forms: they validate and normalize; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizing.core.forms import HoneypotForm


class RsvpForm(HoneypotForm):
    """With an account, the name is optional (the display name) and the address is the
    account's; without one, a name or nickname and an address to confirm."""

    name = forms.CharField(
        label=_("Name or nickname"),
        max_length=80,
        help_text=_("Only the hosts see it."),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("We send a link to confirm. Only the hosts see your address."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del self.fields["email"]
            self.fields["name"].required = False
            self.fields["name"].initial = user.display_name
            self.fields["name"].help_text = _("Leave empty to use your display name.")

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class AnnouncementForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Sent by email to the confirmed participants only."),
    )

    def clean_subject(self) -> str:
        return " ".join(self.cleaned_data["subject"].split())

    def clean_body(self) -> str:
        return self.cleaned_data["body"].strip()
