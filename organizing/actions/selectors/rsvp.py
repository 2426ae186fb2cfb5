"""Reads about RSVPs: counts, the viewer's own RSVP, who sees the exact place, attendee lists.

The action page calls `rsvp_counts` and `viewer_rsvp`; `can_see_exact_location` applies the
location rule (`access.can_see_exact_location`) to whoever makes a request.
"""

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from .. import access
from ..models import Action, Rsvp, RsvpStatus

# The session key holding {action id: token} for people who followed a confirm link.
SESSION_KEY = "rsvp_tokens"
# The session key listing the action ids for which this browser sent an RSVP by email that
# is not confirmed yet. It holds no token and no address: only "you sent one, check your mail".
SENT_SESSION_KEY = "rsvp_sent"

# Order of the attendee list: the people hosts must act on first.
STATUS_ORDER = [
    RsvpStatus.PENDING,
    RsvpStatus.CONFIRMED,
    RsvpStatus.WAITLISTED,
    RsvpStatus.UNCONFIRMED,
    RsvpStatus.DECLINED,
    RsvpStatus.CANCELLED,
]


def rsvp_counts(action: Action) -> dict[str, int]:
    """{"confirmed": n, "waitlisted": m}, in one query. Anonymized RSVPs still count."""
    return Rsvp.objects.filter(action=action).aggregate(
        confirmed=Count("pk", filter=Q(status=RsvpStatus.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=RsvpStatus.WAITLISTED)),
    )


def viewer_rsvp(request: HttpRequest, action: Action) -> Rsvp | None:
    """The RSVP of whoever looks: by their account, else by a token the session keeps after
    they followed a confirm link. None for everyone else."""
    user = request.user
    if user.is_authenticated:
        rsvp = Rsvp.objects.filter(action=action, user=user, anonymized_at__isnull=True).first()
        if rsvp is not None:
            return rsvp
    token = request.session.get(SESSION_KEY, {}).get(str(action.pk))
    if not token:
        return None
    return Rsvp.objects.filter(action=action, token=token, anonymized_at__isnull=True).first()


def viewer_sent_rsvp(request: HttpRequest, action: Action) -> bool:
    """Whether this browser sent an RSVP by email for the action and has not confirmed it yet
    (it says nothing about the address typed, nor about anyone else's RSVP)."""
    return str(action.pk) in request.session.get(SENT_SESSION_KEY, [])


def waitlist_position(rsvp: Rsvp) -> int | None:
    """1 for the next person to get a freed place (the order `_promote` follows)."""
    if rsvp.status != RsvpStatus.WAITLISTED:
        return None
    ahead = Rsvp.objects.filter(action_id=rsvp.action_id, status=RsvpStatus.WAITLISTED).filter(
        Q(created_at__lt=rsvp.created_at) | Q(created_at=rsvp.created_at, pk__lt=rsvp.pk)
    )
    return ahead.count() + 1


def can_see_exact_location(request: HttpRequest, action: Action) -> bool:
    """The rule of `access.can_see_exact_location`, for whoever makes this request (a
    confirmed participant without an account is known by the session-kept token)."""
    return access.can_see_exact_location(request.user, action, rsvp=viewer_rsvp(request, action))


def attendee_list(action: Action) -> list[Rsvp]:
    """Everyone who RSVP'd, those awaiting a decision first, then in order of arrival."""
    rank = {status: index for index, status in enumerate(STATUS_ORDER)}
    # The account (if any) gives the "Report" link its person's public id.
    rsvps = Rsvp.objects.filter(action=action).select_related("user").order_by("created_at", "pk")
    return sorted(rsvps, key=lambda rsvp: rank.get(rsvp.status, len(rank)))


def confirmed_rsvps(action: Action) -> QuerySet:
    return Rsvp.objects.filter(
        action=action, status=RsvpStatus.CONFIRMED, anonymized_at__isnull=True
    ).order_by("created_at", "pk")
