"""Moderation writes: `decisions` (what moderators decide, each an audit row, the collective
told by email), `reports` (reports grouped into cases, holds, resolutions) and `signups`
(approving the sign-ups that waited for a moderator)."""
