"""Form pieces shared by public forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotForm(forms.Form):
    """Adds a field people never see (hidden by CSS, `#div_id_fax_number`); bots fill it in.

    Its field is moved after the subclass's own fields, out of the way of keyboard users.
    """

    fax_number = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fax_number"] = self.fields.pop("fax_number")

    def clean_fax_number(self) -> str:
        if self.cleaned_data["fax_number"]:
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""
