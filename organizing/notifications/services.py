"""Writing and sending outbox rows; action alerts (saved searches with a daily digest).

The request path only writes a row (in the caller's transaction). Sending happens in
`tasks.outbox_send`, published by the periodic `tasks.outbox_relay`; with no broker configured
(eager mode) the send runs in-process right after the commit.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from organizing.actions.selectors import action_browse_queryset
from organizing.core.links import site_url

from .models import ActionAlert, AlertStatus, OutboxMessage, OutboxStatus
from .saved_search import search_description, search_from_params, search_query, search_refusal

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# A row handed to the broker but still pending after this long is handed over again.
REQUEUE_AFTER = timedelta(minutes=5)
# Leave fresh rows to the eager path / in-flight commit before the relay touches them.
RELAY_GRACE = timedelta(seconds=5)


def outbox_enqueue(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    reply_to: str = "",
    headers: dict[str, str] | None = None,
    concerns: str = "",
) -> OutboxMessage:
    """`concerns` names the record the email is about ("rsvp:42"): erasing that record's
    personal data erases this copy too (outbox_purge_concerning)."""
    message = OutboxMessage.objects.create(
        to=to,
        subject=subject.strip(),
        body_text=body_text,
        body_html=body_html,
        reply_to=reply_to,
        headers=headers or {},
        concerns=concerns,
    )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker, no relay: send in-process once committed; a failure leaves the row pending.
        transaction.on_commit(lambda: _deliver_quietly(message.pk))
    return message


def _deliver_quietly(message_id: int) -> None:
    try:
        outbox_deliver(message_id=message_id)
    except Exception:  # recorded on the row by outbox_deliver; never reaches the request
        logger.exception("Outbox message %s could not be sent now", message_id)


def outbox_enqueue_template(
    *,
    to: str,
    template: str,
    context: dict,
    reply_to: str = "",
    headers: dict[str, str] | None = None,
    concerns: str = "",
) -> OutboxMessage:
    """Render templates/emails/<template>/{subject.txt,body.txt[,body.html]} into a row, in the
    active language."""
    subject = render_to_string(f"emails/{template}/subject.txt", context)
    body_text = render_to_string(f"emails/{template}/body.txt", context)
    try:
        body_html = render_to_string(f"emails/{template}/body.html", context)
    except TemplateDoesNotExist:  # the HTML part is optional
        body_html = ""
    return outbox_enqueue(
        to=to,
        subject=" ".join(subject.split()),
        body_text=body_text,
        body_html=body_html,
        reply_to=reply_to,
        headers=headers,
        concerns=concerns,
    )


def outbox_claim(message_id: int) -> bool:
    """Atomically take a pending row; False when someone else already has it."""
    # A purged row has no recipient or body left: it is never sent, even if a retry put it
    # back to pending after the purge.
    claimed = OutboxMessage.objects.filter(
        pk=message_id,
        status=OutboxStatus.PENDING,
        purged_at__isnull=True,
    ).update(status=OutboxStatus.SENDING, updated_at=timezone.now())
    return claimed == 1


def outbox_deliver(*, message_id: int) -> bool:
    """Send one row once. Returns True when this call sent it."""
    if not outbox_claim(message_id):
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=message.headers or None,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except Exception as error:
        _record_failure(message, error)
        raise
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        attempts=message.attempts + 1,
        last_error="",
    )
    return True


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    attempts = message.attempts + 1
    status = OutboxStatus.FAILED if attempts >= MAX_ATTEMPTS else OutboxStatus.PENDING
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=status, attempts=attempts, last_error=repr(error)[:2000]
    )
    logger.warning("Outbox message %s failed (attempt %s): %r", message.pk, attempts, error)


def outbox_due_for_relay(*, now=None, limit: int = 500) -> list[int]:
    """Pending rows the broker may never have received."""
    now = now or timezone.now()
    return list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, created_at__lte=now - RELAY_GRACE)
        .exclude(queued_at__gt=now - REQUEUE_AFTER)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_mark_queued(*, message_id: int) -> None:
    OutboxMessage.objects.filter(pk=message_id).update(queued_at=timezone.now())


# Retention: what was sent is erased after a few days, and at once with the record it is about.

# A valid address (the field stays valid for the admin and for full_clean) that can never be
# delivered: ".invalid" is reserved (RFC 2606).
ERASED_ADDRESS = "erased@erased.invalid"
PURGE_BATCH_SIZE = 500
# Rows that will never be sent again: their copy is only a record of what was sent.
_DONE_STATUSES = (OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.CANCELLED)


def _erased_values(now) -> dict:
    return {
        "to": ERASED_ADDRESS,
        "reply_to": ERASED_ADDRESS,
        "subject": "",
        "body_text": "",
        "body_html": "",
        "headers": {},
        "last_error": "",
        "purged_at": now,
        "updated_at": now,
    }


def _purge_in_batches(queryset, *, now, batch_size: int) -> int:
    """Erase the rows of `queryset` (which must exclude purged rows) a batch at a time: one
    SELECT of ids and one UPDATE per batch, each batch its own short transaction."""
    purged = 0
    while True:
        with transaction.atomic():
            ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not ids:
                return purged
            purged += OutboxMessage.objects.filter(pk__in=ids, purged_at__isnull=True).update(
                **_erased_values(now)
            )
        if len(ids) < batch_size:
            return purged


def outbox_purge_expired(*, now=None, batch_size: int = PURGE_BATCH_SIZE) -> int:
    """Erase the recipient, subject and body of rows sent (or failed for good) more than
    OUTBOX_RETENTION_DAYS ago; the row stays (status, dates, attempts) as a record that an
    email went. Rows still waiting to be sent are never touched: mail must not be lost."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    unpurged = OutboxMessage.objects.filter(purged_at__isnull=True)
    # Sent rows through the partial index on unpurged sent_at; failed ones by the status index.
    sent = unpurged.filter(status=OutboxStatus.SENT, sent_at__lte=cutoff)
    # Failed for good, or claimed by a worker that died: nothing sends these rows again (the
    # relay takes pending rows only), and a week is far beyond every retry.
    dead = unpurged.filter(
        status__in=(OutboxStatus.FAILED, OutboxStatus.SENDING),
        created_at__lte=cutoff,
        updated_at__lte=cutoff,
    )
    return _purge_in_batches(sent, now=now, batch_size=batch_size) + _purge_in_batches(
        dead, now=now, batch_size=batch_size
    )


