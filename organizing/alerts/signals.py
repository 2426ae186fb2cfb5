"""What alerts do when the floors below them announce a change (actions/announcements.py)."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _queue_follow_emails(action_id: int) -> None:
    from .tasks import follow_notify_published

    try:
        follow_notify_published.delay(action_id)
    except Exception:  # a broker outage must not fail the publication that was committed
        logger.exception("Action %s: the follow emails could not be queued", action_id)


def queue_follow_emails(sender, *, action, **kwargs):
    """An action was just published, in its transaction: once it is committed, a task emails
    the followers of its hosts and its coalition (the request never waits for the fan-out
    itself; without a broker the task runs in-process, as every task does)."""
    action_id = action.pk
    transaction.on_commit(lambda: _queue_follow_emails(action_id))
