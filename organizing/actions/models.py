"""Actions: marches, vigils, rallies, walkouts... planned or past, alone or co-hosted."""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from organizing.collectives.models import (
    Collective,
    CollectiveStatus,
    latitude_validators,
    longitude_validators,
)
from organizing.core.choices import DatePrecision, PlacePrecision
from organizing.core.models import (
    SAMPLE_SOURCE_TITLE,
    Cause,
    DerivedFieldsModel,
    SourcedModel,
    TimeStampedModel,
)
from organizing.places.models import CityNamesMixin

# Rounding to 2 decimals moves a point by at most ~0.6 km: the public "coarse point".
COARSE_POINT_DECIMALS = 2


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


def new_action_slug(title: str) -> str:
    """A readable prefix plus a random suffix: links to drafts cannot be guessed."""
    return f"{slugify(title)[:60].strip('-') or 'action'}-{secrets.token_hex(4)}"


class RsvpMode(models.TextChoices):
    OPEN = "open", _("Open: anyone can RSVP")
    APPROVAL = "approval", _("Host approval")
    NONE = "none", _("No RSVP")
    EXTERNAL = "external", _("External link")


class ActionKind(models.TextChoices):
    MARCH = "march", _("March or demonstration")
    VIGIL = "vigil", _("Vigil")
    RALLY = "rally", _("Rally")
    OCCUPATION = "occupation", _("Occupation or sit-in")
    BLOCKADE = "blockade", _("Blockade")
    DIRECT_ACTION = "direct_action", _("Direct action")
    WALKOUT = "walkout", _("Walkout")
    STRIKE = "strike", _("Strike")
    MEETING = "meeting", _("Meeting")
    TEACH_IN = "teach_in", _("Teach-in")
    CULTURAL_EVENT = "cultural_event", _("Cultural event")
    ONLINE_ACTION = "online_action", _("Online action")


class ActionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Pending review")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected")
    # Moderation holds: out of every public listing; the earlier status is kept to restore it.
    HELD = "held", _("Held after reports, until a moderator decides")
    HIDDEN = "hidden", _("Hidden by the moderators")


class LocationVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: everyone sees the exact place")
    PARTICIPANTS = "participants", _("Exact address only for confirmed participants")
    HOSTS = "hosts", _("Exact address only for hosts")


# Statuses whose page anyone may open (a cancelled action says so plainly).
PUBLIC_STATUSES = (ActionStatus.PUBLISHED, ActionStatus.CANCELLED)
# Statuses that say the moderators (or a review) keep the action from the public.
WITHHELD_STATUSES = (ActionStatus.REJECTED, ActionStatus.HELD, ActionStatus.HIDDEN)
# RSVP modes in which the site itself takes RSVPs.
ACCEPTING_MODES = (RsvpMode.OPEN, RsvpMode.APPROVAL)


def _not_over(now) -> Q:
    # Same rule as Action.is_past; NULL dates never match, so exclude() keeps unknown dates.
    return (
        Q(ends_at__gte=now)
        | Q(ends_at__isnull=True, starts_at__gte=now)
        | Q(recurrence_until__gte=timezone.localdate(now))
    )


class ActionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def published(self):
        return self.filter(status=ActionStatus.PUBLISHED)

    def upcoming(self, now=None):
        """Not over yet: ongoing, to come, or a weekly series with dates left."""
        return self.filter(_not_over(now or timezone.now()))

    def past(self, now=None):
        """Over, and archive records whose date was never reported."""
        return self.exclude(_not_over(now or timezone.now()))

    def not_sample(self):
        """Without the synthetic sample data (generate_sample_data): the records themselves."""
        return self.exclude(source_title=SAMPLE_SOURCE_TITLE)