def outbox_purge_concerning(*, concerns: list[str], now=None) -> int:
    """Erase every copy of the emails about these records (see outbox_enqueue), in the
    caller's transaction; those not sent yet are cancelled, as they are about data that no
    longer exists. A row being sent right now is left to finish and goes with the retention."""
    if not concerns:
        return 0
    now = now or timezone.now()
    rows = OutboxMessage.objects.filter(concerns__in=concerns, purged_at__isnull=True)
    done = rows.filter(status__in=_DONE_STATUSES).update(**_erased_values(now))
    unsent = rows.filter(status=OutboxStatus.PENDING).update(
        **_erased_values(now), status=OutboxStatus.CANCELLED
    )
    return done + unsent


def outbox_cancel_concerning(*, concerns: list[str], now=None) -> int:
    """Cancel (and erase) the emails about these records that are not sent yet; what was
    already sent stays until the retention purge."""
    if not concerns:
        return 0
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        concerns__in=concerns,
        status=OutboxStatus.PENDING,
        purged_at__isnull=True,
    ).update(**_erased_values(now), status=OutboxStatus.CANCELLED)


# Action alerts: a saved browse search, confirmed by link, with a daily digest of new actions.


class AlertError(Exception):
    """An alert the rules refuse; the message is meant for the person."""


