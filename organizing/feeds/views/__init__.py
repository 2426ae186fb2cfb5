"""Feeds' pages, one module per output: `calendars` (iCalendar), `news` (RSS and Atom),
`api` (the JSON API); `caching` holds what they share about shared caches."""
