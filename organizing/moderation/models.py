"""Reports from the public about actions and collectives. Moderators decide in the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    FAKE = "fake", _("Fake or provocation")
    HARASSMENT = "harassment", _("Harassment")
    DOXXING = "doxxing", _("Private information (doxxing)")
    INCITEMENT = "incitement", _("Incitement to violence")
    IMPERSONATION = "impersonation", _("Impersonation")
    OTHER = "other", _("Other")


class ReportTarget(models.TextChoices):
    ACTION = "action", _("Action")
    COLLECTIVE = "collective", _("Collective")


class Report(models.Model):
    """One person's report. The target is named by kind and slug, so a report outlives edits."""

    target_kind = models.CharField(_("what"), max_length=12, choices=ReportTarget.choices)
    target_slug = models.SlugField(_("which"), max_length=160)
    reason = models.CharField(_("reason"), max_length=16, choices=ReportReason.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reporter"),
        help_text=_("Empty for reports without an account. Never shown to anyone else."),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            # Moderators group the reports about one target.
            models.Index(fields=["target_kind", "target_slug"], name="report_target"),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_kind_display()} {self.target_slug}: {self.get_reason_display()}"