# A confirm link goes again only after this long, and to one address a few times a day at most:
# the sign-up form takes any address, so it must not become a way to flood someone's inbox.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)
CONFIRMATIONS_PER_ADDRESS_PER_DAY = 5
DIGEST_MAX_ACTIONS = 20
# At most one digest a day, even when the task runs twice (a retry, a manual run).
DIGEST_MIN_INTERVAL = timedelta(hours=20)
# An action counts as published once its publishing transaction has surely committed: one
# published (published_at set) just before a digest but committed just after would otherwise
# fall behind the watermark and never be sent.
PUBLISH_GRACE = timedelta(minutes=5)


def _supported_language(language: str) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def _alert_links(alert: ActionAlert) -> dict:
    return {
        "confirm_url": site_url(reverse("notifications:alert_confirm", args=[alert.token])),
        "unsubscribe_url": site_url(reverse("notifications:alert_unsubscribe", args=[alert.token])),
        "browse_url": site_url(alert.browse_path),
        "site_url": settings.SITE_URL,
    }


def _alert_get_or_create(*, email: str, city, query: str, values: dict) -> ActionAlert:
    existing = ActionAlert.objects.filter(email=email, city=city, query=query).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return ActionAlert.objects.create(
                email=email, city=city, query=query, token=secrets.token_urlsafe(32), **values
            )
    except IntegrityError:
        # The same sign-up at the same moment (a double click): the other one won.
        return ActionAlert.objects.get(email=email, city=city, query=query)


def _confirmation_allowed(alert: ActionAlert, now) -> bool:
    if alert.confirmation_sent_at and alert.confirmation_sent_at > now - CONFIRMATION_RESEND_AFTER:
        return False
    sent_today = ActionAlert.objects.filter(
        email=alert.email, confirmation_sent_at__gt=now - timedelta(days=1)
    ).count()
    return sent_today < CONFIRMATIONS_PER_ADDRESS_PER_DAY


def alert_subscribe(*, email: str, params, language: str) -> ActionAlert:
    """Save a search for an address and email the confirm link. The same address and search
    again finds the same alert: an active one stays as it is (nothing is sent), an unconfirmed
    or unsubscribed one gets a new confirm link. Whoever signs up learns nothing either way."""
    email = email.strip().lower()
    language = _supported_language(language)
    search = search_from_params(params)
    if refusal := search_refusal(search):
        raise AlertError(refusal)
    query = search_query(search)
    if len(query) > ActionAlert._meta.get_field("query").max_length:
        raise AlertError(_("This search is too long to save: please use fewer words."))
    with translation.override(language):
        description = search_description(search)[:500]
    now = timezone.now()
    with transaction.atomic():
        alert = _alert_get_or_create(
            email=email,
            city=search.area.city,
            query=query,
            values={"description": description, "language": language},
        )
        alert = ActionAlert.objects.select_for_update().get(pk=alert.pk)
        if alert.status == AlertStatus.ACTIVE:
            return alert
        alert.status = AlertStatus.UNCONFIRMED
        alert.description, alert.language = description, language
        try:
            alert.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError:
            raise AlertError(_("Please check the email address.")) from None
        if _confirmation_allowed(alert, now):
            alert.confirmation_sent_at = now
            with translation.override(language):
                outbox_enqueue_template(
                    to=email,
                    template="alert_confirm",
                    context={"alert": alert, **_alert_links(alert)},
                )
        alert.save()
    return alert


def alert_confirm(*, token: str) -> ActionAlert:
    """The confirm link was followed (and its button pressed): digests start, with actions
    published from now on. Confirming an unsubscribed alert starts it again."""
    with transaction.atomic():
        alert = ActionAlert.objects.select_for_update().filter(token=token).first()
        if alert is None:
            raise AlertError(_("This link is not valid."))
        if alert.status != AlertStatus.ACTIVE:
            now = timezone.now()
            alert.status, alert.confirmed_at, alert.new_since = AlertStatus.ACTIVE, now, now
            alert.unsubscribed_at = None
            alert.save(
                update_fields=[
                    "status",
                    "confirmed_at",
                    "new_since",
                    "unsubscribed_at",
                    "updated_at",
                ]
            )
    return alert


