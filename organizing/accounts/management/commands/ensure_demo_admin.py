"""Create the demo superuser of `make run` once; print how to log in every time."""

import os
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand

from organizing.accounts.models import User

DEMO_EMAIL = "admin@localhost"


class Command(BaseCommand):
    help = (
        "Create the demo superuser admin@localhost (password from DJANGO_SUPERUSER_PASSWORD, "
        "or generated once and kept in var/demo-admin-password)."
    )

    def handle(self, *args, **options):
        password = self._password()
        if not User.objects.filter(email=DEMO_EMAIL).exists():
            User.objects.create_superuser(DEMO_EMAIL, password, display_name="admin")
            self.stdout.write(self.style.SUCCESS("Demo admin created."))
        self._verify_address(User.objects.get(email=DEMO_EMAIL))
        self.stdout.write(f"Demo admin: log in at /admin/ as {DEMO_EMAIL} with password {password}")

    def _verify_address(self, user: User) -> None:
        """Its address counts as confirmed and primary: it has no mailbox, and login would
        otherwise stop at "Verify your email address" (the link only in the terminal)."""
        address, _created = EmailAddress.objects.get_or_create(
            user=user, email__iexact=user.email, defaults={"email": user.email}
        )
        if not (address.verified and address.primary):
            EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(
                primary=False
            )
            address.verified = True
            address.primary = True
            address.save(update_fields=["verified", "primary"])

    def _password(self) -> str:
        if password := os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            return password
        path = settings.VAR_DIR / "demo-admin-password"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(12) + "\n")
            path.chmod(0o600)
        return path.read_text().strip()
