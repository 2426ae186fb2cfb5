"""An action's lifecycle: posting, editing, weekly series, cancelling, co-hosts.

Every service is keyword-only and atomic, checks who may do it, validates, and queues its
emails through the outbox in the same transaction.
"""

import datetime as dt
import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from organizing.collectives.models import Collective, CollectiveStatus
from organizing.collectives.selectors import blocked_between, collective_admin_emails
from organizing.core.choices import DatePrecision, PlacePrecision
from organizing.core.errors import DomainError
from organizing.core.links import site_url
from organizing.outbox.services import outbox_enqueue_template

from ..access import (
    participant_sees_exact_location,
    user_leads_action,
    user_may_answer_host_invitation,
    user_may_post_for,
    user_organizes_action,
)
from ..announcements import action_published_announce
from ..models import (
    Action,
    ActionHost,
    ActionKind,
    ActionOccurrence,
    ActionStatus,
    HostConsent,
    HostRole,
    LocationVisibility,
    RsvpMode,
    RsvpStatus,
    new_action_slug,
)
from ..retention import default_retention_days, retention_refusal, rsvp_concerns

logger = logging.getLogger(__name__)

# A weekly series is materialized up to this far after its first date.
MAX_SERIES_DAYS = 2 * 366

# Said when a reveal time is set for an address that is not for confirmed participants.
REVEAL_NEEDS_PARTICIPANTS = _lazy(
    "A later reveal needs “Exact address only for confirmed participants”."
)

# Changing one of these tells the confirmed participants.
_TIME_AND_PLACE = (
    "starts_at",
    "ends_at",
    "timezone",
    "venue",
    "address",
    "city",
    "country",
    "latitude",
    "longitude",
    "online_url",
    "recurrence_weekdays",
    "recurrence_until",
)


class PostingError(DomainError):
    """An operation the rules refuse; the message is meant for the user, next to `field` when
    it names one of the form's fields."""


def _action_values(data: dict) -> dict:
    """Model values from the posting form's cleaned data; the city comes from the gazetteer."""
    city = data["city"]
    exact_point = data.get("latitude") is not None
    return {
        "title": data["title"],
        "kind": data["kind"],
        "description": data.get("description", ""),
        "starts_at": data["starts_at"],
        "ends_at": data.get("ends_at"),
        "timezone": city.timezone,
        "date_precision": DatePrecision.EXACT,
        "venue": data.get("venue", ""),
        "address": data.get("address", ""),
        "city": city.name,
        "city_names": city.local_names,
        "country": city.country.code,
        "latitude": data["latitude"] if exact_point else city.latitude,
        "longitude": data["longitude"] if exact_point else city.longitude,
        "area_label": data.get("area_label") or city.name,
        # EXACT: the point was set by hand (map or fields); CITY: it is the city's centre.
        "place_precision": PlacePrecision.EXACT if exact_point else PlacePrecision.CITY,
        "location_visibility": data["location_visibility"],
        "reveal_hours_before": data.get("reveal_hours_before"),
        "online_url": data.get("online_url", ""),
        "accessibility_info": data.get("accessibility_info", ""),
        "languages": list(data.get("languages") or []),
        "safety_notes": data.get("safety_notes", ""),
        "capacity": data.get("capacity"),
        "rsvp_mode": data["rsvp_mode"],
        "external_rsvp_url": data.get("external_rsvp_url", ""),
        "recurrence_weekdays": sorted(set(data.get("recurrence_weekdays") or [])),
        "recurrence_until": data.get("recurrence_until"),
        # Empty (or a caller without the field): the site's default, 30 days.
        "retention_days": data.get("retention_days") or default_retention_days(),
    }


def _validate(action: Action) -> None:
    """The model's own checks plus the posting rules (the form checks them first)."""
    errors = {}
    if action.kind == ActionKind.ONLINE_ACTION and not action.online_url:
        errors["online_url"] = _("An online action needs its link.")
    if action.rsvp_mode == RsvpMode.EXTERNAL and not action.external_rsvp_url:
        errors["external_rsvp_url"] = _("Give the link where people sign up elsewhere.")
    if action.starts_at and action.ends_at and action.ends_at <= action.starts_at:
        errors["ends_at"] = _("The end must come after the start.")
    if bool(action.recurrence_weekdays) != bool(action.recurrence_until):
        errors["recurrence_until"] = _("A weekly series needs both its weekdays and an end date.")
    if refusal := retention_refusal(action.retention_days):
        errors["retention_days"] = refusal
    if (
        action.reveal_hours_before is not None
        and action.location_visibility != LocationVisibility.PARTICIPANTS
    ):
        errors["reveal_hours_before"] = REVEAL_NEEDS_PARTICIPANTS
    if errors:
        raise ValidationError(errors)
    action.full_clean(exclude=["slug", "submission_key"])


