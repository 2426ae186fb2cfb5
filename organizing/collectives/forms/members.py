"""Forms of member management: they validate and normalize; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MembershipRole


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send a link valid for seven days. Only admins see this address."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )

    def clean_email(self) -> str:
        # Accounts store addresses in lower case (UserManager), so compare and store alike.
        return self.cleaned_data["email"].strip().lower()


class RoleForm(forms.Form):
    """One per member row; `member_name` gives each select a label of its own (screen readers
    would otherwise hear thirty identical "Role" fields)."""

    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)

    def __init__(self, *args, member_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if member_name:
            self.fields["role"].label = _("Role of %(name)s") % {"name": member_name}


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the admins"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: who you are, why you want to join. Only the admins read it."),
    )

    def clean_message(self) -> str:
        return self.cleaned_data["message"].strip()
