"""Coalitions between collectives (a united front) and the joint appeals collectives sign."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from organizing.collectives.models import Collective
from organizing.core.models import Cause, SourcedModel, TimeStampedModel


class CoalitionStatus(models.TextChoices):
    FORMING = "forming", _("In the making")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class Coalition(SourcedModel, TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    points_of_unity = models.TextField(
        _("points of unity"),
        blank=True,
        help_text=_("The demands and principles every member collective agrees to."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CoalitionStatus.choices,
        default=CoalitionStatus.FORMING,
    )
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    causes = models.ManyToManyField(Cause, related_name="coalitions", blank=True,
                                    verbose_name=_("causes"))
    members = models.ManyToManyField(
        Collective, through="CoalitionMembership", related_name="coalitions",
        verbose_name=_("member collectives"),
    )
    unnamed_members_note = models.CharField(
        _("members not named"),
        max_length=300,
        blank=True,
        help_text=_("Who else takes part when the members are not listed individually."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        indexes = [
            # Coalition listings by country and status.
            models.Index(fields=["country", "status"], name="coalition_country_status"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coalitions:detail", kwargs={"slug": self.slug})


class CoalitionMembershipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REQUESTED = "requested", _("Requested to join")
    ACTIVE = "active", _("Active member")
    LEFT = "left", _("Left")


class CoalitionRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")


class CoalitionMembership(TimeStampedModel):
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("coalition"),
    )
    collective = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="coalition_memberships",
        verbose_name=_("collective"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CoalitionMembershipStatus.choices,
        default=CoalitionMembershipStatus.INVITED,
    )
    role = models.CharField(
        _("role"), max_length=12, choices=CoalitionRole.choices, default=CoalitionRole.MEMBER
    )

    class Meta:
        ordering = ["collective__name"]
        verbose_name = _("coalition membership")
        verbose_name_plural = _("coalition memberships")
        constraints = [
            models.UniqueConstraint(fields=["coalition", "collective"],
                                    name="coalition_membership_unique"),
        ]
        indexes = [
            # Collective profile: the coalitions a collective is an active member of.
            models.Index(fields=["collective", "status"], name="coalition_member_collective"),
        ]

    def __str__(self) -> str:
        return f"{self.collective} in {self.coalition} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return self.coalition.get_absolute_url()


class Appeal(SourcedModel, TimeStampedModel):
    """A joint statement that organizations sign."""

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    text = models.TextField(_("text"))
    demands = models.ManyToManyField(Cause, related_name="appeals", blank=True,
                                     verbose_name=_("demands"))
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
        _("date note"), max_length=200, blank=True,
        help_text=_("What is known of the dates when they are not exact."),
    )
    signatories = models.ManyToManyField(
        Collective, through="AppealSignature", related_name="signed_appeals",
        verbose_name=_("signatories"),
    )
    unnamed_signatory_count = models.PositiveIntegerField(
        _("unnamed signatories"),
        default=0,
        help_text=_("Organizations that signed but are not listed by name in the source."),
    )
    unnamed_signatory_note = models.CharField(
        _("note on unnamed signatories"), max_length=200, blank=True,
        help_text=_("E.g. 'about thirty organizations'."),
    )

    class Meta:
        ordering = ["-opens_on", "title"]
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
        return reverse("coalitions:appeal_detail", kwargs={"slug": self.slug})


class AppealSignature(TimeStampedModel):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="signatures",
                               verbose_name=_("appeal"))
    collective = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="appeal_signatures",
        verbose_name=_("collective"),
    )
    signed_at = models.DateTimeField(
        _("signed at"), null=True, blank=True,
        help_text=_("Empty when the date of a recorded signature was not reported."),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("signed by"),
    )

    class Meta:
        ordering = ["signed_at", "collective__name"]
        verbose_name = _("appeal signature")
        verbose_name_plural = _("appeal signatures")
        constraints = [
            models.UniqueConstraint(fields=["appeal", "collective"],
                                    name="appeal_signature_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.collective} signed {self.appeal}"

    def get_absolute_url(self) -> str:
        return self.appeal.get_absolute_url()