def _publishes_without_review(collective: Collective) -> bool:
    """Verified collectives, and those a moderator trusts, publish at once."""
    if collective.status == CollectiveStatus.SUSPENDED:
        return False
    return collective.status == CollectiveStatus.VERIFIED or collective.trusted


def _check_organizer(user, action: Action) -> None:
    if not user_organizes_action(user, action):
        raise PostingError(_("Only the organizers of this action may do this."))


# Weekly series


def _series_dates(action: Action) -> list[tuple[dt.datetime, dt.datetime | None]]:
    """(start, end) of every date of the series, in UTC: the first date's wall-clock times on
    each chosen weekday up to `recurrence_until` (included), computed in the place's time zone so
    that 18:00 stays 18:00 across a daylight saving change."""
    if not (action.recurrence_weekdays and action.recurrence_until and action.starts_at):
        return []
    zone = action.zone
    start = action.starts_at.astimezone(zone)
    end = action.ends_at.astimezone(zone) if action.ends_at else None
    last = min(action.recurrence_until, start.date() + dt.timedelta(days=MAX_SERIES_DAYS))
    dates, day = [], start.date()
    while day <= last:
        if day == start.date() or day.weekday() in action.recurrence_weekdays:
            starts = dt.datetime.combine(day, start.time(), tzinfo=zone)
            ends = None
            if end is not None:
                ends = dt.datetime.combine(
                    day + (end.date() - start.date()), end.time(), tzinfo=zone
                )
            dates.append((starts.astimezone(dt.UTC), ends.astimezone(dt.UTC) if ends else None))
        day += dt.timedelta(days=1)
    return dates


def _occurrences_materialize(action: Action, *, after: dt.datetime | None = None) -> None:
    """Make the future rows match the plan; past dates (before `after`) are left as they were,
    and a date cancelled earlier stays cancelled when it is still in the plan."""
    wanted = {
        starts: ends for starts, ends in _series_dates(action) if after is None or starts >= after
    }
    existing = action.occurrences.all()
    if after is not None:
        existing = existing.filter(starts_at__gte=after)
    kept = set()
    for occurrence in existing:
        if occurrence.starts_at not in wanted:
            occurrence.delete()
            continue
        kept.add(occurrence.starts_at)
        if occurrence.ends_at != wanted[occurrence.starts_at]:
            occurrence.ends_at = wanted[occurrence.starts_at]
            occurrence.save(update_fields=["ends_at"])
    new_dates = [
        ActionOccurrence(action=action, starts_at=starts, ends_at=ends)
        for starts, ends in wanted.items()
        if starts not in kept
    ]
    for occurrence in new_dates:
        occurrence.derive_fields()
    ActionOccurrence.objects.bulk_create(new_dates)


# Posting and editing


def _create(*, user, collective: Collective, data: dict) -> Action:
    if data.get("save_as_draft"):
        status, published_at = ActionStatus.DRAFT, None
    elif _publishes_without_review(collective):
        status, published_at = ActionStatus.PUBLISHED, timezone.now()
    else:
        status, published_at = ActionStatus.PENDING_REVIEW, None
    action = Action(
        **_action_values(data),
        slug=new_action_slug(data["title"]),
        status=status,
        published_at=published_at,
        created_by=user,
        submission_key=data.get("submission_key"),
    )
    _validate(action)
    action.save()
    action.causes.set(data.get("causes") or [])
    ActionHost.objects.create(
        action=action, collective=collective, role=HostRole.LEAD, consent=HostConsent.ACCEPTED
    )
    _occurrences_materialize(action)
    if action.status == ActionStatus.PUBLISHED:
        action_published_announce(action=action)
    return action


def _already_submitted(key, user) -> Action | None:
    if key is None:
        return None
    return Action.objects.filter(submission_key=key, created_by=user).first()


