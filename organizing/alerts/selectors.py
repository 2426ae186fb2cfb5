"""Reads of alerts and follows: which alerts are due for their daily digest; who follows an
action's hosts; a follow button's state and count."""

from datetime import timedelta

from django.db.models import Q

from organizing.actions.models import Action, ActionStatus
from organizing.actions.selectors.public import accepted_hosts_prefetch
from organizing.coalitions.models import Coalition

from .models import ActionAlert, AlertStatus, Follow, FollowNotice

# At most one digest a day, even when the task runs twice (a retry, a manual run).
DIGEST_MIN_INTERVAL = timedelta(hours=20)


def alert_ids_due(*, now) -> list[int]:
    """Active alerts that had no digest in the last DIGEST_MIN_INTERVAL."""
    return list(
        ActionAlert.objects.filter(status=AlertStatus.ACTIVE)
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_MIN_INTERVAL))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# Follows


def _target_filter(target) -> Q:
    if isinstance(target, Coalition):
        return Q(coalition=target)
    return Q(collective=target)


def follow_of(user, target) -> Follow | None:
    """The signed-in user's follow of a collective or coalition (any status), or None."""
    if not user.is_authenticated:
        return None
    return Follow.objects.filter(_target_filter(target), user=user).first()


def follower_count(target) -> int:
    """How many active follows a collective or a coalition has: a number, never who."""
    return Follow.objects.filter(_target_filter(target), status=AlertStatus.ACTIVE).count()


def published_action_for_followers(action_id: int) -> Action | None:
    """The action, with its listed hosts, if it is published and public now (not a draft,
    not pending review, held, hidden, cancelled or rejected); None otherwise."""
    return (
        Action.objects.filter(pk=action_id, status=ActionStatus.PUBLISHED)
        .select_related("coalition")
        .prefetch_related(accepted_hosts_prefetch())
        .first()
    )


def follows_to_notify(action: Action) -> list[Follow]:
    """The active follows of the action's listed hosts (verified, accepted) and of its
    coalition (unless hidden): the host's follows first, in the hosts' order, then the
    coalition's; the accounts come with them (one query)."""
    host_ids = [link.collective_id for link in action.accepted_hosts]
    published = action.published_at or action.updated_at
    targets = Q(collective_id__in=host_ids)
    coalition = action.coalition
    if coalition is not None and coalition.hidden_at is None:
        targets |= Q(coalition_id=coalition.pk)
    follows = list(
        # Followers from before the publication only: a late run (the sweep) never sends
        # someone who followed later an action they found already published.
        Follow.objects.filter(targets, status=AlertStatus.ACTIVE, confirmed_at__lte=published)
        .exclude(user__is_active=False)
        .select_related("user", "collective", "coalition")
        .order_by("pk")
    )
    rank = {collective_id: index for index, collective_id in enumerate(host_ids)}
    return sorted(
        follows,
        key=lambda follow: (rank.get(follow.collective_id, len(rank)), follow.pk),
    )


def noticed_follow_ids(action: Action, follows: list[Follow]) -> set[int]:
    """Which of these follows already got their email about this action."""
    return set(
        FollowNotice.objects.filter(action=action, follow__in=follows).values_list(
            "follow_id", flat=True
        )
    )


def action_ids_published_between(*, start, end) -> list[int]:
    """Actions published in [start, end) and still published: what the hourly sweep hands to
    the fan-out again, in case its task was lost (a broker outage)."""
    return list(
        Action.objects.filter(
            status=ActionStatus.PUBLISHED, published_at__gte=start, published_at__lt=end
        )
        .order_by("published_at", "pk")
        .values_list("pk", flat=True)
    )
