"""Forms of joint appeals: drafting and editing, acting for a collective (sign, withdraw,
confirm), inviting. They validate and normalize; the services in services/appeals.py write."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from organizing.coalitions.forms import offer_only
from organizing.collectives.models import Collective
from organizing.core.models import Cause

from .models import Appeal


class AppealForm(forms.Form):
    """Drafting (with `initiators`: the collectives the user may draft for) or editing."""

    initiator = forms.ModelChoiceField(
        label=_("Initiating collective"),
        queryset=Collective.objects.none(),
        help_text=_("The appeal is published in its name, and it signs it first."),
    )
    title = forms.CharField(label=_("Title"), max_length=250)
    text = forms.CharField(
        label=_("Text of the appeal"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Plain text. Once other collectives have signed, changing it asks them to "
            "confirm the new version."
        ),
    )
    demands = forms.ModelMultipleChoiceField(
        label=_("Demands"),
        queryset=Cause.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_on = forms.DateField(
        label=_("Open for signatures from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to open it at once."),
    )
    closes_on = forms.DateField(
        label=_("Open for signatures until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Included. Leave empty to keep it open."),
    )

    def __init__(self, *args, initiators: QuerySet[Collective] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if initiators is None:
            del self.fields["initiator"]
        else:
            self.fields["initiator"].queryset = initiators
            if initiators.count() == 1:
                self.fields["initiator"].initial = initiators.first()

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The appeal cannot close before it opens."))
        return data


def appeal_initial(appeal: Appeal) -> dict:
    return {
        "title": appeal.title,
        "text": appeal.text,
        "demands": list(appeal.demands.all()),
        "opens_on": appeal.opens_on,
        "closes_on": appeal.closes_on,
    }


class ActingCollectiveForm(forms.Form):
    """Which of the user's collectives a sign, withdraw or confirm button acts for: a select
    when there are several, a hidden input when there is one."""

    collective = forms.TypedChoiceField(label=_("For the collective"), coerce=int)

    def __init__(self, *args, collectives: list[Collective], label=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["collective"]
        field.choices = [(collective.pk, collective.name) for collective in collectives]
        if label:
            field.label = label
        if len(collectives) == 1:
            field.widget = forms.HiddenInput()
            field.initial = collectives[0].pk


class AppealInviteForm(forms.Form):
    """`queryset`: every collective that may be invited (what validates); `shown`: the ones
    listed to choose from (see selectors.invite_choices)."""

    collectives = forms.ModelMultipleChoiceField(
        label=_("Collectives to invite"),
        queryset=Collective.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Verified collectives not yet invited; choose one or several. We email their admins."
        ),
    )

    def __init__(self, *args, queryset: QuerySet[Collective], shown: list[Collective], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collectives"].queryset = queryset
        offer_only(self.fields["collectives"], shown)