def action_create(
    *, user, collective: Collective, data: dict, then: Callable[[Action], None] | None = None
) -> Action:
    """Post an action for a collective the user organizes. Submitting the same form twice
    (same `submission_key`) returns the action the first submission created.

    `then(action)`, when given, runs in the same transaction once the action is created, and
    not when the same form was already sent: what a floor above adds to the posting (posting
    for a coalition, coalitions' `action_post_for_coalition`); its refusal rolls it all back."""
    if not user_may_post_for(user, collective):
        raise PostingError(_("Only admins and organizers of a collective may post its actions."))
    key = data.get("submission_key")
    if existing := _already_submitted(key, user):
        return existing
    try:
        with transaction.atomic():
            action = _create(user=user, collective=collective, data=data)
            if then is not None:
                then(action)
            return action
    except IntegrityError:
        # Two submissions at once: the unique key lets one in; the other finds its action.
        if existing := _already_submitted(key, user):
            return existing
        raise


@transaction.atomic
def action_update(*, action: Action, user, data: dict) -> Action:
    """Save the organizers' edits; re-plan the future dates of a series; tell confirmed
    participants when the time or the place changed."""
    _check_organizer(user, action)
    if action.is_cancelled:
        raise PostingError(_("A cancelled action cannot be changed."))
    before = {field: getattr(action, field) for field in _TIME_AND_PLACE}
    for field, value in _action_values(data).items():
        setattr(action, field, value)
    _validate(action)
    action.save()
    action.causes.set(data.get("causes") or [])
    _occurrences_materialize(action, after=timezone.now())
    changed = [field for field, value in before.items() if getattr(action, field) != value]
    if changed:
        _tell_participants(action, template="action_changed", statuses=[RsvpStatus.CONFIRMED])
    return action


@transaction.atomic
def action_publish(*, action: Action, user) -> Action:
    """A draft goes public when its lead collective is verified or trusted, else to review."""
    _check_organizer(user, action)
    if action.status != ActionStatus.DRAFT:
        raise PostingError(_("Only a draft can be published."))
    lead = action.host_links.select_related("collective").get(role=HostRole.LEAD)
    if _publishes_without_review(lead.collective):
        action.status, action.published_at = ActionStatus.PUBLISHED, timezone.now()
    else:
        action.status = ActionStatus.PENDING_REVIEW
    action.save(update_fields=["status", "published_at", "updated_at"])
    if action.status == ActionStatus.PUBLISHED:
        action_published_announce(action=action)
    return action


@transaction.atomic
def action_cancel(*, action: Action, user) -> Action:
    """Cancel the whole action and tell everyone confirmed or waiting."""
    _check_organizer(user, action)
    if action.is_cancelled:
        raise PostingError(_("This action is already cancelled."))
    action.status = ActionStatus.CANCELLED
    action.save(update_fields=["status", "updated_at"])
    _tell_participants(
        action, template="action_cancelled", statuses=[RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED]
    )
    return action


@transaction.atomic
def occurrence_cancel(*, occurrence: ActionOccurrence, user) -> ActionOccurrence:
    """Cancel one date of a series; the other dates stay."""
    _check_organizer(user, occurrence.action)
    if occurrence.is_cancelled:
        raise PostingError(_("This date is already cancelled."))
    occurrence.is_cancelled = True
    occurrence.save(update_fields=["is_cancelled"])
    return occurrence


def _tell_participants(action: Action, *, template: str, statuses: list[str]) -> None:
    link = site_url(action.get_absolute_url())
    for rsvp in action.rsvps.filter(status__in=statuses).exclude(email=""):
        outbox_enqueue_template(
            to=rsvp.email,
            template=template,
            context={
                "action": action,
                "rsvp": rsvp,
                "link": link,
                "cancel_link": site_url(reverse("actions:rsvp_cancel", args=[rsvp.token])),
                "show_address": participant_sees_exact_location(action, rsvp),
            },
            concerns=rsvp_concerns(rsvp.pk),  # erased with the RSVP (rsvp_anonymize_past)
        )


# Co-hosts and supporters


@transaction.atomic
def action_invite_host(
    *, action: Action, collective: Collective, role: str, invited_by
) -> ActionHost:
    """Invite a verified collective as co-host or supporter; its admins get an email."""
    _check_organizer(invited_by, action)
    if role not in (HostRole.CO_HOST, HostRole.SUPPORTER):
        raise PostingError(_("A collective can be invited as co-host or supporter only."))
    if collective.status != CollectiveStatus.VERIFIED:
        raise PostingError(_("Only verified collectives can be invited."))
    host_links = action.host_links.exclude(consent=HostConsent.DECLINED)
    if action.host_links.filter(collective=collective).exists():
        raise PostingError(_("This collective is already invited or hosting."))
    # A block covers every invitation: none with the lead nor with any other host. The words
    # say no more, so that neither side learns who blocked whom.
    if any(
        blocked_between(host_id, collective.pk)
        for host_id in host_links.values_list("collective_id", flat=True)
    ):
        raise PostingError(_("You cannot invite this collective."), field="collective")
    host_link = ActionHost.objects.create(
        action=action, collective=collective, role=role, consent=HostConsent.INVITED
    )
    inviting = action.host_links.select_related("collective").get(role=HostRole.LEAD).collective
    _host_invitation_send(host_link, inviting=inviting)
    return host_link


