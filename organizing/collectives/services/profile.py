"""Registering a collective, editing its profile, exporting and deleting it, relaying contact."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizing.core.choices import PlacePrecision
from organizing.core.errors import DomainError
from organizing.core.slugs import unique_slug
from organizing.outbox.services import outbox_enqueue_template

from ..access import contact_sender_key
from ..exports import export_sections
from ..models import (
    Collective,
    CollectiveStatus,
    Membership,
    MembershipEventKind,
    MembershipRole,
)
from ..selectors import collective_admin_emails
from ..signals import collective_deleting
from .events import event_record


class CollectiveError(DomainError):
    """A registration or edit the rules refuse; the message is meant for the user."""


def _profile_values(data: dict) -> dict:
    """Model values from the profile form's cleaned data; the city comes from the gazetteer."""
    city = data["city"]
    return {
        "name": data["name"],
        "kind": data["kind"],
        "city": city.name,
        "city_names": city.local_names,
        "region_code": city.admin1_code,
        "country": city.country.code,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "place_precision": PlacePrecision.CITY,
        "languages": list(data.get("languages") or []),
        "description": data.get("description", ""),
        "website": data.get("website", ""),
        "social_links": list(data.get("social_links") or []),
        "contact_email": data["contact_email"],
        "open_to_partners": data.get("open_to_partners", False),
    }


def _save_refusing_lookalikes(collective: Collective) -> None:
    try:
        with transaction.atomic():
            collective.full_clean(exclude=["slug", "name_key"])
            collective.save()
    except IntegrityError as error:
        # The form checked the name; a concurrent registration can still win the race.
        raise CollectiveError(
            _("A collective with a name like this one already exists.")
        ) from error


@transaction.atomic
def collective_register(*, user, data: dict) -> Collective:
    """Create a pending collective with its creator as admin, and tell them it awaits review."""
    collective = Collective(
        **_profile_values(data),
        slug=unique_slug(Collective, data["name"], fallback="collective"),
        status=CollectiveStatus.PENDING,
        created_by=user,
    )
    _save_refusing_lookalikes(collective)
    collective.causes.set(data["causes"])
    Membership.objects.create(user=user, collective=collective, role=MembershipRole.ADMIN)
    event_record(collective=collective, actor=user, kind=MembershipEventKind.CREATED)
    outbox_enqueue_template(
        to=user.email,
        template="collective_submitted",
        context={"collective": collective, "user": user, "site_url": settings.SITE_URL},
    )
    return collective


@transaction.atomic
def collective_update(*, collective: Collective, user, data: dict) -> Collective:
    for field, value in _profile_values(data).items():
        setattr(collective, field, value)
    _save_refusing_lookalikes(collective)
    collective.causes.set(data["causes"])
    event_record(collective=collective, actor=user, kind=MembershipEventKind.PROFILE_EDITED)
    return collective


def collective_export(*, collective: Collective, user) -> dict:
    """Everything the collective holds, for its admins (members' emails included)."""
    event_record(collective=collective, actor=user, kind=MembershipEventKind.EXPORTED)
    memberships = collective.memberships.select_related("user").order_by("created_at")
    return {
        "exported_at": timezone.now().isoformat(),
        "collective": {
            "name": collective.name,
            "slug": collective.slug,
            "kind": collective.kind,
            "status": collective.status,
            "city": collective.city,
            "country": collective.country.code,
            "latitude": collective.latitude,
            "longitude": collective.longitude,
            "languages": collective.languages,
            "description": collective.description,
            "website": collective.website,
            "social_links": collective.social_links,
            "contact_email": collective.contact_email,
            "open_to_partners": collective.open_to_partners,
            "causes": [cause.name for cause in collective.causes.all()],
            "created_at": collective.created_at.isoformat(),
        },
        "members": [
            {
                "name": str(m.user),
                "email": m.user.email,
                "role": m.role,
                "since": m.created_at.isoformat(),
            }
            for m in memberships
        ],
        # The floors above add theirs (collectives/exports.py): the actions it hosts.
        **export_sections(collective),
        "history": [
            {
                "when": event.created_at.isoformat(),
                "what": event.kind,
                "by": str(event.actor) if event.actor else None,
                "detail": event.detail,
            }
            for event in collective.events.select_related("actor")
        ],
    }


@transaction.atomic
def collective_delete(*, collective: Collective) -> None:
    """Delete the collective and its private data; its public actions stay in the archive.

    The floors above delete, in this transaction, what only the collective stood for
    (collectives/signals.py): actions it alone prepared (drafts, under review, rejected) go
    with it; published and cancelled ones remain, without their host link to it.
    """
    collective_deleting.send(sender=Collective, collective=collective)
    collective.delete()


def collective_contact(
    *,
    collective: Collective,
    sender_name: str,
    sender_email: str,
    message: str,
    share_email: bool,
    sender=None,
) -> None:
    """Relay a visitor's message; the collective's address is never revealed to the sender.
    When the sender is signed in (`sender`), the email carries a link for the collective's
    members to report them, naming them by a signed key, never by their address."""
    recipient = collective.contact_email or next(iter(collective_admin_emails(collective)), "")
    if not recipient:
        return
    signed_in = sender is not None and sender.is_authenticated
    outbox_enqueue_template(
        to=recipient,
        template="collective_contact",
        context={
            "collective": collective,
            "sender_name": sender_name,
            "message": message,
            "sender_email": sender_email if share_email else "",
            "site_url": settings.SITE_URL,
            "sender_public_id": str(sender.public_id) if signed_in else "",
            "sender_key": contact_sender_key(collective, sender) if signed_in else "",
        },
        reply_to=sender_email if share_email else "",
    )
