"""The transactional outbox: every outgoing email is first a row written with the change, in
the caller's transaction, and sent afterwards (services.py, tasks.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organizing.core.models import TimeStampedModel


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # Never sent, on purpose: the data of the person it was for was erased first.
    CANCELLED = "cancelled", _("Cancelled")


class OutboxMessage(TimeStampedModel):
    to = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    # Blank once purged (services.outbox_purge_expired): the row stays as a record of a send.
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body_text = models.TextField(_("plain-text body"), blank=True)
    body_html = models.TextField(_("HTML body"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(
        _("last handed to the broker"),
        null=True,
        blank=True,
        help_text=_("The relay hands a pending row to the broker again once this is old."),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    headers = models.JSONField(
        _("extra headers"),
        default=dict,
        blank=True,
        help_text=_("Extra email headers, e.g. List-Unsubscribe for one-click unsubscribe."),
    )
    purged_at = models.DateTimeField(
        _("purged at"),
        null=True,
        blank=True,
        help_text=_(
            "When the recipient and the body were erased (retention, or the "
            "recipient's data being anonymized)."
        ),
    )
    concerns = models.CharField(
        _("concerns"),
        max_length=64,
        blank=True,
        help_text=_(
            "The record this email is about, as kind:id (e.g. rsvp:42), so that "
            "erasing that record's personal data erases its copies too."
        ),
    )

    class Meta:
        # Made by the `notifications` app (the package organizing/alerts), where this model
        # lived before the outbox became its own app: moved in state only, the rows stay.
        db_table = "notifications_outboxmessage"
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            # The relay: pending rows, oldest first.
            models.Index(fields=["status", "created_at"], name="outbox_status_created"),
            # Anonymizing a person: every copy of what was sent to their address.
            models.Index(fields=["to"], name="outbox_to"),
            # Retention purge: sent rows not purged yet, oldest first.
            models.Index(
                fields=["sent_at"],
                condition=models.Q(purged_at__isnull=True),
                name="outbox_unpurged_sent",
            ),
            # Erasing a record's personal data: the emails about it (outbox_purge_concerning).
            models.Index(
                fields=["concerns"], condition=~models.Q(concerns=""), name="outbox_concerns"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to} ({self.get_status_display()})"