def action_cohosts_invite(*, action: Action, collectives, inviting: Collective) -> None:
    """Ask each collective to co-host the action, in this order, by email to its admins. Until
    they accept, it is not listed and gets no rights. No check here: the caller, in its
    transaction, has chosen them (coalitions' `action_post_for_coalition`: the coalition's
    consenting members, the lead and those blocked either way with it aside)."""
    for collective in collectives:
        host_link = ActionHost.objects.create(
            action=action, collective=collective, role=HostRole.CO_HOST, consent=HostConsent.INVITED
        )
        _host_invitation_send(host_link, inviting=inviting)


def _host_invitation_send(host_link: ActionHost, *, inviting: Collective) -> None:
    action, collective = host_link.action, host_link.collective
    link = site_url(reverse("actions:host_respond", args=[action.slug, host_link.pk, "accept"]))
    for email in collective_admin_emails(collective):
        outbox_enqueue_template(
            to=email,
            template="host_invitation",
            context={
                "action": action,
                "host_link": host_link,
                "collective": collective,
                "inviting": inviting,
                "link": link,
            },
        )


@transaction.atomic
def action_host_respond(*, host_link: ActionHost, user, accept: bool) -> ActionHost:
    """An admin of the invited collective accepts or declines. Declining is quiet."""
    if not user_may_answer_host_invitation(user, host_link):
        raise PostingError(_("Only the invited collective's admins may answer."))
    if host_link.consent != HostConsent.INVITED:
        raise PostingError(_("This invitation was already answered."))
    lead_id = host_link.action.host_links.get(role=HostRole.LEAD).collective_id
    if accept and blocked_between(lead_id, host_link.collective_id):  # blocked since invited
        raise PostingError(_("This invitation can no longer be accepted."))
    host_link.consent = HostConsent.ACCEPTED if accept else HostConsent.DECLINED
    host_link.save(update_fields=["consent", "updated_at"])
    return host_link


@transaction.atomic
def action_host_grant_attendee_access(*, host_link: ActionHost, user, grant: bool) -> ActionHost:
    """The lead host's admins and organizers let an accepted co-host's organizers see the
    attendees (list, CSV, RSVP decisions, the exact place) and run the action with them, or
    withdraw it. Never for a supporter."""
    if not user_leads_action(user, host_link.action):
        raise PostingError(_("Only the lead host's organizers decide who sees the attendees."))
    host_link = ActionHost.objects.select_for_update().get(pk=host_link.pk)
    if host_link.role != HostRole.CO_HOST:
        raise PostingError(_("Only co-hosts can be given access to the attendees."))
    if grant and host_link.consent != HostConsent.ACCEPTED:
        raise PostingError(_("This collective has not accepted to co-host yet."))
    host_link.attendee_access = grant
    host_link.save(update_fields=["attendee_access", "updated_at"])
    # The record of who decided: the row keeps when, the log keeps who.
    logger.info(
        "Attendee access of collective %s on action %s %s by user %s",
        host_link.collective_id,
        host_link.action_id,
        "granted" if grant else "withdrawn",
        user.pk,
    )
    return host_link


@transaction.atomic
def action_delete_prepared_by(*, collective: Collective) -> None:
    """When a collective is deleted (collectives' `collective_deleting`, in its transaction):
    the actions it alone prepared (drafts, under review, rejected) go with it; published and
    cancelled ones, and those another collective also hosts, remain."""
    unpublished = set(
        Action.objects.filter(host_links__collective=collective)
        .exclude(status__in=(ActionStatus.PUBLISHED, ActionStatus.CANCELLED))
        .values_list("pk", flat=True)
    )
    shared = set(
        ActionHost.objects.filter(action__in=unpublished)
        .exclude(collective=collective)
        .values_list("action_id", flat=True)
    )
    Action.objects.filter(pk__in=unpublished - shared).delete()
