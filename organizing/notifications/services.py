"""Writing and sending outbox rows.

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
# A row handed to the broker but still pending after this long is handed over again.
REQUEUE_AFTER = timedelta(minutes=5)
# Leave fresh rows to the eager path / in-flight commit before the relay touches them.
RELAY_GRACE = timedelta(seconds=5)


def outbox_enqueue(
    *, to: str, subject: str, body_text: str, body_html: str = "", reply_to: str = ""
) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        to=to, subject=subject.strip(), body_text=body_text, body_html=body_html,
        reply_to=reply_to,
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
    *, to: str, template: str, context: dict, reply_to: str = ""
) -> OutboxMessage:
    """Render templates/emails/<template>/{subject.txt,body.txt[,body.html]} into a row."""
    subject = render_to_string(f"emails/{template}/subject.txt", context)
    body_text = render_to_string(f"emails/{template}/body.txt", context)
    try:
        body_html = render_to_string(f"emails/{template}/body.html", context)
    except TemplateDoesNotExist:  # the HTML part is optional
        body_html = ""
    return outbox_enqueue(
        to=to, subject=" ".join(subject.split()), body_text=body_text, body_html=body_html,
        reply_to=reply_to,
    )


def outbox_claim(message_id: int) -> bool:
    """Atomically take a pending row; False when someone else already has it."""
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, updated_at=timezone.now()
    )
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
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except Exception as error:
        _record_failure(message, error)
        raise
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), attempts=message.attempts + 1,
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
        OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING, created_at__lte=now - RELAY_GRACE
        )
        .exclude(queued_at__gt=now - REQUEUE_AFTER)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_mark_queued(*, message_id: int) -> None:
    OutboxMessage.objects.filter(pk=message_id).update(queued_at=timezone.now())
