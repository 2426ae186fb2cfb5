"""Account writes: approving sign-ups that waited for a moderator (registration in approval
mode, see organizing/moderation/registration.py)."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from organizing.core.links import site_url
from organizing.moderation.models import DecisionVerb
from organizing.moderation.services.decisions import ModerationError, decision_record
from organizing.outbox.services import outbox_enqueue_template

from .models import User


def user_is_awaiting_approval(user: User) -> bool:
    """Inactive without a suspension: signed up while registration required approval."""
    return not user.is_active and user.suspended_at is None


@transaction.atomic
def signup_approve(*, user: User, moderator: User) -> User:
    """Activate an account created while registration required approval; its owner is told."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user_is_awaiting_approval(user):
        raise ModerationError(_("This account is not waiting for approval."))
    user.is_active = True
    user.save(update_fields=["is_active"])
    decision_record(verb=DecisionVerb.SIGNUP_APPROVED, moderator=moderator, target=user)
    outbox_enqueue_template(
        to=user.email,
        template="signup_approved",
        context={"user": user, "login_url": site_url(reverse("account_login"))},
    )
    return user
