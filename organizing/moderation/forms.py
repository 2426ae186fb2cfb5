from django import forms
from django.utils.translation import gettext_lazy as _

from organizing.core.forms import HoneypotForm

from .models import ReportReason


class ReportForm(HoneypotForm):
    """What is wrong, in a few words. The honeypot (`fax_number`) is rendered visually hidden;
    a form with it filled in is answered like any other but never saved."""

    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything moderators should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def caught_a_bot(self) -> bool:
        return self.has_error("fax_number")
