"""Writes of the partners app, one module per sub-feature: suggestions (dismiss, block, unblock)
and proposals. Each write is atomic, and the emails it causes are outbox rows in the same
transaction."""
