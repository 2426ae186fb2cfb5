"""Forms of partnership proposals: they validate and normalize; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizing.collectives.models import Collective

from ..models import ProposalKind
from ..selectors.proposals import joinable_coalitions


class ProposalForm(forms.Form):
    """A new coalition (its name, draft points) or one of the proposer's coalitions to join.
    The coalition choice exists only when the proposer has a coalition the target may join."""

    kind = forms.ChoiceField(
        label=_("What do you propose?"),
        choices=ProposalKind.choices,
        initial=ProposalKind.NEW_COALITION,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to their admins"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who you are, what you would like to do together."),
    )
    coalition_name = forms.CharField(
        label=_("Name of the new coalition"),
        max_length=200,
        required=False,
        help_text=_("For a new coalition. You can discuss it before they accept."),
    )
    draft_points = forms.CharField(
        label=_("Draft points of unity"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "For a new coalition: the demands and principles you propose to agree on. "
            "Both collectives consent to them when the proposal is accepted."
        ),
    )
    coalition = forms.ModelChoiceField(
        label=_("Coalition to join"),
        queryset=None,
        required=False,
        empty_label=_("Choose a coalition"),
        help_text=_(
            "To join one of your coalitions: accepting means consenting to its current "
            "points of unity."
        ),
    )

    def __init__(self, *args, collective: Collective, target: Collective, **kwargs):
        super().__init__(*args, **kwargs)
        coalitions = joinable_coalitions(collective, target)
        if coalitions.exists():
            self.fields["coalition"].queryset = coalitions
        else:  # nothing to join: only "a new coalition" remains on offer
            del self.fields["coalition"]
            self.fields["kind"].choices = [
                (value, label)
                for value, label in ProposalKind.choices
                if value == ProposalKind.NEW_COALITION
            ]

    @property
    def offers_join(self) -> bool:
        return "coalition" in self.fields

    def clean_message(self) -> str:
        return self.cleaned_data["message"].strip()

    def clean_coalition_name(self) -> str:
        return " ".join(self.cleaned_data["coalition_name"].split())

    def clean_draft_points(self) -> str:
        return self.cleaned_data["draft_points"].strip()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ProposalKind.NEW_COALITION:
            if not cleaned.get("coalition_name") and "coalition_name" not in self.errors:
                self.add_error("coalition_name", _("Give the new coalition a name."))
            cleaned["coalition"] = None
        elif kind == ProposalKind.JOIN_COALITION:
            if not cleaned.get("coalition") and "coalition" not in self.errors:
                self.add_error("coalition", _("Choose the coalition to join."))
            cleaned["coalition_name"] = ""
            cleaned["draft_points"] = ""
        return cleaned


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
    )

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == "accept"
