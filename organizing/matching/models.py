"""What a collective told us about suggestions: "not now" (dismissed) or "never" (blocked)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizing.collectives.models import Collective
from organizing.core.models import TimeStampedModel


class ExclusionKind(models.TextChoices):
    DISMISSED = "dismissed", _("Not now")
    BLOCKED = "blocked", _("Blocked")


class PartnerExclusion(TimeStampedModel):
    """`collective` does not want `other` suggested (dismissed, until `expires_at`) or never
    wants to deal with it (blocked: no suggestion, proposal or invitation either way)."""

    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="partner_exclusions",
        verbose_name=_("collective"),
    )
    other = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("other collective"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ExclusionKind.choices)
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("A dismissal is for a while; a block has no end (until it is lifted)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("partner exclusion")
        verbose_name_plural = _("partner exclusions")
        constraints = [
            models.UniqueConstraint(
                fields=["collective", "other"], name="partner_exclusion_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(collective=models.F("other")), name="partner_exclusion_not_itself"
            ),
        ]
        indexes = [
            # "Is either side blocking the other?": exclusions pointing at a collective.
            models.Index(fields=["other", "kind"], name="partner_exclusion_other"),
        ]

    def __str__(self) -> str:
        return f"{self.collective} ✕ {self.other} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("matching:partners", kwargs={"slug": self.collective.slug})
