"""The allauth adapter with the registration mode: in approval mode new accounts wait for a
moderator (registration.py), who approves them from the users' admin (services/signups.py).

It extends accounts' adapter (outbox, disposable addresses, rate limits), which stands below
moderation and so cannot ask the registration mode itself: ACCOUNT_ADAPTER names this one."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.db import transaction
from django.utils.translation import gettext as _

from organizing.accounts.adapter import AccountAdapter

from .registration import registration_admit


class ModeratedAccountAdapter(AccountAdapter):
    def save_user(self, request, user, form, commit: bool = True):
        """The registration mode decides whether the new account is active at once; the check
        and the save share one transaction, so that concurrent sign-ups are counted."""
        user = super().save_user(request, user, form, commit=False)
        with transaction.atomic():
            user.is_active = registration_admit()
            if commit:
                user.save()
        return user

    def pre_login(self, request, user, **kwargs):
        if kwargs.get("signup") and user.is_awaiting_approval:
            # The address is confirmed while the account waits, so that approving it is enough.
            address = EmailAddress.objects.filter(user=user, verified=False).first()
            if address is not None:
                address.send_confirmation(request, signup=True)
        return super().pre_login(request, user, **kwargs)

    def respond_user_inactive(self, request, user):
        if user.is_awaiting_approval:
            messages.info(
                request,
                _(
                    "Thank you for signing up. New accounts currently wait for a moderator's "
                    "approval: we will email you as soon as yours is approved. Meanwhile, "
                    "please confirm your email address with the link we sent you."
                ),
            )
        return super().respond_user_inactive(request, user)