def alert_unsubscribe(*, token: str) -> ActionAlert:
    """No more digests. Idempotent: a second click (or the mail provider's one-click POST)
    changes nothing."""
    now = timezone.now()
    ActionAlert.objects.filter(token=token).exclude(status=AlertStatus.UNSUBSCRIBED).update(
        status=AlertStatus.UNSUBSCRIBED, unsubscribed_at=now, updated_at=now
    )
    alert = ActionAlert.objects.filter(token=token).first()
    if alert is None:
        raise AlertError(_("This link is not valid."))
    return alert


# An alert never confirmed, or unsubscribed, keeps an address, a token and roughly where its
# subscriber lives for nothing: after this long it is deleted (alert_purge_stale).
ALERT_STALE_AFTER = timedelta(days=30)


def alert_purge_stale(*, now=None) -> int:
    """Delete the alerts unconfirmed ALERT_STALE_AFTER after their last confirm link, and
    those unsubscribed for as long. One DELETE; a new sign-up starts afresh."""
    now = now or timezone.now()
    cutoff = now - ALERT_STALE_AFTER
    unconfirmed = Q(status=AlertStatus.UNCONFIRMED) & (
        Q(confirmation_sent_at__lte=cutoff)
        | Q(confirmation_sent_at__isnull=True, created_at__lte=cutoff)
    )
    unsubscribed = Q(status=AlertStatus.UNSUBSCRIBED, unsubscribed_at__lte=cutoff)
    deleted, _by_model = ActionAlert.objects.filter(unconfirmed | unsubscribed).delete()
    return deleted


def alert_ids_due(*, now) -> list[int]:
    """Active alerts that had no digest in the last DIGEST_MIN_INTERVAL."""
    return list(
        ActionAlert.objects.filter(status=AlertStatus.ACTIVE)
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_MIN_INTERVAL))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def alert_digest_send(*, alert_id: int, now) -> int:
    """Email the actions published since the watermark that match the saved search and are
    still to come (at most DIGEST_MAX_ACTIONS, then "and N more" with a link to the search).
    The outbox row and the moved watermark are one transaction, so a run repeated or retried
    never sends the same actions twice; nothing new, nothing sent. Returns how many actions the
    digest counted (0 when nothing was sent)."""
    with transaction.atomic():
        alert = (
            ActionAlert.objects.select_for_update(of=("self",))
            .select_related("city")
            .filter(pk=alert_id, status=AlertStatus.ACTIVE)
            .first()
        )
        if alert is None or alert.new_since is None:
            return 0
        if alert.last_sent_at and alert.last_sent_at > now - DIGEST_MIN_INTERVAL:
            return 0
        until = now - PUBLISH_GRACE
        if until <= alert.new_since:
            return 0
        new = action_browse_queryset().filter(
            published_at__gt=alert.new_since, published_at__lte=until
        )
        search = search_from_params(QueryDict(alert.query), city=alert.city, queryset=new, now=now)
        if search_refusal(search):  # the saved search no longer reads as a city: send nothing
            logger.warning("Alert %s: its search %r has no city area", alert.pk, alert.query)
            return 0
        actions = list(search.qs[: DIGEST_MAX_ACTIONS + 1])
        total = len(actions) if len(actions) <= DIGEST_MAX_ACTIONS else search.qs.count()
        if actions:
            _digest_enqueue(alert, actions[:DIGEST_MAX_ACTIONS], total)
            alert.last_sent_at = now
        alert.new_since = until
        alert.save(update_fields=["new_since", "last_sent_at", "updated_at"])
    return total


def _digest_enqueue(alert: ActionAlert, actions: list, total: int) -> None:
    links = _alert_links(alert)
    items = [
        {
            "action": action,
            "url": site_url(action.get_absolute_url()),
            "hosts": [link.collective.name for link in action.accepted_hosts],
        }
        for action in actions
    ]
    with translation.override(alert.language):
        outbox_enqueue_template(
            to=alert.email,
            template="alert_digest",
            context={
                "alert": alert,
                "items": items,
                "total": total,
                "more": total - len(items),
                **links,
            },
            headers={
                # RFC 8058: mail programs show an "unsubscribe" button that POSTs to the link.
                "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
