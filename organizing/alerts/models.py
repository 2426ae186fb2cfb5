"""The action alerts (saved searches with a daily digest) and the follows of collectives and
coalitions (an email for each action they publish)."""

from django.conf import settings
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


class Follow(TimeStampedModel):
    """Someone follows a collective or a coalition: one email each time it publishes an
    action. With an account (active at once), or with an address proven by a confirm link,
    as action alerts are. Nobody sees who follows: its admins see a count."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("account"),
        help_text=_("The follower's account; empty for a follow by email address."),
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("Lower-cased; proven by the confirm link. Empty for a follow by account."),
    )
    collective = models.ForeignKey(
        "collectives.Collective",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("collective"),
    )
    coalition = models.ForeignKey(
        "coalitions.Coalition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("coalition"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        help_text=_("The follower's language when following; the emails are written in it."),
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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                name="follow_exactly_one_target",
                condition=(
                    models.Q(collective__isnull=False, coalition__isnull=True)
                    | models.Q(collective__isnull=True, coalition__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="follow_exactly_one_follower",
                condition=(
                    models.Q(user__isnull=False, email="")
                    | (models.Q(user__isnull=True) & ~models.Q(email=""))
                ),
            ),
            # One follow per follower and target: following again finds it (follow_subscribe,
            # follow_for_user). The account pairs also serve "does this user follow it?" (the
            # button), the address pairs the count of confirm links sent to an address.
            models.UniqueConstraint(
                fields=["user", "collective"],
                condition=models.Q(user__isnull=False, collective__isnull=False),
                name="follow_unique_user_collective",
            ),
            models.UniqueConstraint(
                fields=["user", "coalition"],
                condition=models.Q(user__isnull=False, coalition__isnull=False),
                name="follow_unique_user_coalition",
            ),
            models.UniqueConstraint(
                fields=["email", "collective"],
                condition=models.Q(user__isnull=True, collective__isnull=False),
                name="follow_unique_email_collective",
            ),
            models.UniqueConstraint(
                fields=["email", "coalition"],
                condition=models.Q(user__isnull=True, coalition__isnull=False),
                name="follow_unique_email_coalition",
            ),
        ]
        indexes = [
            # The fan-out and the admins' count: the active follows of a collective
            # (selectors.follow_recipients, selectors.follower_count).
            models.Index(fields=["collective", "status"], name="follow_collective_status"),
            # The same for a coalition.
            models.Index(fields=["coalition", "status"], name="follow_coalition_status"),
            # The daily purge: unconfirmed and unsubscribed follows by age
            # (services.follow_purge_stale).
            models.Index(fields=["status", "updated_at"], name="follow_status_updated"),
        ]

    def __str__(self) -> str:
        # Never the address: this string shows in logs and the admin's history.
        return f"follow {self.pk} of {self.target}"

    def get_absolute_url(self) -> str:
        return reverse("notifications:follow_confirm", kwargs={"token": self.token})

    @property
    def target(self):
        return self.collective or self.coalition

    @property
    def address(self) -> str:
        """Where the emails go: the account's address, or the confirmed one."""
        return self.user.email if self.user_id else self.email

    @property
    def is_active(self) -> bool:
        return self.status == AlertStatus.ACTIVE

    @property
    def is_unsubscribed(self) -> bool:
        return self.status == AlertStatus.UNSUBSCRIBED


class FollowNotice(models.Model):
    """One follow email about one action, written in the transaction of its outbox row: a
    fan-out run again (a retry, a second publish signal) finds it and sends nothing twice."""

    follow = models.ForeignKey(
        Follow, on_delete=models.CASCADE, related_name="notices", verbose_name=_("follow")
    )
    action = models.ForeignKey(
        "actions.Action",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("action"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow email")
        verbose_name_plural = _("follow emails")
        constraints = [
            # Leading with the action, it also serves "who already got this action?"
            # (services.follow_notices_send).
            models.UniqueConstraint(fields=["action", "follow"], name="follownotice_unique"),
        ]

    def __str__(self) -> str:
        return f"notice {self.pk}"
