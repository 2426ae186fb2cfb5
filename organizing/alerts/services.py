"""Action alerts: saved searches with a daily digest, confirmed by link. Their emails go
through the outbox (organizing.outbox)."""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from organizing.actions.selectors.browse import action_browse_queryset
from organizing.core.errors import DomainError
from organizing.core.links import site_url
from organizing.outbox.services import outbox_enqueue_template

from .models import ActionAlert, AlertStatus
from .saved_search import search_description, search_from_params, search_query, search_refusal
from .selectors import DIGEST_MIN_INTERVAL

logger = logging.getLogger(__name__)

# Action alerts: a saved browse search, confirmed by link, with a daily digest of new actions.


class AlertError(DomainError):
    """An alert the rules refuse; the message is meant for the person."""


# A confirm link goes again only after this long, and to one address a few times a day at most:
# the sign-up form takes any address, so it must not become a way to flood someone's inbox.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)
CONFIRMATIONS_PER_ADDRESS_PER_DAY = 5
DIGEST_MAX_ACTIONS = 20
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
