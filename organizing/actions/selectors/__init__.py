"""Reads of the actions app, one module per sub-feature: `public` (the pages of actions),
`browse` (the search and the home page), `rsvp` (counts, the viewer's RSVP, attendee lists)."""