class Action(CityNamesMixin, SourcedModel, TimeStampedModel, DerivedFieldsModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Ends in a random part; never guessable."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActionKind.choices)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    status_before_hold = models.CharField(
        _("status before the hold"),
        max_length=20,
        choices=ActionStatus.choices,
        blank=True,
        help_text=_("What a held or hidden action returns to when the hold is lifted."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    # When: stored aware (UTC), shown in the place's own time zone.
    starts_at = models.DateTimeField(
        _("starts at"),
        null=True,
        blank=True,
        help_text=_("Empty only for archive records whose date was not reported."),
    )
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text=_("IANA time zone of the place, e.g. America/Toronto."),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.EXACT,
    )
    # Derived in save(): local dates, so that date searches follow each action's own time zone.
    starts_on = models.DateField(
        _("starts on (local date)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The start's date in the action's time zone; set automatically."),
    )
    ends_on = models.DateField(
        _("ends on (local date)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The last day (a series' last week included); set automatically."),
    )
    date_note = models.CharField(
        _("date note"),
        max_length=200,
        blank=True,
        help_text=_("What is known of the date when it is not exact, e.g. 'several dates'."),
    )

    # Where. Everyone sees the area label and a coarse point; the exact place per visibility.
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=latitude_validators
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=longitude_validators
    )
    # Derived in save() from latitude/longitude: what searches, maps and feeds may use.
    # Searching on the exact point would let a moving search centre trilaterate a hidden address.
    public_latitude = models.FloatField(
        _("public latitude"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The latitude rounded to about a kilometre; set automatically."),
    )
    public_longitude = models.FloatField(
        _("public longitude"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The longitude rounded to about a kilometre; set automatically."),
    )
    area_label = models.CharField(
        _("public area label"),
        max_length=200,
        blank=True,
        help_text=_("Always public, e.g. 'Downtown Montréal'."),
    )
    place_precision = models.CharField(
        _("place precision"),
        max_length=10,
        choices=PlacePrecision.choices,
        default=PlacePrecision.EXACT,
    )
    location_visibility = models.CharField(
        _("location visibility"),
        max_length=20,
        choices=LocationVisibility.choices,
        default=LocationVisibility.PUBLIC,
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    accessibility_info = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, seating, interpretation, quiet space..."),
    )
    safety_notes = models.TextField(
        _("safety notes"),
        blank=True,
        help_text=_("Legal observers, what to bring, what to leave at home."),
    )
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        help_text=_("Language codes, e.g. en, fr, ar."),
    )

    # Taking part.
    rsvp_mode = models.CharField(
        _("RSVP"),
        max_length=10,
        choices=RsvpMode.choices,
        default=RsvpMode.OPEN,
    )
    external_rsvp_url = models.URLField(
        _("external RSVP link"),
        max_length=500,
        blank=True,
        help_text=_("Where to sign up when RSVPs are handled elsewhere."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Empty for no limit. Beyond it, people join a waitlist."),
    )
    show_attendee_count = models.BooleanField(
        _("show how many are coming"),
        default=True,
    )
    reveal_hours_before = models.PositiveSmallIntegerField(
        _("reveal the exact place this many hours before the start"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: confirmed participants see the exact place as soon as they are "
            "confirmed. Otherwise they see only the area until then; the reminder "
            "brings the address."
        ),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("keep attendee data for (days after the action)"),
        default=30,
        help_text=_(
            "Names and email addresses of the RSVPs are erased this many days after "
            "the action ends, within the limits the site sets."
        ),
    )
    submission_key = models.UUIDField(
        _("submission key"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Sent with the posting form, so that a repeated submission creates nothing."),
    )

    # Who and why.
    hosts = models.ManyToManyField(
        Collective, through="ActionHost", related_name="actions", verbose_name=_("hosts")
    )
    coalition = models.ForeignKey(
        "coalitions.Coalition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("coalition"),
    )
    causes = models.ManyToManyField(
        Cause, related_name="actions", blank=True, verbose_name=_("causes")
    )

    # Turnout and outcome.
    expected_turnout = models.PositiveIntegerField(_("expected turnout"), null=True, blank=True)
    reported_turnout = models.PositiveIntegerField(
        _("reported turnout"),
        null=True,
        blank=True,
        help_text=_("A number only when one was reported."),
    )
    turnout_note = models.CharField(
        _("turnout as reported"),
        max_length=200,
        blank=True,
        help_text=_("The figure in words, e.g. 'about 25,000' or 'tens of thousands'."),
    )
    arrests = models.PositiveIntegerField(_("arrests"), null=True, blank=True)
    outcome_notes = models.TextField(_("notes on what happened"), blank=True)

    # Weekly recurrence: weekdays 0 (Monday) to 6 (Sunday), or a written plan.
    recurrence_weekdays = models.JSONField(
        _("repeats on weekdays"),
        default=list,
        blank=True,
        help_text=_("Weekday numbers, 0 = Monday ... 6 = Sunday."),
    )
    recurrence_until = models.DateField(_("repeats until"), null=True, blank=True)
    recurrence_note = models.CharField(
        _("recurrence"),
        max_length=200,
        blank=True,
        help_text=_("The plan in words when the weekdays are not known, e.g. 'every week'."),
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=F("starts_at")),
                name="action_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=False) | Q(date_precision=DatePrecision.UNKNOWN),
                name="action_start_known_unless_unknown",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="action_lat_lng_together",
            ),
        ]
        indexes = [
            # Upcoming/past listings: published actions ordered by start.
            models.Index(fields=["status", "starts_at"], name="action_status_start"),
            # Home page archive: public actions grouped by country.
            models.Index(fields=["country", "starts_at"], name="action_country_start"),
            # Browse "near a place" (places.selectors.near): bounding-box prefilter on the
            # public point; also the map's "search this area".
            models.Index(
                fields=["public_latitude", "public_longitude"], name="action_public_lat_lng"
            ),
            # Browse near a place on PostgreSQL (filters.ActionBrowseFilter + selectors.
            # action_browse_page): the count and the page's ids come from this index alone
            # (an index-only scan: the point, the dates of "upcoming", the id), so a dense city
            # does not mean reading thousands of rows. Other databases ignore INCLUDE.
            models.Index(
                fields=["public_latitude", "public_longitude"],
                include=["id", "starts_at", "ends_at", "recurrence_until"],
                condition=Q(status=ActionStatus.PUBLISHED),
                name="action_published_point",
            ),
            # Browse with dates: local start and end dates of an action or a series.
            models.Index(fields=["starts_on", "ends_on"], name="action_local_dates"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", kwargs={"slug": self.slug})

    derived_fields = ("public_latitude", "public_longitude", "starts_on", "ends_on")

    def derive_fields(self) -> None:
        """The public point and the local dates, from the fields they come from."""
        has_point = self.latitude is not None and self.longitude is not None
        self.public_latitude = round(self.latitude, COARSE_POINT_DECIMALS) if has_point else None
        self.public_longitude = round(self.longitude, COARSE_POINT_DECIMALS) if has_point else None
        self.starts_on = self.local_starts_at.date() if self.starts_at else None
        last = self.local_ends_at or self.local_starts_at
        last_dates = (last and last.date(), self.recurrence_until)
        self.ends_on = max(filter(None, last_dates), default=None)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(self.zone) if self.starts_at else None

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(self.zone) if self.ends_at else None

    @property
    def is_past(self) -> bool:
        """Over: its last date has gone by (a weekly series lasts until its last week)."""
        if self.recurrence_until and self.recurrence_until >= timezone.localdate():
            return False
        end = self.ends_at or self.starts_at
        return end is not None and end < timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == ActionStatus.CANCELLED

    @property
    def is_draft(self) -> bool:
        return self.status == ActionStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == ActionStatus.PUBLISHED

    @property
    def is_held(self) -> bool:
        """Held from public listings after reports, until a moderator decides."""
        return self.status == ActionStatus.HELD

    @property
    def is_hidden(self) -> bool:
        return self.status == ActionStatus.HIDDEN

    @property
    def is_withheld(self) -> bool:
        """Rejected, or held or hidden by the moderators: its page explains the decision."""
        return self.status in WITHHELD_STATUSES

    @property
    def has_exact_date(self) -> bool:
        return self.date_precision == DatePrecision.EXACT

    @property
    def place_is_for_participants(self) -> bool:
        """The exact place is shared with confirmed participants (not with everyone, nor
        only with the hosts). Who sees it is decided in `access.can_see_exact_location`."""
        return self.location_visibility == LocationVisibility.PARTICIPANTS

    @property
    def takes_rsvps(self) -> bool:
        """People RSVP here (openly or with host approval), not elsewhere or not at all."""
        return self.rsvp_mode in ACCEPTING_MODES

    @property
    def rsvps_need_approval(self) -> bool:
        return self.rsvp_mode == RsvpMode.APPROVAL

    @property
    def rsvps_are_external(self) -> bool:
        return self.rsvp_mode == RsvpMode.EXTERNAL

    @property
    def rsvps_are_off(self) -> bool:
        return self.rsvp_mode == RsvpMode.NONE

    @property
    def coarse_point(self) -> tuple[float, float] | None:
        """The point anyone may see, whatever the location visibility."""
        if self.latitude is None:
            return None
        if self.public_latitude is None:  # not saved since the point was set
            self.derive_fields()
        return (self.public_latitude, self.public_longitude)

    @property
    def place_is_vague(self) -> bool:
        """True when no single city is known (a country, several countries, or nothing)."""
        return self.place_precision not in (PlacePrecision.EXACT, PlacePrecision.CITY)

    @property
    def public_place(self) -> str:
        """The area everyone sees: the host's own words if they wrote some, else the city (and
        country) in the visitor's language."""
        if self.area_label and self.area_label != self.city:
            return self.area_label
        if self.area_label:
            return self.local_city
        return self.local_place


class HostRole(models.TextChoices):
    LEAD = "lead", _("Lead host")
    CO_HOST = "co_host", _("Co-host")
    SUPPORTER = "supporter", _("Supporter")


class HostConsent(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ActionHostQuerySet(models.QuerySet):
    def listed(self):
        """The hosts an action names in public (its page, JSON-LD, cards, feeds, API, the
        host filter): those that accepted, and only while their collective is verified, the
        one state in which a collective is public. A suspended or pending co-host is named
        nowhere, and is named again once verified; the action itself stays public."""
        return self.filter(
            consent=HostConsent.ACCEPTED, collective__status=CollectiveStatus.VERIFIED
        )


class ActionHost(TimeStampedModel):
    """A collective hosting an action. Listed publicly only once it accepted, and only while
    its collective is verified (`ActionHost.objects.listed()`)."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="host_links", verbose_name=_("action")
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="host_links",
        verbose_name=_("collective"),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=HostRole.choices, default=HostRole.CO_HOST
    )
    consent = models.CharField(
        _("consent"), max_length=10, choices=HostConsent.choices, default=HostConsent.INVITED
    )
    attendee_access = models.BooleanField(
        _("may see the attendees"),
        default=False,
        help_text=_(
            "Granted by the lead host: this co-host's organizers may see the attendee "
            "list, its CSV and the exact place. Never for supporters."
        ),
    )

    objects = ActionHostQuerySet.as_manager()

    class Meta:
        ordering = ["role", "collective__name"]
        verbose_name = _("action host")
        verbose_name_plural = _("action hosts")
        constraints = [
            models.UniqueConstraint(fields=["action", "collective"], name="action_host_unique"),
            models.UniqueConstraint(
                fields=["action"], condition=Q(role=HostRole.LEAD), name="action_one_lead_host"
            ),
        ]
        indexes = [
            # Collective profile: the actions a collective accepted to host.
            models.Index(fields=["collective", "consent"], name="action_host_collective"),
        ]

    def __str__(self) -> str:
        return f"{self.collective} · {self.get_role_display()} · {self.action}"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()

    @property
    def is_co_host(self) -> bool:
        return self.role == HostRole.CO_HOST

    @property
    def is_invited(self) -> bool:
        """Asked to host and has not answered yet."""
        return self.consent == HostConsent.INVITED

    @property
    def is_accepted(self) -> bool:
        return self.consent == HostConsent.ACCEPTED


class ActionOccurrence(DerivedFieldsModel):
    """One date of a weekly series; a single date can be cancelled without the series."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("action")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    starts_on = models.DateField(
        _("date (local)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The date in the action's time zone; set automatically."),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("date of a series")
        verbose_name_plural = _("dates of a series")
        constraints = [
            models.UniqueConstraint(fields=["action", "starts_at"], name="occurrence_unique_date"),
        ]
        indexes = [
            # Browse and calendars: the next dates of every series.
            models.Index(fields=["starts_at", "is_cancelled"], name="occurrence_upcoming"),
            # Browse with dates: does a series have a date in the range?
            models.Index(fields=["action", "starts_on"], name="occurrence_local_date"),
        ]

    def __str__(self) -> str:
        return f"{self.action} · {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()

    derived_fields = ("starts_on",)

    def derive_fields(self) -> None:
        """The local date, in the action's time zone."""
        self.starts_on = self.starts_at.astimezone(self.action.zone).date()


class ActionPlace(models.Model):
    """A further city an action names, beside its own place: "Islamabad, Lahore, Karachi and
    other major cities" for a record of a whole country. A search near one of them finds the
    action (filters.ActionBrowseFilter). A city centre, never an address: public by nature."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="named_places", verbose_name=_("action")
    )
    name = models.CharField(_("city"), max_length=200)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["action", "name"]
        verbose_name = _("city the action names")
        verbose_name_plural = _("cities the action names")
        constraints = [
            models.UniqueConstraint(fields=["action", "name"], name="action_place_unique_name"),
        ]
        indexes = [
            # Browse "near a place": the named cities within the search's bounding box
            # (places.selectors.near), the same prefilter as the action's own point.
            models.Index(fields=["latitude", "longitude"], name="action_place_lat_lng"),
        ]

    def __str__(self) -> str:
        return self.name


class RsvpStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Email not confirmed yet")
    PENDING = "pending", _("Awaiting host approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    DECLINED = "declined", _("Declined by a host")
    CANCELLED = "cancelled", _("Cancelled")


# What a host may do to an RSVP (`rsvp_decide`): approve someone waiting or declined, decline
# someone waiting, on the waitlist or confirmed.
APPROVABLE_RSVP_STATUSES = (RsvpStatus.PENDING, RsvpStatus.DECLINED)
DECLINABLE_RSVP_STATUSES = (RsvpStatus.PENDING, RsvpStatus.WAITLISTED, RsvpStatus.CONFIRMED)


class Rsvp(TimeStampedModel):
    """Someone coming to an action. Private to the hosts; anonymized 30 days after the end."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="rsvps", verbose_name=_("action")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rsvps",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name or nickname"), max_length=80)
    email = models.EmailField(_("email"), help_text=_("Lower-cased; one RSVP per address."))
    status = models.CharField(
        _("status"), max_length=12, choices=RsvpStatus.choices, default=RsvpStatus.UNCONFIRMED
    )
    token = models.CharField(
        _("token"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("Secret of the confirm and cancel links."),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    anonymized_at = models.DateTimeField(_("anonymized at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [
            models.UniqueConstraint(fields=["action", "email"], name="rsvp_one_per_email"),
        ]
        indexes = [
            # Capacity checks and counts: an action's RSVPs by status.
            models.Index(fields=["action", "status"], name="rsvp_action_status"),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.action} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()

    @property
    def is_unconfirmed(self) -> bool:
        return self.status == RsvpStatus.UNCONFIRMED

    @property
    def is_declined(self) -> bool:
        return self.status == RsvpStatus.DECLINED

    @property
    def is_cancelled(self) -> bool:
        return self.status == RsvpStatus.CANCELLED

    @property
    def is_approvable(self) -> bool:
        """A host may approve it (`rsvp_decide`)."""
        return self.status in APPROVABLE_RSVP_STATUSES

    @property
    def is_declinable(self) -> bool:
        """A host may decline it (`rsvp_decide`)."""
        return self.status in DECLINABLE_RSVP_STATUSES


class AttendeeExport(models.Model):
    """Each CSV export of an attendee list: who took it, when."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="exports", verbose_name=_("action")
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("exported by"),
    )
    row_count = models.PositiveIntegerField(_("rows"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("attendee export")
        verbose_name_plural = _("attendee exports")

    def __str__(self) -> str:
        return f"{self.action} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()


class Announcement(models.Model):
    """A message hosts sent to the confirmed participants."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="announcements", verbose_name=_("action")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sender"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()
