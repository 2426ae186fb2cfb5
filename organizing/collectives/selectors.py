"""Reads of collectives. Selectors own prefetch_related: templates never query."""

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.utils import timezone

from organizing.core.search import text_search

from .models import (
    Collective,
    ExclusionKind,
    Invitation,
    Membership,
    MembershipEvent,
    MembershipEventKind,
    MembershipRole,
)
from .names import name_skeleton

# Events that name someone who asked to join: whoever manages the requests sees them, other
# members do not (a declined requester never became one of them).
JOIN_REQUEST_EVENTS = (MembershipEventKind.REQUESTED, MembershipEventKind.REQUEST_DECLINED)


def membership_history(
    collective: Collective, *, manager: bool, limit: int
) -> list[MembershipEvent]:
    """The members page's recent history, newest first; join requests for managers only."""
    events = collective.events.select_related("actor", "subject")
    if not manager:
        events = events.exclude(kind__in=JOIN_REQUEST_EVENTS)
    return list(events[:limit])


def collective_directory_queryset() -> QuerySet[Collective]:
    """What the public directory lists: verified collectives only, by name, with their causes."""
    return Collective.objects.verified().prefetch_related("causes").order_by("name", "pk")


def collective_text_search(queryset: QuerySet[Collective], *, text: str) -> QuerySet[Collective]:
    """The collectives of `queryset` whose name or description matches `text` (see
    core.search.text_search), or whose name contains the text once case, accents, spaces and
    punctuation are ignored ("montreal solid" finds "Montréal Solidarity Collective")."""
    same_name = Q(name_key__contains=key) if (key := name_skeleton(text)) else None
    return text_search(queryset, text=text, fields=("name", "description"), also=same_name)


def collective_admin_emails(collective: Collective) -> list[str]:
    """Where news for a collective's admins goes (invitations, requests, verification)."""
    return collectives_admin_emails([collective])


def _admin_memberships(collectives) -> QuerySet[Membership]:
    """The admin memberships of these collectives, oldest first."""
    return Membership.objects.filter(
        collective__in=list(collectives), role=MembershipRole.ADMIN
    ).order_by("created_at")


def collectives_admin_emails(collectives) -> list[str]:
    """The addresses of the admins of these collectives, each once, oldest admins first."""
    emails = _admin_memberships(collectives).values_list("user__email", flat=True)
    return list(dict.fromkeys(emails))


def collectives_admin_users(collectives) -> list:
    """The admins of these collectives (accounts), each once, oldest admins first: the
    recipients of tunable emails (accounts/notifications.py)."""
    memberships = _admin_memberships(collectives).select_related("user")
    return list({m.user_id: m.user for m in memberships}.values())


# The block rule lives here, below every app that must honour it (actions, coalitions,
# appeals, partners); the exclusions themselves are `partners.PartnerExclusion` rows.
BLOCKED_EXCLUSION = ExclusionKind.BLOCKED


def blocked_between(a_id: int, b_id: int) -> bool:
    """Whether either collective blocked the other (a `matching.PartnerExclusion` of kind
    "blocked", read both ways): no invitation, request, proposal, solidarity call or email
    between them, whichever side asks."""
    return Collective.objects.filter(
        Q(pk=a_id, partner_exclusions__other_id=b_id)
        | Q(pk=b_id, partner_exclusions__other_id=a_id),
        partner_exclusions__kind=BLOCKED_EXCLUSION,
    ).exists()


def blocked_with(collective_id: int) -> set[int]:
    """The ids of the collectives blocked either way with this one, to leave out of a
    mailing (a solidarity call, the co-hosts of an action posted for a coalition)."""
    blocked_it = Collective.objects.filter(
        partner_exclusions__other_id=collective_id,
        partner_exclusions__kind=BLOCKED_EXCLUSION,
    ).values_list("pk", flat=True)
    it_blocked = Collective.objects.filter(
        pk=collective_id,
        partner_exclusions__kind=BLOCKED_EXCLUSION,
    ).values_list("partner_exclusions__other_id", flat=True)
    return set(blocked_it) | set(it_blocked)


def blocked_with_condition(collective_id: int) -> Q:
    """`blocked_with` as a condition on collectives (two subqueries, no query of its own), to
    exclude them from a queryset: the collectives an appeal's initiator may invite."""
    blocked_it = Collective.objects.filter(
        partner_exclusions__other_id=collective_id,
        partner_exclusions__kind=BLOCKED_EXCLUSION,
    ).values("pk")
    it_blocked = Collective.objects.filter(
        pk=collective_id,
        partner_exclusions__kind=BLOCKED_EXCLUSION,
    ).values("partner_exclusions__other_id")
    return Q(pk__in=blocked_it) | Q(pk__in=it_blocked)


def open_invitations(collective: Collective) -> QuerySet[Invitation]:
    """Neither accepted, revoked nor expired."""
    return collective.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


def invitation_address_matches(invitation: Invitation, user) -> bool:
    """Whether the account has verified the address the invitation was sent to."""
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()
