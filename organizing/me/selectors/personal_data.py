"""What a person may take with them (/me/data/) and what stands in the way of deleting their
account (/me/delete/).

The download holds the person's own records only, each section one query: never anyone
else's personal data (no other attendees, no other members, no co-signers' names) and never
who reported whom (reports the person made, and reports about them, stay with the
moderators). `core/data_inventory.py` lists every personal field; the sections below are the
ones that name this person.
"""

from allauth.usersessions.models import UserSession
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from organizing.accounts.access import has_two_factor
from organizing.accounts.notifications import notification_preferences
from organizing.actions.models import Action, Rsvp
from organizing.alerts.models import ActionAlert, Follow
from organizing.appeals.models import AppealSignature
from organizing.collectives.models import Collective, Membership, MembershipRole
from organizing.core.links import site_url
from organizing.moderation.models import Decision
from organizing.partners.models import PartnershipProposal

# The sections of the download, in order, with what each holds (shown on the page).
SECTIONS = (
    "account",
    "memberships",
    "rsvps",
    "actions_created",
    "partnership_proposals",
    "appeal_signatures",
    "alerts",
    "follows",
    "notification_preferences",
    "sessions",
)


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def _account(user) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "language": user.language,
        "time_zone": user.time_zone,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "two_factor": has_two_factor(user),
        "calendar_feed": bool(user.calendar_token),
    }


def _memberships(user) -> list[dict]:
    rows = Membership.objects.filter(user=user).select_related("collective").order_by("created_at")
    return [
        {
            "collective": m.collective.name,
            "url": site_url(m.collective.get_absolute_url()),
            "role": m.role,
            "since": _when(m.created_at),
        }
        for m in rows
    ]


def person_rsvps(user) -> QuerySet[Rsvp]:
    """The person's RSVPs: made with the account, or with its address before it had one."""
    return Rsvp.objects.filter(
        Q(user=user) | Q(email=user.email.lower()), anonymized_at__isnull=True
    )


def _rsvps(user) -> list[dict]:
    rows = person_rsvps(user).select_related("action").order_by("created_at")
    return [
        {
            "action": r.action.title,
            "url": site_url(r.action.get_absolute_url()),
            "starts_at": _when(r.action.starts_at),
            "status": r.status,
            # What the person typed.
            "name": r.name,
            "email": r.email,
            "created_at": _when(r.created_at),
            "confirmed_at": _when(r.confirmed_at),
            "cancelled_at": _when(r.cancelled_at),
        }
        for r in rows
    ]


def _actions_created(user) -> list[dict]:
    rows = Action.objects.filter(created_by=user).order_by("created_at")
    return [
        {
            "title": a.title,
            "url": site_url(a.get_absolute_url()),
            "status": a.status,
            "kind": a.kind,
            "starts_at": _when(a.starts_at),
            "city": a.city,
            "created_at": _when(a.created_at),
        }
        for a in rows
    ]


def _proposals(user) -> list[dict]:
    rows = (
        PartnershipProposal.objects.filter(proposed_by=user)
        .select_related("from_collective", "to_collective")
        .order_by("created_at")
    )
    return [
        {
            "from": p.from_collective.name,
            "to": p.to_collective.name,
            "kind": p.kind,
            "message": p.message,
            "coalition_name": p.coalition_name,
            "draft_points": p.draft_points,
            "status": p.status,
            "created_at": _when(p.created_at),
        }
        for p in rows
    ]


def _signatures(user) -> list[dict]:
    rows = (
        AppealSignature.objects.filter(signed_by=user)
        .select_related("appeal", "collective")
        .order_by("created_at")
    )
    return [
        {
            "appeal": s.appeal.title,
            "url": site_url(s.appeal.get_absolute_url()),
            "for_collective": s.collective.name,
            "signed_at": _when(s.signed_at),
            "withdrawn_at": _when(s.withdrawn_at),
        }
        for s in rows
    ]


def _alerts(user) -> list[dict]:
    rows = ActionAlert.objects.filter(email__iexact=user.email).order_by("created_at")
    return [
        {
            "email": a.email,
            "search": a.description,
            "status": a.status,
            "language": a.language,
            "created_at": _when(a.created_at),
            "confirmed_at": _when(a.confirmed_at),
        }
        for a in rows
    ]


def _follows(user) -> list[dict]:
    """What the person follows, with the account or with its address: never who else does."""
    rows = (
        Follow.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .select_related("collective", "coalition")
        .order_by("created_at", "pk")
    )
    return [
        {
            "follows": (f.collective or f.coalition).name,
            "kind": "collective" if f.collective_id else "coalition",
            "url": site_url((f.collective or f.coalition).get_absolute_url()),
            "email": f.email,
            "status": f.status,
            "language": f.language,
            "created_at": _when(f.created_at),
            "confirmed_at": _when(f.confirmed_at),
        }
        for f in rows
    ]


def _sessions(user) -> list[dict]:
    """Where the person is logged in: what the site keeps is a login time and a coarse
    browser label (accounts/sessions.py), nothing more."""
    rows = UserSession.objects.filter(user=user).order_by("created_at")
    return [{"logged_in_at": _when(s.created_at), "browser": s.user_agent} for s in rows]


def personal_data_export(*, user) -> dict:
    """The person's download: every section of SECTIONS, JSON-ready."""
    return {
        "exported_at": timezone.now().isoformat(),
        "account": _account(user),
        "memberships": _memberships(user),
        "rsvps": _rsvps(user),
        "actions_created": _actions_created(user),
        "partnership_proposals": _proposals(user),
        "appeal_signatures": _signatures(user),
        "alerts": _alerts(user),
        "follows": _follows(user),
        # How each kind of email reaches the person (their choice, or the default).
        "notification_preferences": notification_preferences(user),
        "sessions": _sessions(user),
    }


def collectives_user_is_last_admin(user) -> list[Collective]:
    """The collectives that would be left without an admin if this person left: deleting the
    account waits until another admin is named or the collective is deleted."""
    admin = Q(memberships__role=MembershipRole.ADMIN)
    theirs = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values("collective")
    return list(
        Collective.objects.filter(pk__in=theirs)
        .annotate(admins=Count("memberships", filter=admin))
        .filter(admins=1)
        .order_by("name")
    )


def user_has_moderation_decisions(user) -> bool:
    """A moderator's decisions are the audit trail, kept for good with their author
    (Decision.moderator protects the account): staff retire such an account instead."""
    return Decision.objects.filter(moderator=user).exists()
