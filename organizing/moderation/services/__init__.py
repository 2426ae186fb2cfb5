"""Moderation writes: `decisions` (what moderators decide, each an audit row, the collective
told by email) and `reports` (reports grouped into cases, holds, resolutions)."""
