"""People who use Convergence. Email is the login; there is no username."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email: str):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(
        _("email address"),
        unique=True,
        help_text=_("Used to log in. Never shown to other users."),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("A name or nickname other members see. It need not be your legal name."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    suspended_at = models.DateTimeField(
        _("suspended at"),
        null=True,
        blank=True,
        help_text=_("Set by a moderator: the account cannot log in or post (is_active is off)."),
    )
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Can log into the admin site.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    public_id = models.UUIDField(
        _("public id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Names the person in report links; random, so it reveals nothing."),
    )

    language = models.CharField(
        _("preferred language"),
        max_length=10,
        blank=True,
        help_text=_("The language of the emails sent to this person; blank: the site's default."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_(
            "An IANA zone (Europe/Berlin): times are also shown in it where an action's own "
            "zone differs; blank: only the action's zone."
        ),
    )
    calendar_token = models.CharField(
        _("calendar token"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Secret of the person's private calendar feed; regenerating it revokes the old "
            "link. Null: no feed."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        indexes = [
            # Registration mode: sign-ups in the last hour (moderation/registration.py).
            models.Index(fields=["date_joined"], name="user_date_joined"),
        ]

    def __str__(self) -> str:
        # Never derived from the email address: people face doxxing.
        return self.display_name or gettext("Member without a display name")

    def get_short_name(self) -> str:
        return str(self)

    def get_full_name(self) -> str:
        return self.display_name

    @property
    def is_awaiting_approval(self) -> bool:
        """Inactive without a suspension: signed up while registration required a moderator's
        approval (organizing/moderation/registration.py)."""
        return not self.is_active and self.suspended_at is None


class NotificationKind(models.TextChoices):
    """The emails a person can tune (accounts/notifications.py sends them)."""

    JOIN_REQUESTS = "join_requests", _("Join requests to my collectives")
    PROPOSALS = "proposals", _("Partnership proposals and coalition invitations")
    SOLIDARITY_CALLS = "solidarity_calls", _("Solidarity calls from my coalitions")
    MODERATION_DECISIONS = "moderation_decisions", _("Moderation decisions")
    NEW_RSVPS = "new_rsvps", _("New RSVPs to actions I host")


class NotificationDelivery(models.TextChoices):
    EACH = "each", _("An email each time")
    DIGEST = "digest", _("A daily digest")
    OFF = "off", _("Off")


class NotificationPreference(models.Model):
    """How one person wants one kind of email. No row: the kind's default
    (accounts/notifications.py DEFAULT_DELIVERY)."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    delivery = models.CharField(_("delivery"), max_length=8, choices=NotificationDelivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            # One choice per person and kind; also serves the lookup before each email.
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_delivery_display()}"


class DigestItem(models.Model):
    """One email held for a person's daily digest (delivery "digest"): the digest task sends
    the items of a person in one email and deletes them."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="digest_items", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    concerns = models.CharField(
        _("concerns"),
        max_length=64,
        blank=True,
        help_text=_('The record the item is about ("rsvp:42"): erasing it erases this item.'),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("digest item")
        verbose_name_plural = _("digest items")
        indexes = [
            # The daily digest: the items of one person in order (notifications_send_digests).
            models.Index(fields=["user", "created_at"], name="digest_item_user_created"),
            # Erasing what concerns a record (digest_items_purge_concerning).
            models.Index(fields=["concerns"], name="digest_item_concerns"),
        ]

    def __str__(self) -> str:
        return self.subject
