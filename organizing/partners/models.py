"""Partners: what a collective told us about suggestions ("not now", dismissed, or "never",
blocked) and the partnership proposals collectives send each other.

The app keeps the label `matching` (its tables and migration history from earlier releases);
`PartnershipProposal` keeps the table it had in `coalitions`."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizing.coalitions.models import Coalition
from organizing.collectives.models import Collective, ExclusionKind
from organizing.core.models import TimeStampedModel


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

        return reverse("partners:partners", kwargs={"slug": self.collective.slug})


class ProposalKind(models.TextChoices):
    NEW_COALITION = "new_coalition", _("Form a new coalition")
    JOIN_COALITION = "join_coalition", _("Join our coalition")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PartnershipProposal(TimeStampedModel):
    """One collective proposing to another to form a coalition, or to join one of its own."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    from_collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="proposals_sent",
        verbose_name=_("from"),
    )
    to_collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="proposals_received",
        verbose_name=_("to"),
    )
    kind = models.CharField(
        _("proposal"),
        max_length=16,
        choices=ProposalKind.choices,
        default=ProposalKind.NEW_COALITION,
    )
    message = models.TextField(_("message"))
    coalition_name = models.CharField(
        _("name of the new coalition"),
        max_length=200,
        blank=True,
    )
    draft_points = models.TextField(
        _("draft points of unity"),
        blank=True,
        help_text=_("The demands and principles you propose to agree on."),
    )
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("coalition"),
        help_text=_("The coalition to join; for a new coalition, the one formed on acceptance."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        db_table = "coalitions_partnershipproposal"  # the name it had in coalitions
        verbose_name = _("partnership proposal")
        verbose_name_plural = _("partnership proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["from_collective", "to_collective"],
                condition=models.Q(status="pending"),
                name="proposal_one_pending_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_collective=models.F("to_collective")),
                name="proposal_not_to_itself",
            ),
        ]
        indexes = [
            # Inbox: proposals a collective received, by status, newest first.
            models.Index(fields=["to_collective", "status", "-created_at"], name="proposal_inbox"),
            # Inbox "sent" list and the partners page's pending marks.
            models.Index(fields=["from_collective", "status"], name="proposal_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.from_collective} → {self.to_collective} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("partners:proposal_detail", kwargs={"public_id": self.public_id})

    @property
    def is_pending(self) -> bool:
        """Waiting for an answer."""
        return self.status == ProposalStatus.PENDING
