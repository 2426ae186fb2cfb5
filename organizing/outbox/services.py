"""Writing and sending outbox rows, and erasing them (retention, erased records).

The request path only writes a row (in the caller's transaction). Sending happens in
`tasks.outbox_send`, published by the periodic `tasks.outbox_relay`; with no broker configured
(eager mode) the send runs in-process right after the commit.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


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
    rows = OutboxMessage.objects.filter(concerns__in=concerns, purged_at__isnull=True)
    return _purge_now(rows, now=now or timezone.now())


def _purge_now(rows, *, now) -> int:
    """Erase `rows` (unpurged): those done at once, those not sent yet cancelled too."""
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


def outbox_purge_to(*, address: str, now=None) -> int:
    """Erase every copy of the emails to `address` (an account being deleted), in the
    caller's transaction: those sent or failed are erased, those not sent yet cancelled and
    erased; a row being sent right now is left to finish and goes with the retention."""
    addresses = {address, address.lower()}  # the outbox_to index: exact matches
    rows = OutboxMessage.objects.filter(to__in=addresses, purged_at__isnull=True)
    return _purge_now(rows, now=now or timezone.now())
