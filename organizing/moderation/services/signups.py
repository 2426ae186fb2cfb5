"""Sign-ups that waited for a moderator (registration in approval mode, see
organizing/moderation/registration.py)."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from organizing.accounts.models import User
from organizing.core.links import site_url
from organizing.outbox.services import outbox_enqueue_template

from ..models import DecisionVerb
from .decisions import ModerationError, decision_record


@transaction.atomic
def signup_approve(*, user: User, moderator: User) -> User:
    """Activate an account created while registration required approval; its owner is told."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_awaiting_approval:
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
