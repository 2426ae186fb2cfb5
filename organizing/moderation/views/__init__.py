"""Moderation's pages on the site: `reports` (the report form) and `decisions` (what the
collective concerned sees of the moderators' decisions, and its requests for review)."""
