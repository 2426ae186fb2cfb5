"""What actions do when the floors below them announce a change (collectives/signals.py)."""

from .services.posting import action_delete_prepared_by


def delete_actions_only_it_prepared(sender, *, collective, **kwargs):
    """A collective is being deleted, in its transaction: its unshared drafts go with it."""
    action_delete_prepared_by(collective=collective)
