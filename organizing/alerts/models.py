"""The action alerts (saved searches with a daily digest)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizing.core.models import TimeStampedModel


class AlertStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for the email confirmation")
    ACTIVE = "active", _("Active")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class ActionAlert(TimeStampedModel):
    """A saved search ("within 25 km of Montréal, about a ceasefire") that emails a daily
    digest of newly published matching actions to an address proven by a confirm link."""

    email = models.EmailField(_("email"), help_text=_("Lower-cased; proven by the confirm link."))
    city = models.ForeignKey(
        "places.City",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("city"),
        help_text=_("The city the search is around (a label may name several cities)."),
    )
    query = models.CharField(
        _("search"),
        max_length=2000,
        help_text=_(
            "The browse search as query parameters (place=...&radius=...), the city "
            "written in English so that it finds the same city again; never a "
            "position."
        ),
    )
    description = models.CharField(
        _("description"),
        max_length=500,
        help_text=_("The search in words, in the subscriber's language, for emails and pages."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        help_text=_("The visitor's language at sign-up; the emails are written in it."),
    )
    token = models.CharField(
        _("token"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("Secret of the confirm and unsubscribe links; never guessable."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AlertStatus.choices,
        default=AlertStatus.UNCONFIRMED,
    )
    confirmation_sent_at = models.DateTimeField(
        _("confirmation sent at"),
        null=True,
        blank=True,
        help_text=_("When the last confirm link was emailed (limits how often it is sent)."),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    new_since = models.DateTimeField(
        _("new since"),
        null=True,
        blank=True,
        help_text=_(
            "The watermark: actions published after it are new to this alert. Set at "
            "confirmation, moved forward with each digest."
        ),
    )
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("action alert")
        verbose_name_plural = _("action alerts")
        constraints = [
            # One alert per address and search: subscribing again finds it (alert_subscribe).
            # Leading with email, it also serves the count of confirmations sent to an address.
            models.UniqueConstraint(
                fields=["email", "city", "query"], name="alert_unique_email_search"
            ),
        ]
        indexes = [
            # The daily digest: active alerts (tasks.alerts_send_digests, in id order).
            models.Index(fields=["status", "id"], name="alert_status_id"),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.description}"

    def get_absolute_url(self) -> str:
        return reverse("notifications:alert_confirm", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.status == AlertStatus.ACTIVE

    @property
    def is_unsubscribed(self) -> bool:
        return self.status == AlertStatus.UNSUBSCRIBED

    @property
    def browse_path(self) -> str:
        """The browse page showing this search."""
        return f"{reverse('actions:browse')}?{self.query}"
