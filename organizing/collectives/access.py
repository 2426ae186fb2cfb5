"""Who may see or manage which collective. Every collective view goes through here."""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from organizing.accounts.access import acts_as_staff

from .models import ORGANIZING_ROLES, Collective, CollectiveStatus, Membership, MembershipRole
from .selectors import blocked_with


def membership_of(user, collective: Collective) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, collective=collective).first()


def user_admins(user, collective: Collective) -> bool:
    """An admin of the collective: acts for it in coalitions, proposals and appeals."""
    membership = membership_of(user, collective)
    return membership is not None and membership.is_admin


def user_organizes(user, collective: Collective) -> bool:
    """An admin or organizer of the collective."""
    membership = membership_of(user, collective)
    return membership is not None and membership.organizes


def is_moderator(user) -> bool:
    # Staff powers only in a session that passed two-factor (one rule for the whole site).
    return acts_as_staff(user)


def get_collective_for_user(user, slug: str, *, queryset: QuerySet | None = None) -> Collective:
    """Verified collectives are public; pending or suspended ones only for members and staff."""
    queryset = queryset if queryset is not None else Collective.objects.all()
    try:
        collective = queryset.get(slug=slug)
    except Collective.DoesNotExist:
        raise Http404 from None
    if collective.status == CollectiveStatus.VERIFIED:
        return collective
    if is_moderator(user):
        return collective
    if membership_of(user, collective) is not None:
        return collective
    raise Http404


def get_collective_for_member(
    user, slug: str, *, queryset: QuerySet | None = None
) -> tuple[Collective, Membership]:
    """For pages every member may use (the members list, leaving): 404 for everyone else."""
    queryset = queryset if queryset is not None else Collective.objects.all()
    try:
        collective = queryset.get(slug=slug)
    except Collective.DoesNotExist:
        raise Http404 from None
    membership = membership_of(user, collective)
    if membership is None:
        raise Http404
    return collective, membership


def get_collective_for_admin(
    user, slug: str, *, queryset: QuerySet | None = None
) -> tuple[Collective, Membership]:
    """For settings and member management: 404 for outsiders, 403 for members who are not admins.

    Moderators act through the Django admin, not through these pages.
    """
    collective, membership = get_collective_for_member(user, slug, queryset=queryset)
    if membership.role != MembershipRole.ADMIN:
        raise PermissionDenied
    return collective, membership


def get_collective_for_organizer(
    user, slug: str, *, queryset: QuerySet | None = None
) -> tuple[Collective, Membership]:
    """For pages admins and organizers use (partner suggestions, the inbox, drafting appeals):
    404 for outsiders, 403 for plain members."""
    collective, membership = get_collective_for_member(user, slug, queryset=queryset)
    if membership.role not in ORGANIZING_ROLES:
        raise PermissionDenied
    return collective, membership


def collectives_user_admins(user) -> QuerySet[Collective]:
    """The collectives this user may speak for (consent, sign, accept): those they admin."""
    if not user.is_authenticated:
        return Collective.objects.none()
    return Collective.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.ADMIN
    ).order_by("name")


def get_collective_acting_as_admin(user, collective_id) -> Collective:
    """The collective named in a form (by id) that the user admins, or 404."""
    collective = collectives_user_admins(user).filter(pk=collective_id).first()
    if collective is None:
        raise Http404
    return collective


def collectives_user_organizes(user) -> QuerySet[Collective]:
    """The collectives this user may act for as admin or organizer (propose, draft, call)."""
    if not user.is_authenticated:
        return Collective.objects.none()
    return Collective.objects.filter(
        memberships__user=user, memberships__role__in=ORGANIZING_ROLES
    ).order_by("name")


# --- peer vouching -----------------------------------------------------------------------

VOUCH_LINK_SALT = "collectives.vouch-link"
# The pending collective's notice always shows a fresh link; one shared long ago stops working.
VOUCH_LINK_MAX_AGE = timedelta(days=30)


def vouch_link_key(collective: Collective) -> str:
    """The key of a pending collective's vouch link. Signed: pending collectives are not public,
    so a link made from a guessed slug must not show a stranger that one exists."""
    return signing.dumps(collective.pk, salt=VOUCH_LINK_SALT)


def get_collective_to_vouch_for(user, slug: str, key: str) -> tuple[Collective, QuerySet]:
    """The pending collective a vouch link names, and the verified collectives this user
    admins that may vouch for it. 404 for a bad or old key, a collective that is no longer
    pending, and anyone who admins no verified collective not blocked (either way) with it;
    403 for the pending collective's own members (a vouch comes from outside). Two-factor is
    asked for after this, by the view, so that nobody else is sent to the TOTP setup (which
    would confirm the collective exists)."""
    try:
        collective_pk = signing.loads(key, salt=VOUCH_LINK_SALT, max_age=VOUCH_LINK_MAX_AGE)
    except signing.BadSignature:  # tampered or expired
        raise Http404 from None
    collective = Collective.objects.filter(pk=collective_pk, slug=slug).first()
    if collective is None:
        raise Http404
    if collective.status != CollectiveStatus.PENDING:
        raise Http404
    # A block either way (collectives.selectors.blocked_between) leaves that voucher out.
    vouchers = (
        collectives_user_admins(user)
        .filter(status=CollectiveStatus.VERIFIED)
        .exclude(pk__in=blocked_with(collective.pk))
    )
    if not vouchers.exists():
        raise Http404
    if membership_of(user, collective) is not None:
        raise PermissionDenied
    return collective, vouchers


# --- who sent a relayed message ------------------------------------------------------------

CONTACT_SENDER_SALT = "collectives.contact-sender"
# How long the "report this sender" link of a relayed message works.
CONTACT_SENDER_MAX_AGE = timedelta(days=60)


def contact_sender_key(collective: Collective, sender) -> str:
    """Proof, for the report link of a relayed message, that this account wrote to this
    collective: the relay keeps no copy of messages, so the link carries it, signed."""
    return signing.dumps({"c": collective.pk, "p": str(sender.public_id)}, salt=CONTACT_SENDER_SALT)


def contact_sender_from_key(key: str) -> tuple[int, str] | None:
    """(collective id, sender's public id) from a key, or None when it is bad or too old."""
    try:
        data = signing.loads(key, salt=CONTACT_SENDER_SALT, max_age=CONTACT_SENDER_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        return None
    return data["c"], str(data.get("p", ""))
