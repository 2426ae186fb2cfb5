"""The transactional outbox: every outgoing email is first a row written with the change."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organizing.core.models import TimeStampedModel


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxMessage(TimeStampedModel):
    to = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("plain-text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(
        _("last handed to the broker"), null=True, blank=True,
        help_text=_("The relay hands a pending row to the broker again once this is old."),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            # The relay: pending rows, oldest first.
            models.Index(fields=["status", "created_at"], name="outbox_status_created"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to} ({self.get_status_display()})"
