"""What actions announce to the floors above them, which they must not import.

`action_published` is sent inside the transaction that makes an action public for the first
time (keyword argument: `action`): posting it by a collective that publishes without review
(`services.posting.action_create`), publishing a draft (`action_publish`), and the
moderators' approval or restoring of an action never published before (moderation's
`action_approve`, `action_restore`). A receiver must not send anything itself: it queues its
work with `transaction.on_commit`, and whatever it queues must bear being run twice. Alerts'
follows answer it (alerts/apps.py).
"""

from django.dispatch import Signal

action_published = Signal()


def action_published_announce(*, action) -> None:
    action_published.send(sender=type(action), action=action)
