"""Reads of collectives. Selectors own prefetch_related: templates never query."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

from .models import Collective, Membership, MembershipRole
from .names import name_skeleton

# On SQLite every word must match; more words than this add nothing but work.
MAX_SEARCH_WORDS = 8


def collective_directory_queryset() -> QuerySet[Collective]:
    """What the public directory lists: verified collectives only, by name, with their causes."""
    return Collective.objects.verified().prefetch_related("causes").order_by("name", "pk")


def collective_text_search(queryset: QuerySet[Collective], *, text: str) -> QuerySet[Collective]:
    """The collectives of `queryset` whose name or description matches `text`.

    On PostgreSQL, full-text search (configuration "simple": no stemming, any language) over the
    name and description: every word, in any order; "quoted phrases" and -excluded words work as
    in a web search engine. On SQLite, every word (case-insensitive for ASCII letters) in the name
    or the description. On both, a name containing the text once case, accents, spaces and
    punctuation are ignored ("montreal solid" finds "Montréal Solidarity Collective").
    """
    matches = []
    if key := name_skeleton(text):
        matches.append(Q(name_key__contains=key))
    if connections[queryset.db].vendor == "postgresql":
        # alias(), not annotate(): the document is needed in WHERE only, not in the SELECT list.
        queryset = queryset.alias(
            search_document=SearchVector("name", "description", config="simple")
        )
        query = SearchQuery(text, config="simple", search_type="websearch")
        matches.append(Q(search_document=query))
    else:
        every_word = Q()
        for word in text.split()[:MAX_SEARCH_WORDS]:
            every_word &= Q(name__icontains=word) | Q(description__icontains=word)
        matches.append(every_word)
    condition = Q()
    for match in matches:
        condition |= match
    return queryset.filter(condition)


def collective_admin_emails(collective: Collective) -> list[str]:
    """Where news for a collective's admins goes (invitations, requests, verification)."""
    return list(
        Membership.objects.filter(collective=collective, role=MembershipRole.ADMIN)
        .order_by("created_at")
        .values_list("user__email", flat=True)
    )
