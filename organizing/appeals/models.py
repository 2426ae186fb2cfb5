"""Joint appeals: statements that collectives sign, each signature standing for one text version.

The tables keep the names they had in `coalitions` (migration appeals 0001 moved the models
without touching the data)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizing.collectives.models import Collective
from organizing.core.models import Cause, SourcedModel, TimeStampedModel


class Appeal(SourcedModel, TimeStampedModel):
    """A joint statement that organizations sign."""

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    text = models.TextField(_("text"))
    demands = models.ManyToManyField(
        Cause, related_name="appeals", blank=True, verbose_name=_("demands")
    )
    initiator = models.ForeignKey(
        Collective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiated_appeals",
        verbose_name=_("initiating collective"),
    )
    opens_on = models.DateField(_("open for signatures from"), null=True, blank=True)
    closes_on = models.DateField(_("open for signatures until"), null=True, blank=True)
    date_note = models.CharField(
        _("date note"),
        max_length=200,
        blank=True,
        help_text=_("What is known of the dates when they are not exact."),
    )
    signatories = models.ManyToManyField(
        Collective,
        through="AppealSignature",
        related_name="signed_appeals",
        verbose_name=_("signatories"),
    )
    unnamed_signatory_count = models.PositiveIntegerField(
        _("unnamed signatories"),
        default=0,
        help_text=_("Organizations that signed but are not listed by name in the source."),
    )
    unnamed_signatory_note = models.CharField(
        _("note on unnamed signatories"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'about thirty organizations'."),
    )
    accepts_signatures = models.BooleanField(
        _("accepts signatures here"),
        default=True,
        help_text=_("Off for the record of a past appeal whose signatories come from a source."),
    )
    text_version = models.PositiveIntegerField(
        _("text version"),
        default=1,
        help_text=_(
            "Raised by every edit of the text after signatures exist; signers confirm "
            "the new version."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    hidden_at = models.DateTimeField(
        _("hidden by the moderators at"),
        null=True,
        blank=True,
        help_text=_("Set by a moderator's decision: out of every public page until restored."),
    )
    invited = models.ManyToManyField(
        Collective,
        through="AppealInvitation",
        related_name="appeal_invitations",
        verbose_name=_("invited collectives"),
    )

    class Meta:
        ordering = ["-opens_on", "title"]
        db_table = "coalitions_appeal"  # the name it had in coalitions
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__isnull=True)
                | models.Q(opens_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="appeal_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("appeals:detail", kwargs={"slug": self.slug})

    @property
    def listed_initiator(self) -> Collective | None:
        """The initiator as public pages name it: only while it is verified, so a suspended
        collective is named nowhere (the appeal stays, for its other signatories)."""
        initiator = self.initiator
        return initiator if initiator is not None and initiator.is_verified else None

    def is_open_on(self, day) -> bool:
        """Whether collectives may sign on `day` (a date, in the site's time zone)."""
        if not self.accepts_signatures:
            return False
        if self.opens_on is not None and day < self.opens_on:
            return False
        return self.closes_on is None or day <= self.closes_on


class AppealInvitation(TimeStampedModel):
    """The initiator inviting a collective to sign (signing stays open to any verified one)."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("appeal")
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("collective"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )

    class Meta:
        ordering = ["-created_at"]
        db_table = "coalitions_appealinvitation"  # the name it had in coalitions
        verbose_name = _("appeal invitation")
        verbose_name_plural = _("appeal invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "collective"], name="appeal_invitation_unique"
            ),
        ]
        indexes = [
            # Inbox: the appeals a collective was invited to sign.
            models.Index(fields=["collective", "-created_at"], name="appeal_invitation_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.collective} invited to sign {self.appeal}"

    def get_absolute_url(self) -> str:
        return self.appeal.get_absolute_url()


class AppealSignature(TimeStampedModel):
    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("appeal")
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="appeal_signatures",
        verbose_name=_("collective"),
    )
    signed_at = models.DateTimeField(
        _("signed at"),
        null=True,
        blank=True,
        help_text=_("Empty when the date of a recorded signature was not reported."),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    confirmed_version = models.PositiveIntegerField(
        _("confirmed text version"),
        default=1,
        help_text=_("The version of the appeal's text this signature stands behind."),
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn at"),
        null=True,
        blank=True,
        help_text=_("A withdrawn signature is kept (for the history) but no longer listed."),
    )

    class Meta:
        ordering = ["signed_at", "collective__name"]
        db_table = "coalitions_appealsignature"  # the name it had in coalitions
        verbose_name = _("appeal signature")
        verbose_name_plural = _("appeal signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "collective"], name="appeal_signature_unique"
            ),
        ]
        indexes = [
            # Roster, count and badge: an appeal's standing signatures.
            models.Index(fields=["appeal", "withdrawn_at"], name="appeal_signature_standing"),
        ]

    def __str__(self) -> str:
        return f"{self.collective} signed {self.appeal}"

    @property
    def is_standing(self) -> bool:
        return self.withdrawn_at is None

    def get_absolute_url(self) -> str:
        return self.appeal.get_absolute_url()
