"""The emails a person can tune (NotificationKind): each time, in a daily digest, or off.

Every email of a tunable kind to a signed-up person goes through `notification_send` (or
`notification_send_many` for many people, with one query for their choices): "each" writes an
outbox row as before, "digest" holds a DigestItem for the daily digest
(`notifications_send_digests`), "off" drops it. Moderation decisions about a person's
collective are never off. An address without an account gets the plain outbox email. Each
email is written in its recipient's preferred language (the site's when they chose none).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from organizing.core.links import site_url
from organizing.outbox.services import outbox_enqueue, outbox_enqueue_template

from .models import DigestItem, NotificationDelivery, NotificationKind, NotificationPreference, User

logger = logging.getLogger(__name__)

DEFAULT_DELIVERY: dict[str, str] = {
    NotificationKind.JOIN_REQUESTS: NotificationDelivery.EACH,
    NotificationKind.PROPOSALS: NotificationDelivery.EACH,
    NotificationKind.SOLIDARITY_CALLS: NotificationDelivery.EACH,
    NotificationKind.MODERATION_DECISIONS: NotificationDelivery.EACH,
    NotificationKind.NEW_RSVPS: NotificationDelivery.DIGEST,
}
# Kinds that cannot be turned off: the person must know what moderators decided about their
# collective.
NEVER_OFF = frozenset({NotificationKind.MODERATION_DECISIONS})


def delivery_choices(kind: str) -> list[tuple[str, str]]:
    """The choices a person has for a kind (the preferences form)."""
    return [
        (value, label)
        for value, label in NotificationDelivery.choices
        if not (kind in NEVER_OFF and value == NotificationDelivery.OFF)
    ]


def _effective(kind: str, delivery: str | None) -> str:
    delivery = delivery or DEFAULT_DELIVERY[kind]
    if kind in NEVER_OFF and delivery == NotificationDelivery.OFF:
        return NotificationDelivery.EACH
    return delivery


def notification_deliveries(users, kind: str) -> dict[int, str]:
    """How each of these people gets this kind, in one query: {user id: delivery}."""
    ids = [user.pk for user in users]
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {pk: _effective(kind, chosen.get(pk)) for pk in ids}


def notification_delivery(user, kind: str) -> str:
    return notification_deliveries([user], kind)[user.pk]


def notification_preferences(user) -> dict[str, str]:
    """Every kind with the person's delivery (their choice or the default), one query."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: _effective(kind, chosen.get(kind)) for kind in NotificationKind.values}


def _render(template: str, context: dict) -> tuple[str, str, str]:
    subject = " ".join(render_to_string(f"emails/{template}/subject.txt", context).split())
    body_text = render_to_string(f"emails/{template}/body.txt", context)
    try:
        body_html = render_to_string(f"emails/{template}/body.html", context)
    except TemplateDoesNotExist:
        body_html = ""
    return subject, body_text, body_html


def recipient_language(user) -> str:
    """The language of an email to this person: their preference, else the site's."""
    return user.language or settings.LANGUAGE_CODE


def notification_send_many(
    *, users, kind: str, template: str, context: dict, concerns: str = ""
) -> int:
    """One email of `kind` to each of these people, as each chose, in each one's language
    (rendered once per language, not per person). Returns how many were sent or held (not
    those turned off)."""
    users = list(dict.fromkeys(users))
    if not users:
        return 0
    deliveries = notification_deliveries(users, kind)
    wanted = [user for user in users if deliveries[user.pk] != NotificationDelivery.OFF]
    rendered = {}
    for language in {recipient_language(user) for user in wanted}:
        with translation.override(language):
            rendered[language] = _render(template, context)
    held = []
    for user in wanted:
        subject, body_text, body_html = rendered[recipient_language(user)]
        if deliveries[user.pk] == NotificationDelivery.DIGEST:
            held.append(
                DigestItem(
                    user=user,
                    kind=kind,
                    subject=subject[:300],
                    body_text=body_text,
                    concerns=concerns,
                )
            )
        else:
            outbox_enqueue(
                to=user.email,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                concerns=concerns,
            )
    if held:
        DigestItem.objects.bulk_create(held)
    return len(wanted)


def notification_send(
    *,
    kind: str,
    template: str,
    context: dict,
    user: User | None = None,
    to: str = "",
    concerns: str = "",
) -> int:
    """One email of `kind` to a person (by their choice) or, with no account, to an address."""
    if user is None:
        outbox_enqueue_template(to=to, template=template, context=context, concerns=concerns)
        return 1
    return notification_send_many(
        users=[user], kind=kind, template=template, context=context, concerns=concerns
    )


def digest_items_purge_concerning(*, concerns: list[str]) -> int:
    """Erase the held emails about these records (an RSVP anonymized or erased)."""
    if not concerns:
        return 0
    deleted, _counts = DigestItem.objects.filter(concerns__in=concerns).delete()
    return deleted


def digest_user_ids() -> list[int]:
    """The people with held emails, each once."""
    return list(DigestItem.objects.order_by("user_id").values_list("user_id", flat=True).distinct())


@transaction.atomic
def digest_send(*, user_id: int) -> bool:
    """One email with every item held for this person, in their language, then the items go,
    in the transaction of the outbox row. The items are claimed (skip_locked): a concurrent
    run skips them, and a re-run finds nothing. Returns True when an email was written."""
    items = list(
        DigestItem.objects.select_for_update(skip_locked=True)
        .filter(user_id=user_id)
        .order_by("created_at", "id")
    )
    if not items:
        return False
    user = User.objects.only("email", "language").get(pk=user_id)
    with translation.override(recipient_language(user)):
        outbox_enqueue_template(
            to=user.email,
            template="notification_digest",
            context={
                "items": items,
                "preferences_url": site_url(reverse("me:notifications")),
            },
        )
    DigestItem.objects.filter(pk__in=[item.pk for item in items]).delete()
    return True


def notifications_digest_all() -> int:
    """Every person's digest; one failing person is logged and left for the next run."""
    sent = 0
    for user_id in digest_user_ids():
        try:
            sent += digest_send(user_id=user_id)
        except Exception:
            logger.exception("User %s: the notification digest could not be prepared", user_id)
    return sent
