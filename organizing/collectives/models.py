"""Collectives (the local groups and organizations that act together) and their members."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from organizing.core.choices import PlacePrecision
from organizing.core.models import Cause, DerivedFieldsModel, SourcedModel, TimeStampedModel
from organizing.places.models import CityNamesMixin

from .names import name_skeleton


class CollectiveKind(models.TextChoices):
    LOCAL_COLLECTIVE = "local_collective", _("Local mobilization collective")
    TRADE_UNION = "trade_union", _("Trade union")
    STUDENT_GROUP = "student_group", _("Student or school-student group")
    JEWISH_ORGANIZATION = "jewish_organization", _("Jewish organization")
    DIASPORA_ASSOCIATION = (
        "diaspora_association",
        _("Palestinian community or diaspora association"),
    )
    ANTI_RACIST = "anti_racist", _("Anti-racist association")
    FEMINIST = "feminist", _("Feminist association")
    LGBT = "lgbt", _("LGBT+ group")
    PEACE = "peace", _("Peace organization")
    HUMAN_RIGHTS = "human_rights", _("Human-rights organization")
    POLITICAL = "political", _("Political organization")
    NETWORK = "network", _("Social-movement coalition or network")
    WORKERS_DIRECT_ACTION = "workers_direct_action", _("Workers' direct-action network")


class CollectiveStatus(models.TextChoices):
    PENDING = "pending", _("Pending verification")
    VERIFIED = "verified", _("Verified")
    SUSPENDED = "suspended", _("Suspended")


class CollectiveQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=CollectiveStatus.VERIFIED)


latitude_validators = [MinValueValidator(-90), MaxValueValidator(90)]
longitude_validators = [MinValueValidator(-180), MaxValueValidator(180)]


class Collective(CityNamesMixin, SourcedModel, TimeStampedModel, DerivedFieldsModel):
    derived_fields = ("name_key",)

    name = models.CharField(_("name"), max_length=160)
    name_key = models.CharField(
        _("name key"),
        max_length=160,
        unique=True,
        editable=False,
        blank=True,
        help_text=_("The name folded for lookalikes (case, accents, homoglyphs); unique."),
    )
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=CollectiveKind.choices)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the collective is and what it does.")
    )
    city = models.CharField(
        _("city"), max_length=200, blank=True, help_text=_("Taken from the gazetteer.")
    )
    region_code = models.CharField(
        _("region code"),
        max_length=20,
        blank=True,
        help_text=_("GeoNames first-level administrative code of the city (state, province)."),
    )
    country = CountryField(_("country"), blank=True)
    place_precision = models.CharField(
        _("place precision"),
        max_length=10,
        choices=PlacePrecision.choices,
        default=PlacePrecision.CITY,
        help_text=_("How precisely the collective's location is known."),
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=latitude_validators
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=longitude_validators
    )
    causes = models.ManyToManyField(
        Cause, related_name="collectives", blank=True, verbose_name=_("causes")
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Languages the collective works in, as language codes (e.g. en, fr, ar)."),
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    social_links = models.JSONField(
        _("social links"), default=list, blank=True, help_text=_("Public social media URLs.")
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("Private: never shown publicly. Messages from the contact form go here."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CollectiveStatus.choices,
        default=CollectiveStatus.PENDING,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Its actions are published without review (set by a moderator)."),
    )
    status_before_suspension = models.CharField(
        _("status before suspension"),
        max_length=10,
        choices=CollectiveStatus.choices,
        blank=True,
        help_text=_("What the collective returns to when the suspension is lifted."),
    )
    open_to_partners = models.BooleanField(
        _("open to coalition partners"),
        default=True,
        help_text=_("Other collectives may suggest partnerships and coalitions."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = CollectiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("collective")
        verbose_name_plural = _("collectives")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="collective_lat_lng_together",
            ),
        ]
        indexes = [
            # Directory: verified collectives filtered by country, ordered by name.
            models.Index(fields=["status", "country", "name"], name="collective_status_country"),
            # Directory without a country filter: verified collectives ordered by name.
            models.Index(fields=["status", "name"], name="collective_status_name"),
            # "Near a place": bounding-box prefilter on coordinates.
            models.Index(fields=["latitude", "longitude"], name="collective_lat_lng"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("collectives:detail", kwargs={"slug": self.slug})

    def derive_fields(self) -> None:
        # Kept in step with `name` so the unique index catches lookalikes.
        self.name_key = name_skeleton(self.name)

    @property
    def is_verified(self) -> bool:
        return self.status == CollectiveStatus.VERIFIED

    @property
    def is_pending(self) -> bool:
        """Awaiting review by the moderators."""
        return self.status == CollectiveStatus.PENDING

    @property
    def is_suspended(self) -> bool:
        return self.status == CollectiveStatus.SUSPENDED


class ExclusionKind(models.TextChoices):
    """The kinds of `partners.PartnerExclusion`: defined here, where the block rule is read
    (`selectors.blocked_between`), so every app asks the same question."""

    DISMISSED = "dismissed", _("Not now")
    BLOCKED = "blocked", _("Blocked")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Admin")
    ORGANIZER = "organizer", _("Organizer")
    MEMBER = "member", _("Member")


# Roles that may post actions for the collective and act for it (partners, inbox).
ORGANIZING_ROLES = (MembershipRole.ADMIN, MembershipRole.ORGANIZER)


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("collective"),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "collective"], name="membership_unique_pair"),
        ]
        indexes = [
            # "Admins of this collective" (who to notify, last-admin checks).
            models.Index(fields=["collective", "role"], name="membership_collective_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.collective} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return self.collective.get_absolute_url()

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN

    @property
    def organizes(self) -> bool:
        """An admin or organizer (`ORGANIZING_ROLES`)."""
        return self.role in ORGANIZING_ROLES


class Invitation(TimeStampedModel):
    """An admin's invitation to join, sent by email as a signed, single-use link."""

    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("collective"),
    )
    email = models.EmailField(_("email"), help_text=_("Where the invitation was sent."))
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [
            # Members page: a collective's open invitations, newest first.
            models.Index(
                fields=["collective", "accepted_at", "revoked_at"],
                name="invitation_collective_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.collective}"

    def get_absolute_url(self) -> str:
        return reverse("collectives:members", kwargs={"slug": self.collective.slug})


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class JoinRequest(TimeStampedModel):
    """Someone asking to join; the collective's admins accept or decline."""

    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("collective"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("user"),
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        constraints = [
            models.UniqueConstraint(
                fields=["collective", "user"],
                condition=Q(status="pending"),
                name="join_request_one_pending",
            ),
        ]
        indexes = [
            # Members page: pending requests of a collective.
            models.Index(fields=["collective", "status"], name="join_request_collective"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.collective} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("collectives:members", kwargs={"slug": self.collective.slug})


class MembershipEventKind(models.TextChoices):
    CREATED = "created", _("Registered the collective")
    INVITED = "invited", _("Invited")
    INVITATION_REVOKED = "invitation_revoked", _("Revoked an invitation")
    JOINED = "joined", _("Joined by invitation")
    REQUESTED = "requested", _("Asked to join")
    REQUEST_ACCEPTED = "request_accepted", _("Accepted a join request")
    REQUEST_DECLINED = "request_declined", _("Declined a join request")
    ROLE_CHANGED = "role_changed", _("Changed a role")
    REMOVED = "removed", _("Removed a member")
    LEFT = "left", _("Left")
    PROFILE_EDITED = "profile_edited", _("Edited the profile")
    EXPORTED = "exported", _("Exported the collective's data")


class MembershipEvent(models.Model):
    """Who changed what in a collective's membership, and when. Never edited."""

    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("collective"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=MembershipEventKind.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("concerning"),
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        indexes = [
            # Members page: a collective's history, newest first.
            models.Index(fields=["collective", "-created_at"], name="membership_event_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} · {self.get_kind_display()} · {self.collective}"

    def get_absolute_url(self) -> str:
        return reverse("collectives:members", kwargs={"slug": self.collective.slug})


class Vouch(models.Model):
    """An admin of a verified collective vouching for a pending one they know. Seen by
    moderators only (the verification queue); never public."""

    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="vouches",
        verbose_name=_("collective vouched for"),
    )
    voucher = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="vouches_given",
        verbose_name=_("vouching collective"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vouched by"),
    )
    statement = models.CharField(
        _("how you know them"),
        max_length=500,
        help_text=_("A sentence for the moderators: how your collective knows this one."),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vouch")
        verbose_name_plural = _("vouches")
        constraints = [
            # One vouch per pair; also serves "the vouches for this collective" (queue).
            models.UniqueConstraint(fields=["collective", "voucher"], name="vouch_unique_pair"),
            models.CheckConstraint(
                condition=~Q(collective=models.F("voucher")), name="vouch_not_self"
            ),
        ]
        indexes = [
            # Moderators: what a collective vouched for (shown once it is suspended).
            models.Index(fields=["voucher", "-created_at"], name="vouch_by_voucher"),
        ]

    def __str__(self) -> str:
        return f"{self.voucher} → {self.collective}"
