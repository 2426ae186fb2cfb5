"""The vouch form: which of your verified collectives vouches, and how it knows the other."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Collective


class VouchForm(forms.Form):
    voucher = forms.ModelChoiceField(
        label=_("Vouch as"),
        queryset=Collective.objects.none(),
        empty_label=None,
        to_field_name="slug",
        help_text=_("A verified collective you are an admin of."),
    )
    statement = forms.CharField(
        label=_("How does your collective know them?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One or two sentences, for the moderators only: they are never shown to "
            "anyone else, the other collective included."
        ),
    )

    def __init__(self, *args, vouchers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voucher"].queryset = vouchers

    def clean_statement(self) -> str:
        statement = " ".join(self.cleaned_data["statement"].split())
        if not statement:
            raise forms.ValidationError(_("Write how your collective knows them."))
        return statement
