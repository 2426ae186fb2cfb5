"""Action alerts (saved searches with a daily digest) and follows (an email for each action a
collective or a coalition publishes), confirmed by link. Their emails go through the outbox
(organizing.outbox)."""

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

from organizing.actions.access import exact_location_is_public
from organizing.actions.selectors.browse import action_browse_queryset
from organizing.coalitions.models import Coalition
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.core.errors import DomainError
from organizing.core.links import site_url
from organizing.outbox.services import outbox_enqueue_template

from .models import ActionAlert, AlertStatus, Follow, FollowNotice
from .saved_search import search_description, search_from_params, search_query, search_refusal
from .selectors import (
    DIGEST_MIN_INTERVAL,
    follows_to_notify,
    noticed_follow_ids,
    published_action_for_followers,
)

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


def _confirmation_allowed(subscription: ActionAlert | Follow, now) -> bool:
    """An alert's or a follow's confirm link may be (re)sent: not twice within
    CONFIRMATION_RESEND_AFTER, and at most CONFIRMATIONS_PER_ADDRESS_PER_DAY to one address,
    alerts and follows together (both write to the same inbox)."""
    sent_at = subscription.confirmation_sent_at
    if sent_at and sent_at > now - CONFIRMATION_RESEND_AFTER:
        return False
    recent = {"email": subscription.email, "confirmation_sent_at__gt": now - timedelta(days=1)}
    sent_today = (
        ActionAlert.objects.filter(**recent).count() + Follow.objects.filter(**recent).count()
    )
    return sent_today < CONFIRMATIONS_PER_ADDRESS_PER_DAY


def _unsubscribe(model, *, token: str, error: type[AlertError]):
    """No more emails from the alert or follow of this token. Idempotent: a second click (or
    the mail program's one-click POST) changes nothing."""
    now = timezone.now()
    model.objects.filter(token=token).exclude(status=AlertStatus.UNSUBSCRIBED).update(
        status=AlertStatus.UNSUBSCRIBED, unsubscribed_at=now, updated_at=now
    )
    subscription = model.objects.filter(token=token).first()
    if subscription is None:
        raise error(_("This link is not valid."))
    return subscription


def _stale(*, now) -> Q:
    """Alerts and follows never confirmed ALERT_STALE_AFTER after their last confirm link, or
    unsubscribed for as long."""
    cutoff = now - ALERT_STALE_AFTER
    unconfirmed = Q(status=AlertStatus.UNCONFIRMED) & (
        Q(confirmation_sent_at__lte=cutoff)
        | Q(confirmation_sent_at__isnull=True, created_at__lte=cutoff)
    )
    return unconfirmed | Q(status=AlertStatus.UNSUBSCRIBED, unsubscribed_at__lte=cutoff)


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
    """No more digests (idempotent)."""
    return _unsubscribe(ActionAlert, token=token, error=AlertError)


# An alert never confirmed, or unsubscribed, keeps an address, a token and roughly where its
# subscriber lives for nothing: after this long it is deleted (alert_purge_stale).
ALERT_STALE_AFTER = timedelta(days=30)


def alert_purge_stale(*, now=None) -> int:
    """Delete the alerts unconfirmed ALERT_STALE_AFTER after their last confirm link, and
    those unsubscribed for as long. One DELETE; a new sign-up starts afresh."""
    deleted, _by_model = ActionAlert.objects.filter(_stale(now=now or timezone.now())).delete()
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
            "hosts": [link.collective for link in action.accepted_hosts],
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


# Follows: a collective or a coalition, an email for each action it publishes.


class FollowError(AlertError):
    """A follow the rules refuse; the message is meant for the person."""


def _follow_target(target) -> dict:
    """The field naming the target: {"collective": ...} or {"coalition": ...}."""
    if isinstance(target, Collective):
        return {"collective": target}
    if isinstance(target, Coalition):
        return {"coalition": target}
    raise TypeError(f"Cannot follow {target!r}")


def _follow_refusal(target) -> str:
    if isinstance(target, Collective) and target.status != CollectiveStatus.VERIFIED:
        return _("Only a verified collective can be followed.")
    if isinstance(target, Coalition) and target.hidden_at is not None:
        return _("This coalition cannot be followed.")
    return ""


def follow_links(follow: Follow) -> dict:
    return {
        "confirm_url": site_url(reverse("notifications:follow_confirm", args=[follow.token])),
        "unsubscribe_url": site_url(
            reverse("notifications:follow_unsubscribe", args=[follow.token])
        ),
        "target_url": site_url(follow.target.get_absolute_url()),
        "site_url": settings.SITE_URL,
    }


def _follow_get_or_create(*, lookup: dict, values: dict) -> Follow:
    existing = Follow.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Follow.objects.create(**lookup, token=secrets.token_urlsafe(32), **values)
    except IntegrityError:
        # The same follow at the same moment (a double click): the other one won.
        return Follow.objects.get(**lookup)


