"""Free-text search over a few text fields, the same way for every list that offers it."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

# On SQLite every word must match; more words than this add nothing but work.
MAX_SEARCH_WORDS = 8


def text_search(
    queryset: QuerySet, *, text: str, fields: tuple[str, ...], also: Q | None = None
) -> QuerySet:
    """The rows of `queryset` whose `fields` match `text` (or that match `also`).

    On PostgreSQL, full-text search (configuration "simple": no stemming, any language): every
    word, in any order; "quoted phrases" and -excluded words work as in a web search engine.
    On SQLite, every word (case-insensitive for ASCII letters) in one of the fields.
    """
    if connections[queryset.db].vendor == "postgresql":
        # alias(), not annotate(): the document is needed in WHERE only, not in the SELECT list.
        queryset = queryset.alias(search_document=SearchVector(*fields, config="simple"))
        match = Q(search_document=SearchQuery(text, config="simple", search_type="websearch"))
    else:
        match = Q()
        for word in text.split()[:MAX_SEARCH_WORDS]:
            in_any_field = Q()
            for name in fields:
                in_any_field |= Q(**{f"{name}__icontains": word})
            match &= in_any_field
    return queryset.filter(match | also if also is not None else match)
