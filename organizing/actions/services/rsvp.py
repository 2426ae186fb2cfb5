"""RSVPs: taking part, confirming, cancelling, host decisions, capacity and waitlist,
announcements, exports, reminders and anonymization.

Every change of status happens with the action row locked (`select_for_update`), so that
concurrent RSVPs never push an action over its capacity and never create two RSVPs for one
address. Every email is an outbox row written in the same transaction as the change.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from organizing.accounts.models import NotificationKind
from organizing.accounts.notifications import digest_items_purge_concerning, notification_send_many
from organizing.actions.selectors.rsvp import confirmed_rsvps
from organizing.collectives.selectors import collectives_admin_users
from organizing.core.errors import DomainError
from organizing.core.links import site_url
from organizing.outbox.models import OutboxMessage
from organizing.outbox.services import (
    outbox_cancel_concerning,
    outbox_enqueue_template,
    outbox_purge_concerning,
)

from ..access import participant_sees_exact_location
from ..models import (
    ACCEPTING_MODES,
    Action,
    ActionHost,
    ActionStatus,
    Announcement,
    AttendeeExport,
    HostConsent,
    LocationVisibility,
    Rsvp,
    RsvpMode,
    RsvpStatus,
)
from ..retention import rsvp_concerns, rsvps_due_for_anonymization

logger = logging.getLogger(__name__)

# Statuses that hold (or wait for) a place: a repeated RSVP leaves them as they are.
ACTIVE_STATUSES = (
    RsvpStatus.UNCONFIRMED,
    RsvpStatus.PENDING,
    RsvpStatus.CONFIRMED,
    RsvpStatus.WAITLISTED,
)
REMINDER_WINDOW = (timedelta(hours=24), timedelta(hours=25))
ANONYMIZE_BATCH_SIZE = 500


class RsvpError(DomainError):
    """An RSVP operation the rules refuse; the message is meant for the person."""


def rsvp_refusal(action: Action) -> str:
    """Why the action takes no RSVP here, or "" when it does."""
    if action.status != ActionStatus.PUBLISHED:
        return _("This action is not open for RSVPs.")
    if action.rsvp_mode == RsvpMode.EXTERNAL:
        return _("The hosts take RSVPs elsewhere: see the link on the action page.")
    if action.rsvp_mode not in ACCEPTING_MODES:
        return _("This action takes no RSVPs: just come along.")
    return ""


def _lock_action(action_id: int) -> Action:
    return Action.objects.select_for_update().get(pk=action_id)


def _lock_rsvp(rsvp_id: int) -> Rsvp:
    return Rsvp.objects.select_for_update().get(pk=rsvp_id)


def _exact_place(action: Action) -> str:
    parts = [action.venue, action.address, action.city]
    lines = [", ".join(part for part in parts if part)]
    if action.online_url:
        lines.append(action.online_url)
    return "\n".join(line for line in lines if line)


def _email_context(rsvp: Rsvp, action: Action, *, now=None) -> dict:
    """The exact place goes only to confirmed participants, from the hosts' reveal time if
    they set one, and never for host-only places (the rule of the page and the `.ics`)."""
    show_place = participant_sees_exact_location(action, rsvp, now=now)
    return {
        "rsvp": rsvp,
        "action": action,
        "site_url": settings.SITE_URL,
        "action_url": site_url(action.get_absolute_url()),
        "confirm_url": site_url(reverse("actions:rsvp_confirm", args=[rsvp.token])),
        "cancel_url": site_url(reverse("actions:rsvp_cancel", args=[rsvp.token])),
        "exact_place": _exact_place(action) if show_place else "",
        # The hosts as the action page lists them, each with its verified badge.
        "hosts": [
            link.collective
            for link in ActionHost.objects.listed()
            .filter(action=action)
            .select_related("collective")
        ],
    }


def _send(rsvp: Rsvp, action: Action, template: str, **extra) -> None:
    outbox_enqueue_template(
        to=rsvp.email,
        template=template,
        context={**_email_context(rsvp, action), **extra},
        concerns=rsvp_concerns(rsvp.pk),  # erased with the RSVP (rsvp_anonymize_past)
    )


def _place(rsvp: Rsvp, action: Action) -> None:
    """Confirm, or waitlist when full. The caller holds the action's lock."""
    confirmed = Rsvp.objects.filter(action=action, status=RsvpStatus.CONFIRMED).count()
    if action.capacity is None or confirmed < action.capacity:
        rsvp.status = RsvpStatus.CONFIRMED
        rsvp.confirmed_at = timezone.now()
        template = "rsvp_confirmed"
    else:
        rsvp.status = RsvpStatus.WAITLISTED
        template = "rsvp_waitlisted"
    rsvp.save(update_fields=["status", "confirmed_at", "updated_at"])
    _send(rsvp, action, template)