def follow_for_user(*, user, target) -> Follow:
    """One click: the account follows the collective or coalition at once (its address is
    verified at sign-up). Following again what it follows, or followed before, is the same
    follow, active again."""
    if refusal := _follow_refusal(target):
        raise FollowError(refusal)
    language = _supported_language(getattr(user, "language", "") or translation.get_language())
    now = timezone.now()
    with transaction.atomic():
        follow = _follow_get_or_create(
            lookup={"user": user, **_follow_target(target)}, values={"language": language}
        )
        follow = Follow.objects.select_for_update().get(pk=follow.pk)
        if follow.status != AlertStatus.ACTIVE:
            follow.status, follow.confirmed_at, follow.unsubscribed_at = (
                AlertStatus.ACTIVE,
                now,
                None,
            )
            follow.language = language
            follow.save()
    return follow


def unfollow_for_user(*, user, target) -> None:
    """The button's "Unfollow": no more emails about it. Idempotent."""
    now = timezone.now()
    Follow.objects.filter(user=user, **_follow_target(target)).exclude(
        status=AlertStatus.UNSUBSCRIBED
    ).update(status=AlertStatus.UNSUBSCRIBED, unsubscribed_at=now, updated_at=now)


def follow_subscribe(*, email: str, target, language: str) -> Follow:
    """Follow by address: email the confirm link. The same address and target again finds
    the same follow: an active one stays as it is (nothing is sent), an unconfirmed or
    unsubscribed one gets a new confirm link. Whoever asks learns nothing either way."""
    if refusal := _follow_refusal(target):
        raise FollowError(refusal)
    email = email.strip().lower()
    language = _supported_language(language)
    now = timezone.now()
    with transaction.atomic():
        follow = _follow_get_or_create(
            lookup={"user": None, "email": email, **_follow_target(target)},
            values={"language": language},
        )
        follow = Follow.objects.select_for_update().get(pk=follow.pk)
        if follow.status == AlertStatus.ACTIVE:
            return follow
        follow.status, follow.language = AlertStatus.UNCONFIRMED, language
        try:
            follow.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError:
            raise FollowError(_("Please check the email address.")) from None
        if _confirmation_allowed(follow, now):
            follow.confirmation_sent_at = now
            with translation.override(language):
                outbox_enqueue_template(
                    to=email,
                    template="follow_confirm",
                    context={"follow": follow, "target": target, **follow_links(follow)},
                )
        follow.save()
    return follow


def follow_confirm(*, token: str) -> Follow:
    """The confirm link was followed (and its button pressed): emails start with the next
    action published. Confirming an unsubscribed follow starts it again."""
    with transaction.atomic():
        follow = Follow.objects.select_for_update().filter(token=token).first()
        if follow is None:
            raise FollowError(_("This link is not valid."))
        if follow.status != AlertStatus.ACTIVE:
            follow.status, follow.confirmed_at = AlertStatus.ACTIVE, timezone.now()
            follow.unsubscribed_at = None
            follow.save(update_fields=["status", "confirmed_at", "unsubscribed_at", "updated_at"])
    return follow


def follow_unsubscribe(*, token: str) -> Follow:
    """No more emails (idempotent)."""
    return _unsubscribe(Follow, token=token, error=FollowError)


def follow_purge_stale(*, now=None) -> int:
    """Delete the follows by address unconfirmed ALERT_STALE_AFTER after their last confirm
    link, and every follow unsubscribed for as long (an account that follows again gets a new
    row). One DELETE (their notices go with them)."""
    deleted, _by_model = Follow.objects.filter(_stale(now=now or timezone.now())).delete()
    return deleted


def follow_notices_send(*, action_id: int) -> int:
    """Email every active follower of the action's listed hosts and of its coalition once,
    if the action is public and published. A person following several of them (or by account
    and by address) gets one email, about the follow that comes first (a host before the
    coalition). Each email is written in the transaction of its FollowNotice row, whose
    unique pair (action, follow) makes a second run, or a retry, send nothing twice.
    Returns how many emails were queued."""
    action = published_action_for_followers(action_id)
    if action is None:
        return 0
    follows = follows_to_notify(action)
    already = noticed_follow_ids(action, follows)
    by_address: dict[str, list[Follow]] = {}
    for follow in follows:
        by_address.setdefault(follow.address.lower(), []).append(follow)
    sent = 0
    for address, group in by_address.items():
        if any(follow.pk in already for follow in group):
            continue
        try:
            with transaction.atomic():
                FollowNotice.objects.create(follow=group[0], action=action)
                _follow_notice_enqueue(group[0], action, address)
        except IntegrityError:  # another run got there first
            continue
        sent += 1
    return sent


def _public_place(action) -> str:
    """The exact venue and address only when they are public; else the area label."""
    if exact_location_is_public(action):
        return ", ".join(
            part for part in (action.venue, action.address, action.public_place) if part
        )
    return action.public_place


def _follow_notice_enqueue(follow: Follow, action, address: str) -> None:
    links = follow_links(follow)
    with translation.override(follow.language):
        outbox_enqueue_template(
            to=address,
            template="follow_action",
            context={
                "follow": follow,
                "target": follow.target,
                "action": action,
                "hosts": [link.collective for link in action.accepted_hosts],
                "place": _public_place(action),
                "action_url": site_url(action.get_absolute_url()),
                **links,
            },
            headers={
                # RFC 8058: mail programs show an "unsubscribe" button that POSTs to the link.
                "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            concerns=f"follow:{follow.pk}",
        )
