"""Forms of the coalition pages: acting for a collective, points of unity, invitations,
requests to join, leaving, solidarity calls and pledges, and the posting page's form (an
action, posted for a coalition or not). They validate; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizing.actions.forms.posting import ActionCreateForm
from organizing.collectives.models import Collective

from .access import collective_may_post_for
from .models import Coalition, CoalitionMembership
from .selectors import coalitions_to_post_for
from .services.solidarity import MAX_HEADCOUNT


class ActingForm(forms.Form):
    """A form done *for a collective*: `collectives` are the user's eligible ones; with only
    one, the choice is a hidden input."""

    collective = forms.TypedChoiceField(label=_("For the collective"), coerce=int)

    def __init__(self, *args, collectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.collectives = {collective.pk: collective for collective in collectives}
        field = self.fields["collective"]
        field.choices = [(collective.pk, collective.name) for collective in collectives]
        if len(self.collectives) == 1:
            field.widget = forms.HiddenInput()
            self.initial.setdefault("collective", next(iter(self.collectives)))

    def clean_collective(self) -> Collective:
        return self.collectives[self.cleaned_data["collective"]]


class PointsForm(ActingForm):
    text = forms.CharField(
        label=_("Points of unity"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Saving opens a new version: every other member collective is asked to "
            "consent to it again."
        ),
    )


class CollectiveSearchForm(forms.Form):
    """The search (GET) above an invitation form: which collectives it lists to choose from."""

    q = forms.CharField(
        label=_("Find a collective by name"),
        required=False,
        max_length=100,
        widget=forms.SearchInput,
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    @property
    def text(self) -> str:
        """The search typed, normalized; empty when there is none or it is invalid."""
        return self.cleaned_data["q"] if self.is_valid() else ""


def collective_choice_label(collective: Collective) -> str:
    """ "Name — City, Country · Kind", for a collective offered as a choice."""
    place = collective.local_place
    values = {"name": collective.name, "place": place, "kind": collective.get_kind_display()}
    if place:
        return _("%(name)s — %(place)s · %(kind)s") % values
    return _("%(name)s · %(kind)s") % values


def offer_only(field: forms.ModelChoiceField, collectives: list[Collective]) -> None:
    """Lists only `collectives` as the field's choices while its queryset (every invitable
    collective) still validates what is sent."""
    field.widget.choices = [(c.pk, collective_choice_label(c)) for c in collectives]


class InviteForm(ActingForm):
    """`invitable`: every collective that may be invited (what validates); `shown`: the ones
    listed to choose from (see selectors.invite_choices)."""

    invited = forms.ModelChoiceField(
        label=_("Collective to invite"),
        queryset=Collective.objects.none(),
        widget=forms.RadioSelect,
        help_text=_("Verified collectives that are not members yet. Its admins accept or decline."),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    field_order = ["collective", "invited", "message"]

    def __init__(self, *args, invitable, shown: list[Collective], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = invitable
        offer_only(self.fields["invited"], shown)
        self.fields["collective"].label = _("Inviting collective")


class JoinForm(ActingForm):
    message = forms.CharField(
        label=_("Message to the coordinators"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who you are and why you want to join."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective"].label = _("Collective asking to join")


class LeaveForm(ActingForm):
    confirm = forms.BooleanField(
        label=_("Yes, my collective leaves this coalition"),
        required=True,
    )


class SolidarityCallForm(forms.Form):
    membership = forms.ModelChoiceField(
        label=_("Coalition to call"),
        queryset=CoalitionMembership.objects.none(),
        empty_label=None,
        help_text=_(
            "The other member collectives' admins are asked how many people they will bring."
        ),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        field.queryset = memberships
        field.label_from_instance = lambda m: (
            _("%(coalition)s (as %(collective)s)")
            % {"coalition": m.coalition.name, "collective": m.collective.name}
        )


class PledgeForm(ActingForm):
    headcount = forms.IntegerField(
        label=_("People you will bring"),
        min_value=0,
        max_value=MAX_HEADCOUNT,
        help_text=_("Change it at any time; 0 withdraws your pledge."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective"].label = _("Pledging collective")


class ActionPostingForm(ActionCreateForm):
    """The posting page's form (/actions/new/): actions' own (the action, its hosting
    collective, "save as draft") and the coalition it may be posted for, among the active ones
    of which one of `collectives` is an active member."""

    coalition = forms.ModelChoiceField(
        label=_("Post for a coalition"),
        queryset=Coalition.objects.none(),
        required=False,
        empty_label=_("No: for the hosting collective only"),
        help_text=_(
            "A coalition your collective is an active member of. Its members that "
            "consent to the current points of unity are invited to co-host this "
            "action, and listed once their admins accept. They see the attendees "
            "only if you grant it, co-host by co-host."
        ),
    )

    field_order = ["collective", "coalition"]

    def __init__(self, *args, collectives, **kwargs):
        super().__init__(*args, collectives=collectives, **kwargs)
        self.fields["coalition"].queryset = coalitions_to_post_for(collectives)

    def clean(self):
        data = super().clean()
        coalition, collective = data.get("coalition"), data.get("collective")
        if coalition and collective and not collective_may_post_for(collective, coalition):
            self.add_error(
                "coalition", _("The hosting collective is not an active member of this coalition.")
            )
        return data