def _admit(rsvp: Rsvp, action: Action) -> None:
    """After the address is proven: wait for the hosts, or take a place; the hosts are told."""
    if action.rsvp_mode == RsvpMode.APPROVAL:
        rsvp.status = RsvpStatus.PENDING
        rsvp.save(update_fields=["status", "updated_at"])
        _send(rsvp, action, "rsvp_pending")
    else:
        _place(rsvp, action)
    _notify_hosts(rsvp, action)


def _notify_hosts(rsvp: Rsvp, action: Action) -> None:
    """The admins of the hosting collectives hear of a new RSVP (by default in their daily
    digest). Never the attendee's address: their name (or "someone"), the count, and the link
    to the attendee page, where the hosts' access rules apply."""
    hosts = [
        link.collective
        for link in ActionHost.objects.filter(
            action=action, consent=HostConsent.ACCEPTED
        ).select_related("collective")
    ]
    # A host's admin who RSVPs themselves is not told of it.
    admins = [user for user in collectives_admin_users(hosts) if user.pk != rsvp.user_id]
    if not admins:
        return
    count = Rsvp.objects.filter(
        action=action,
        status__in=(RsvpStatus.PENDING, RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED),
    ).count()
    notification_send_many(
        users=admins,
        kind=NotificationKind.NEW_RSVPS,
        template="rsvp_new_for_hosts",
        context={
            "action": action,
            "attendee": rsvp.name or _("Someone"),
            "awaiting_approval": rsvp.status == RsvpStatus.PENDING,
            "count": count,
            "attendees_url": site_url(reverse("actions:attendees", kwargs={"slug": action.slug})),
        },
        concerns=rsvp_concerns(rsvp.pk),  # erased with the RSVP, digest items too
    )


def _promote(action: Action) -> None:
    """Move the oldest waitlisted up while there is room. The caller holds the action's lock."""
    waitlist = Rsvp.objects.filter(action=action, status=RsvpStatus.WAITLISTED).order_by(
        "created_at", "pk"
    )
    if action.capacity is None:
        room = waitlist.count()
    else:
        confirmed = Rsvp.objects.filter(action=action, status=RsvpStatus.CONFIRMED).count()
        room = max(action.capacity - confirmed, 0)
    for rsvp in list(waitlist[:room]):
        rsvp.status = RsvpStatus.CONFIRMED
        rsvp.confirmed_at = timezone.now()
        rsvp.save(update_fields=["status", "confirmed_at", "updated_at"])
        _send(rsvp, action, "rsvp_promoted")


def _has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def _get_or_create(*, action: Action, email: str, name: str, user) -> tuple[Rsvp, bool]:
    existing = Rsvp.objects.filter(action=action, email=email).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            rsvp = Rsvp.objects.create(
                action=action,
                email=email,
                name=name,
                user=user,
                token=secrets.token_urlsafe(32),
            )
    except IntegrityError:
        # A concurrent RSVP with the same address won (possible only without the row lock).
        return Rsvp.objects.get(action=action, email=email), False
    return rsvp, True


def rsvp_create(*, action: Action, name: str, email: str = "", user=None) -> Rsvp:
    """RSVP with an account (verified address: no confirmation needed) or with a name and an
    address (confirmed by the emailed link). The same address again returns the same RSVP;
    a cancelled one comes back to life."""
    has_account = user is not None and user.is_authenticated
    if has_account:
        email = user.email
        name = name or user.display_name or user.email.split("@")[0]
    else:
        user = None
    email = email.strip().lower()
    proven = has_account and _has_verified_email(user)
    with transaction.atomic():
        action = _lock_action(action.pk)
        if refusal := rsvp_refusal(action):
            raise RsvpError(refusal)
        rsvp, created = _get_or_create(action=action, email=email, name=name, user=user)
        rsvp = _lock_rsvp(rsvp.pk)
        if rsvp.status == RsvpStatus.CANCELLED:
            rsvp.status = RsvpStatus.UNCONFIRMED
            rsvp.name = name
            rsvp.cancelled_at = None
            rsvp.confirmed_at = None
            rsvp.save(
                update_fields=["status", "name", "cancelled_at", "confirmed_at", "updated_at"]
            )
        elif not created and rsvp.status != RsvpStatus.UNCONFIRMED:
            return rsvp  # already in (or declined): nothing changes, nothing is sent
        if proven:
            if rsvp.user_id is None:
                rsvp.user = user
                rsvp.save(update_fields=["user", "updated_at"])
            _admit(rsvp, action)
        else:
            _send(rsvp, action, "rsvp_confirm")
    return rsvp


