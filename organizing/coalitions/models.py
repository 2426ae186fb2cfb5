"""Coalitions between collectives (a united front): members, points of unity, solidarity calls."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from organizing.collectives.models import Collective
from organizing.collectives.names import name_skeleton
from organizing.core.models import Cause, DerivedFieldsModel, SourcedModel, TimeStampedModel


class CoalitionStatus(models.TextChoices):
    FORMING = "forming", _("In the making")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class CoalitionQuerySet(models.QuerySet):
    def named_like(self, name: str):
        """Coalitions whose name is the same once case, accents and lookalike letters are set
        aside (so a second "Ceasefire Coalition" cannot pose as the first)."""
        return self.filter(name_key=name_skeleton(name))


class Coalition(SourcedModel, TimeStampedModel, DerivedFieldsModel):
    derived_fields = ("name_key",)

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_key = models.CharField(
        _("name key"),
        max_length=200,
        unique=True,
        editable=False,
        help_text=_("The name folded for lookalikes (case, accents, homoglyphs); unique."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    points_of_unity = models.TextField(
        _("points of unity"),
        blank=True,
        help_text=_("The demands and principles every member collective agrees to."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CoalitionStatus.choices,
        default=CoalitionStatus.FORMING,
    )
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    causes = models.ManyToManyField(
        Cause, related_name="coalitions", blank=True, verbose_name=_("causes")
    )
    members = models.ManyToManyField(
        Collective,
        through="CoalitionMembership",
        through_fields=("coalition", "collective"),
        related_name="coalitions",
        verbose_name=_("member collectives"),
    )
    unnamed_members_note = models.CharField(
        _("members not named"),
        max_length=300,
        blank=True,
        help_text=_("Who else takes part when the members are not listed individually."),
    )
    points_version = models.PositiveIntegerField(
        _("points of unity version"),
        default=0,
        help_text=_(
            "The current version of the points of unity (0: none written yet). "
            "`points_of_unity` holds its text; earlier texts are in PointsOfUnity."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    archived_at = models.DateTimeField(
        _("archived at"),
        null=True,
        blank=True,
        help_text=_("Set when the last active member left."),
    )
    hidden_at = models.DateTimeField(
        _("hidden by the moderators at"),
        null=True,
        blank=True,
        help_text=_("Set by a moderator's decision: out of every public page until restored."),
    )

    objects = CoalitionQuerySet.as_manager()

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

    def derive_fields(self) -> None:
        # Kept in step with `name` so the unique index catches lookalikes.
        self.name_key = name_skeleton(self.name)

    @property
    def is_archived(self) -> bool:
        return self.status == CoalitionStatus.ARCHIVED

    @property
    def is_forming(self) -> bool:
        return self.status == CoalitionStatus.FORMING


class PointsOfUnity(models.Model):
    """One version of a coalition's points of unity. Immutable: an edit writes a new version."""

    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="points_versions",
        verbose_name=_("coalition"),
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_for = models.ForeignKey(
        Collective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written for"),
        help_text=_("The member collective that proposed it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["coalition", "-version"]
        verbose_name = _("points of unity (version)")
        verbose_name_plural = _("points of unity (versions)")
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "version"], name="points_of_unity_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coalition} · v{self.version}"

    def get_absolute_url(self) -> str:
        return self.coalition.get_absolute_url()


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
        Coalition,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("coalition"),
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="coalition_memberships",
        verbose_name=_("collective"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CoalitionMembershipStatus.choices,
        default=CoalitionMembershipStatus.INVITED,
    )
    role = models.CharField(
        _("role"), max_length=12, choices=CoalitionRole.choices, default=CoalitionRole.MEMBER
    )
    message = models.TextField(
        _("message"),
        blank=True,
        help_text=_("Sent with the invitation or the request to join."),
    )
    invited_by = models.ForeignKey(
        Collective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
        help_text=_("The member collective that invited it."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested or invited by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted or declined by"),
    )
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    consented_version = models.PositiveIntegerField(
        _("consented to version"),
        null=True,
        blank=True,
        help_text=_("The version of the points of unity this collective's admin consented to."),
    )
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consented by"),
    )

    class Meta:
        ordering = ["collective__name"]
        verbose_name = _("coalition membership")
        verbose_name_plural = _("coalition memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "collective"], name="coalition_membership_unique"
            ),
        ]
        indexes = [
            # Collective profile: the coalitions a collective is an active member of.
            models.Index(fields=["collective", "status"], name="coalition_member_collective"),
            # Coalition page and consent counts: a coalition's members by status.
            models.Index(fields=["coalition", "status"], name="coalition_member_coalition"),
        ]

    def __str__(self) -> str:
        return f"{self.collective} in {self.coalition} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return self.coalition.get_absolute_url()

    @property
    def is_active(self) -> bool:
        return self.status == CoalitionMembershipStatus.ACTIVE

    @property
    def is_coordinator(self) -> bool:
        return self.role == CoalitionRole.COORDINATOR

    def has_consented_to(self, version: int) -> bool:
        return self.consented_version is not None and self.consented_version >= version


class SolidarityCall(TimeStampedModel):
    """A collective asking its coalition partners to turn out for one of its actions."""

    action = models.ForeignKey(
        "actions.Action",
        on_delete=models.CASCADE,
        related_name="solidarity_calls",
        verbose_name=_("action"),
    )
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="solidarity_calls",
        verbose_name=_("coalition"),
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="solidarity_calls",
        verbose_name=_("calling collective"),
    )
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("solidarity call")
        verbose_name_plural = _("solidarity calls")
        constraints = [
            models.UniqueConstraint(fields=["action", "coalition"], name="solidarity_call_unique"),
        ]
        indexes = [
            # Inbox: the calls of the coalitions a collective belongs to, newest first.
            models.Index(fields=["coalition", "-created_at"], name="solidarity_call_coalition"),
        ]

    def __str__(self) -> str:
        return f"{self.collective} → {self.coalition}: {self.action}"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()


class SolidarityPledge(TimeStampedModel):
    """A partner's answer to a solidarity call: how many people it will bring."""

    call = models.ForeignKey(
        SolidarityCall,
        on_delete=models.CASCADE,
        related_name="pledges",
        verbose_name=_("solidarity call"),
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="solidarity_pledges",
        verbose_name=_("collective"),
    )
    headcount = models.PositiveIntegerField(
        _("people pledged"),
        validators=[MaxValueValidator(1_000_000)],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    pledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("pledged by"),
    )

    class Meta:
        ordering = ["collective__name"]
        verbose_name = _("solidarity pledge")
        verbose_name_plural = _("solidarity pledges")
        constraints = [
            models.UniqueConstraint(fields=["call", "collective"], name="solidarity_pledge_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.collective}: {self.headcount}"

    def get_absolute_url(self) -> str:
        return self.call.action.get_absolute_url()
