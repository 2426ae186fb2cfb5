from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "organizing.accounts"
    # allauth's own app (email addresses) is "Accounts" in the admin: ours are the users.
    verbose_name = _("Users")

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from allauth.usersessions.models import UserSession
        from django.db.models.signals import pre_save

        from .sessions import minimize_session_record
        from .signals import record_second_factor_set_up

        authenticator_added.connect(
            record_second_factor_set_up, dispatch_uid="record_second_factor_set_up"
        )
        pre_save.connect(
            minimize_session_record, sender=UserSession, dispatch_uid="minimize_session_record"
        )