def rsvp_confirm(*, rsvp: Rsvp) -> Rsvp:
    """The confirm link was followed: the address is proven."""
    with transaction.atomic():
        action = _lock_action(rsvp.action_id)
        rsvp = _lock_rsvp(rsvp.pk)
        if rsvp.status != RsvpStatus.UNCONFIRMED:
            return rsvp
        if refusal := rsvp_refusal(action):
            raise RsvpError(refusal)
        _admit(rsvp, action)
    return rsvp


def rsvp_cancel(*, rsvp: Rsvp) -> Rsvp:
    """The person cancels; a freed place goes to the oldest on the waitlist."""
    with transaction.atomic():
        action = _lock_action(rsvp.action_id)
        rsvp = _lock_rsvp(rsvp.pk)
        if rsvp.anonymized_at is not None:
            raise RsvpError(_("This RSVP is closed: the action is long over."))
        if rsvp.status in (RsvpStatus.CANCELLED, RsvpStatus.DECLINED):
            return rsvp
        freed = rsvp.status == RsvpStatus.CONFIRMED
        rsvp.status = RsvpStatus.CANCELLED
        rsvp.cancelled_at = timezone.now()
        rsvp.save(update_fields=["status", "cancelled_at", "updated_at"])
        # Someone who cancelled gets no more reminders or messages about it, even those
        # already queued; what was sent goes with the outbox retention.
        outbox_cancel_concerning(concerns=[rsvp_concerns(rsvp.pk)])
        if freed:
            _promote(action)
    return rsvp


def rsvp_decide(*, rsvp: Rsvp, approve: bool, decided_by) -> Rsvp:
    """A host approves (a place or the waitlist) or declines someone."""
    with transaction.atomic():
        action = _lock_action(rsvp.action_id)
        rsvp = _lock_rsvp(rsvp.pk)
        if rsvp.status == RsvpStatus.UNCONFIRMED:
            raise RsvpError(_("This person has not confirmed their email address yet."))
        if approve and rsvp.is_approvable:
            _place(rsvp, action)
        elif not approve and rsvp.is_declinable:
            freed = rsvp.status == RsvpStatus.CONFIRMED
            rsvp.status = RsvpStatus.DECLINED
            rsvp.save(update_fields=["status", "updated_at"])
            _send(rsvp, action, "rsvp_declined")
            if freed:
                _promote(action)
        logger.info(
            "RSVP %s of action %s: %s by user %s",
            rsvp.pk,
            action.pk,
            "approved" if approve else "declined",
            decided_by.pk,
        )
    return rsvp


@transaction.atomic
def announcement_send(*, action: Action, sender, subject: str, body: str) -> Announcement:
    """Email the confirmed participants, and record what was sent."""
    recipients = list(confirmed_rsvps(action))
    announcement = Announcement(
        action=action,
        sender=sender,
        subject=subject,
        body=body,
        recipient_count=len(recipients),
    )
    announcement.full_clean()
    announcement.save()
    for rsvp in recipients:
        _send(rsvp, action, "announcement", announcement=announcement)
    return announcement


def attendee_export_rows(*, action: Action, exported_by) -> list[list[str]]:
    """The attendee list as rows (name, email, status, confirmed at); each export recorded."""
    rows = []
    for rsvp in Rsvp.objects.filter(action=action).order_by("created_at", "pk"):
        confirmed_at = (
            rsvp.confirmed_at.astimezone(action.zone).isoformat(timespec="minutes")
            if rsvp.confirmed_at
            else ""
        )
        rows.append([rsvp.name, rsvp.email, rsvp.status, confirmed_at])
    AttendeeExport.objects.create(action=action, exported_by=exported_by, row_count=len(rows))
    return rows


def _reminder_subject(context: dict) -> str:
    # As outbox_enqueue_template renders it: the stored subject is what we look for.
    return " ".join(render_to_string("emails/rsvp_reminder/subject.txt", context).split())


def _remind_action(action_id: int, *, now=None, hours_left: int | None = None) -> int:
    """One reminder per confirmed participant. Idempotent: the action row is locked, and a
    participant whose outbox already holds this action's reminder subject (title and date,
    rendered in the site language) is skipped; a moved date makes a new reminder.
    `hours_left`: sent at the reveal time rather than the day before (see
    `rsvp_send_reminders`)."""
    sent = 0
    with transaction.atomic():
        action = _lock_action(action_id)
        recipients = list(confirmed_rsvps(action))
        if not recipients:
            return 0
        subject = _reminder_subject(_email_context(recipients[0], action))
        already = set(
            OutboxMessage.objects.filter(
                subject=subject, to__in=[rsvp.email for rsvp in recipients]
            ).values_list("to", flat=True)
        )
        for rsvp in recipients:
            if rsvp.email in already:
                continue
            # The place as it stands at the reminder's own moment (`now` in tests).
            place = (
                _exact_place(action)
                if participant_sees_exact_location(action, rsvp, now=now)
                else ""
            )
            _send(rsvp, action, "rsvp_reminder", exact_place=place, hours_left=hours_left)
            sent += 1
    return sent


