"""Moderation: reports grouped into cases, moderators' decisions (the audit trail), reason
templates, requests for review, and the site's registration mode.

Decisions are immutable: one row per decision (who, what, target, reason, when), never edited or
deleted, listed in the admin and shown to the affected collective ("why this was hidden").
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizing.collectives.models import Collective


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
    COALITION = "coalition", _("Coalition")
    APPEAL = "appeal", _("Appeal")
    PERSON = "person", _("Person")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class CaseResolution(models.TextChoices):
    HIDDEN = "hidden", _("Target hidden")
    COLLECTIVE_SUSPENDED = "collective_suspended", _("Collective suspended")
    USER_SUSPENDED = "user_suspended", _("User suspended")
    DISMISSED = "dismissed", _("Dismissed")


# "Not read yet", beside None for "read: gone".
NOT_LOADED = object()

CASE_TITLES = {
    ReportTarget.ACTION: _("Report on the action “%(name)s”"),
    ReportTarget.COLLECTIVE: _("Report on the collective “%(name)s”"),
    ReportTarget.COALITION: _("Report on the coalition “%(name)s”"),
    ReportTarget.APPEAL: _("Report on the appeal “%(name)s”"),
    ReportTarget.PERSON: _("Report on the person “%(name)s”"),
}


class ReportCase(models.Model):
    """Every report about one target while the case is open: several reports on one action
    make one case."""

    target_kind = models.CharField(_("what"), max_length=12, choices=ReportTarget.choices)
    target_slug = models.SlugField(_("which"), max_length=200)
    collective = models.ForeignKey(
        Collective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collective concerned"),
        help_text=_("The collective the target belongs to (its lead host, for an action)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    held_at = models.DateTimeField(
        _("held at"),
        null=True,
        blank=True,
        help_text=_("When reports from established accounts held the target from listings."),
    )
    resolution = models.CharField(
        _("resolution"), max_length=24, choices=CaseResolution.choices, blank=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    moderator_notes = models.TextField(
        _("moderator notes"),
        blank=True,
        help_text=_("Seen by moderators only."),
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("report case")
        verbose_name_plural = _("report cases")
        constraints = [
            models.UniqueConstraint(
                fields=["target_kind", "target_slug"],
                condition=Q(status="open"),
                name="report_case_one_open_per_target",
            ),
        ]
        indexes = [
            # Moderation queue: open cases, most recently reported first.
            models.Index(fields=["status", "-updated_at"], name="report_case_queue"),
        ]

    def __str__(self) -> str:
        return self.title()

    def title(self, target=NOT_LOADED) -> str:
        """What the case is about, by the reported record's name and the collective concerned:
        "Report on the action “Vigil” (Peace Collective)". The target (None once it is gone)
        comes from `selectors.with_targets` on a list, else it is read here."""
        if target is NOT_LOADED:
            target = getattr(self, "target_object", NOT_LOADED)
        if target is NOT_LOADED:
            from .selectors import case_target  # selectors stand above the models

            target = self.target_object = case_target(self)
        name = str(target) if target is not None else self.target_slug
        title = CASE_TITLES.get(self.target_kind, CASE_TITLES[ReportTarget.ACTION]) % {"name": name}
        if target is None:
            title = _("%(title)s (no longer exists)") % {"title": title}
        collective = self.collective if self.collective_id else None
        if collective is not None and collective != target:
            title = _("%(title)s (%(collective)s)") % {"title": title, "collective": collective}
        return title


class Report(models.Model):
    """One person's report. The target is named by kind and slug, so a report outlives edits."""

    case = models.ForeignKey(
        ReportCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("case"),
    )
    target_kind = models.CharField(_("what"), max_length=12, choices=ReportTarget.choices)
    target_slug = models.SlugField(_("which"), max_length=200)
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
    context = models.JSONField(
        _("reported from"),
        default=dict,
        blank=True,
        help_text=_(
            "For a person: the page they were reported from (its kind, key and name "
            "when reported), so moderators see what the reporter saw."
        ),
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


class ReasonTemplate(models.Model):
    """A reason moderators pick when they reject or hide, editable in the admin; free text
    can be added to it."""

    title = models.CharField(_("title"), max_length=120, unique=True)
    text = models.TextField(_("text"), help_text=_("Shown to the collective concerned."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("reason template")
        verbose_name_plural = _("reason templates")

    def __str__(self) -> str:
        return self.title


class DecisionVerb(models.TextChoices):
    COLLECTIVE_VERIFIED = "collective_verified", _("Collective verified")
    COLLECTIVE_REJECTED = "collective_rejected", _("Collective rejected")
    COLLECTIVE_INFO_REQUESTED = "collective_info_requested", _("More information requested")
    COLLECTIVE_TRUSTED = "collective_trusted", _("Collective trusted")
    COLLECTIVE_SUSPENDED = "collective_suspended", _("Collective suspended")
    COLLECTIVE_UNSUSPENDED = "collective_unsuspended", _("Collective suspension lifted")
    ACTION_APPROVED = "action_approved", _("Action approved")
    ACTION_REJECTED = "action_rejected", _("Action rejected")
    ACTION_HELD = "action_held", _("Action held after reports")
    ACTION_HIDDEN = "action_hidden", _("Action hidden")
    ACTION_RESTORED = "action_restored", _("Action restored")
    COALITION_HIDDEN = "coalition_hidden", _("Coalition hidden")
    COALITION_RESTORED = "coalition_restored", _("Coalition restored")
    APPEAL_HIDDEN = "appeal_hidden", _("Appeal hidden")
    APPEAL_RESTORED = "appeal_restored", _("Appeal restored")
    USER_SUSPENDED = "user_suspended", _("User suspended")
    USER_UNSUSPENDED = "user_unsuspended", _("User suspension lifted")
    CASE_DISMISSED = "case_dismissed", _("Reports dismissed")
    REGISTRATION_MODE = "registration_mode", _("Registration mode changed")
    SIGNUP_APPROVED = "signup_approved", _("Sign-up approved")
    # "Break glass": staff seeing what only hosts may see, with a reason, told to the hosts.
    ADDRESS_REVEALED = "address_revealed", _("Hosts-only address seen by a moderator")
    ATTENDEES_ACCESSED = "attendees_accessed", _("Attendee data seen by staff")


class Decision(models.Model):
    """An immutable audit row: who decided what about which target, why, and when."""

    verb = models.CharField(_("decision"), max_length=32, choices=DecisionVerb.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
        help_text=_("Empty for decisions the system took by itself (a hold, a mode switch)."),
    )
    target_kind = models.CharField(_("what"), max_length=12, blank=True)
    target_id = models.PositiveBigIntegerField(_("target id"), null=True, blank=True)
    target_label = models.CharField(
        _("target"),
        max_length=250,
        blank=True,
        help_text=_("The target's name or title when the decision was taken."),
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("collective concerned"),
        help_text=_("Shown the decision and its reason."),
    )
    case = models.ForeignKey(
        ReportCase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("report case"),
    )
    reason_template = models.ForeignKey(
        ReasonTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reason template"),
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("The template's text and the moderator's own words.")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            # "Why this was hidden": a collective's decisions, newest first.
            models.Index(fields=["collective", "-created_at"], name="decision_collective"),
            # Moderation home: recent decisions.
            models.Index(fields=["-created_at"], name="decision_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_verb_display()}: {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Decisions are a record: they cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Decisions are a record: they cannot be deleted."))

    @property
    def is_about_action_or_appeal(self) -> bool:
        """About one of the collective's actions or appeals (named in the collective's list),
        rather than about the collective itself."""
        return self.target_kind in (ReportTarget.ACTION, ReportTarget.APPEAL)


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    ANSWERED = "answered", _("Answered")


class ReviewRequest(models.Model):
    """A collective asking the moderators to look at a decision again."""

    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="review_requests",
        verbose_name=_("decision"),
    )
    collective = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="+", verbose_name=_("collective")
    )
    message = models.TextField(_("message"), max_length=4000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request for review")
        verbose_name_plural = _("requests for review")
        indexes = [
            # Moderation home: open requests for review.
            models.Index(fields=["status", "-created_at"], name="review_request_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.collective}: {self.decision}"


class RegistrationMode(models.TextChoices):
    OPEN = "open", _("Open: anyone can sign up")
    APPROVAL = "approval", _("Approval required: moderators approve new accounts")


class SiteSettings(models.Model):
    """One row: site-wide switches moderators change in the admin."""

    registration_mode = models.CharField(
        _("registration mode"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.OPEN,
    )
    signups_per_hour_limit = models.PositiveIntegerField(
        _("sign-ups per hour before approval is required"),
        default=50,
        help_text=_(
            "Above this many sign-ups in an hour, the mode switches to approval by "
            "itself and the moderators are told once."
        ),
    )
    switched_automatically_at = models.DateTimeField(
        _("switched to approval by itself at"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(_("Site settings"))

    @classmethod
    def load(cls) -> "SiteSettings":
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


class ModeratorScope(models.Model):
    """Optionally limits a moderator to collectives and actions of some countries."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderator_scope",
        verbose_name=_("moderator"),
    )
    countries = models.JSONField(
        _("countries"),
        default=list,
        blank=True,
        help_text=_("ISO country codes (e.g. FR, CL). Empty: every country."),
    )

    class Meta:
        verbose_name = _("moderator scope")
        verbose_name_plural = _("moderator scopes")

    def __str__(self) -> str:
        return f"{self.user}: {', '.join(self.countries) or '*'}"
