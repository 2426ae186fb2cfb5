"""The collective's profile form: registration and later edits share the same validation."""

from django import forms
from django.conf.locale import LANG_INFO
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from organizing.core.forms import HoneypotForm
from organizing.core.models import Cause
from organizing.places.forms import CityField

from ..models import Collective, CollectiveKind
from ..names import name_skeleton

MAX_SOCIAL_LINKS = 6
LANGUAGE_CHOICES = sorted(
    (
        (code, info["name"])
        for code, info in LANG_INFO.items()
        if "name" in info and "-" not in code
    ),
    key=lambda choice: choice[1],
)


class CollectiveProfileForm(forms.Form):
    name = forms.CharField(
        label=_("Name of your collective"),
        max_length=160,
        help_text=_("As people know it. It must not be mistakable for another collective's."),
    )
    kind = forms.ChoiceField(label=_("What kind of group is it?"), choices=CollectiveKind.choices)
    city = CityField()
    causes = forms.ModelMultipleChoiceField(
        label=_("What do you campaign for?"),
        queryset=Cause.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pick at least one."),
        error_messages={"required": _("Pick at least one cause.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to pick several."),
    )
    description = forms.CharField(
        label=_("Short description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text: who you are, what you do. Shown on your public profile."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    social_links = forms.CharField(
        label=_("Social media links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One link per line, starting with https://"),
    )
    contact_email = forms.EmailField(
        label=_("Contact email (private)"),
        help_text=_("Never shown. Messages from your profile's contact form are sent here."),
    )
    open_to_partners = forms.BooleanField(
        label=_("Open to coalition partners"),
        required=False,
        initial=True,
        help_text=_("Other collectives may propose partnerships and coalitions to you."),
    )

    def __init__(self, *args, instance: Collective | None = None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        key = name_skeleton(name)
        if not key:
            raise forms.ValidationError(_("Please enter a name with letters or digits."))
        taken = Collective.objects.filter(name_key=key)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if conflict := taken.first():
            raise forms.ValidationError(
                _(
                    "This name is too close to “%(name)s”, an existing collective. Please choose "
                    "a name that cannot be mistaken for it."
                ),
                params={"name": conflict.name},
            )
        return name

    def clean_social_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["social_links"].splitlines()]
        links = [link for link in links if link]
        if len(links) > MAX_SOCIAL_LINKS:
            raise forms.ValidationError(
                _("At most %(count)s links, please."), params={"count": MAX_SOCIAL_LINKS}
            )
        validate = URLValidator(schemes=["https", "http"])
        for link in links:
            try:
                validate(link)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(link)s” is not a valid link."), params={"link": link}
                ) from None
        return links


def initial_from(collective: Collective) -> dict:
    """The edit form starts from what is stored."""
    return {
        "name": collective.name,
        "kind": collective.kind,
        "city": f"{collective.city}, {collective.country.name}" if collective.city else "",
        "causes": list(collective.causes.all()),
        "languages": collective.languages,
        "description": collective.description,
        "website": collective.website,
        "social_links": "\n".join(collective.social_links),
        "contact_email": collective.contact_email,
        "open_to_partners": collective.open_to_partners,
    }


class DeleteCollectiveForm(forms.Form):
    confirm_name = forms.CharField(
        label=_("Type the collective's name to confirm"),
        max_length=160,
    )

    def __init__(self, *args, collective: Collective, **kwargs):
        self.collective = collective
        super().__init__(*args, **kwargs)

    def clean_confirm_name(self) -> str:
        typed = self.cleaned_data["confirm_name"].strip()
        if typed != self.collective.name:
            raise forms.ValidationError(_("This is not the collective's name."))
        return typed


class ContactForm(HoneypotForm):
    name = forms.CharField(label=_("Your name"), max_length=80)
    email = forms.EmailField(label=_("Your email"))
    message = forms.CharField(
        label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )
    share_email = forms.BooleanField(
        label=_("Share my email address so they can reply"),
        required=False,
        help_text=_("If you leave this unticked, the collective will not see your address."),
    )