# Hosts who reveal the exact place at most this long before the start reveal it after the
# usual reminder (24 to 25 hours before): their participants are reminded at the reveal time.
_REVEALS_AFTER_REMINDER = Q(
    location_visibility=LocationVisibility.PARTICIPANTS,
    reveal_hours_before__lte=REMINDER_WINDOW[0] // timedelta(hours=1),
)


def _reminders_at_reveal(now) -> list[tuple[int, int]]:
    """(action id, hours left) of the actions whose reveal time fell in the last hour."""
    due = []
    candidates = (
        Action.objects.published()
        .filter(
            _REVEALS_AFTER_REMINDER,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_WINDOW[0],
        )
        .values_list("pk", "starts_at", "reveal_hours_before")
    )
    for action_id, starts_at, hours in candidates:
        revealed_at = starts_at - timedelta(hours=hours)
        if revealed_at <= now < revealed_at + (REMINDER_WINDOW[1] - REMINDER_WINDOW[0]):
            due.append((action_id, hours))
    return due


def rsvp_send_reminders(*, now=None) -> int:
    """Remind confirmed participants of published actions starting in 24 to 25 hours. When
    the hosts reveal the exact place later than that (`reveal_hours_before` 24 or less), the
    reminder waits for the reveal and goes in the hour after it, so that it brings the
    address. The beat runs this every hour: each action falls in one run's window."""
    now = now or timezone.now()
    action_ids = (
        Action.objects.published()
        .filter(starts_at__gte=now + REMINDER_WINDOW[0], starts_at__lt=now + REMINDER_WINDOW[1])
        .exclude(_REVEALS_AFTER_REMINDER)
        .values_list("pk", flat=True)
    )
    with translation.override(settings.LANGUAGE_CODE):
        sent = sum(_remind_action(action_id, now=now) for action_id in action_ids)
        return sent + sum(
            _remind_action(action_id, now=now, hours_left=hours)
            for action_id, hours in _reminders_at_reveal(now)
        )


def rsvp_anonymize_past(*, now=None, batch_size: int = ANONYMIZE_BATCH_SIZE) -> int:
    """Names and addresses of RSVPs go `retention_days` after the action ended (each action's
    choice within the site's limits, see actions/retention.py); statuses (the counts) stay.
    Every email about those RSVPs is erased in the same transaction (the unsent ones are
    cancelled: they are about an action long over). One batch at a time: a SELECT of ids,
    one UPDATE of the RSVPs, one of their emails."""
    now = now or timezone.now()
    anonymized = 0
    while True:
        with transaction.atomic():
            ids = list(
                rsvps_due_for_anonymization(now=now)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                return anonymized
            anonymized += _anonymize(ids, now=now)
        if len(ids) < batch_size:
            return anonymized


def _anonymize(ids: list[int], *, now) -> int:
    """Erase the name, address and account of these RSVPs (their statuses, the counts, stay)
    and every email about them, in the caller's transaction: one UPDATE of the RSVPs, one of
    their emails."""
    anonymized = Rsvp.objects.filter(pk__in=ids, anonymized_at__isnull=True).update(
        name="",
        email=Concat(
            Value("anonymized-"),
            Cast("pk", output_field=CharField()),
            Value("@invalid"),
            output_field=CharField(),
        ),
        user=None,
        anonymized_at=now,
    )
    concerns = [rsvp_concerns(pk) for pk in ids]
    outbox_purge_concerning(concerns=concerns, now=now)
    digest_items_purge_concerning(concerns=concerns)
    return anonymized


def rsvp_anonymize_for_account(*, user, now=None) -> int:
    """At once, when an account is deleted: the person's RSVPs (with the account, or with its
    address) are anonymized as the retention does after an action ends. Those still holding
    or awaiting a place at an action not over are cancelled first, so that the place goes to
    the next on the waitlist. In the caller's transaction."""
    now = now or timezone.now()
    theirs = Rsvp.objects.filter(
        Q(user=user) | Q(email=user.email.lower()), anonymized_at__isnull=True
    )
    for rsvp in theirs.filter(status__in=ACTIVE_STATUSES).exclude(
        action__in=Action.objects.past(now)
    ):
        rsvp_cancel(rsvp=rsvp)
    return _anonymize(list(theirs.values_list("pk", flat=True)), now=now)
