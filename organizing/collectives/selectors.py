"""Reads of collectives. Selectors own prefetch_related: templates never query."""

from django.db.models import Q, QuerySet

from organizing.core.search import text_search

from .models import Collective, Membership, MembershipRole
from .names import name_skeleton


def collective_directory_queryset() -> QuerySet[Collective]:
    """What the public directory lists: verified collectives only, by name, with their causes."""
    return Collective.objects.verified().prefetch_related("causes").order_by("name", "pk")


def collective_text_search(queryset: QuerySet[Collective], *, text: str) -> QuerySet[Collective]:
    """The collectives of `queryset` whose name or description matches `text` (see
    core.search.text_search), or whose name contains the text once case, accents, spaces and
    punctuation are ignored ("montreal solid" finds "Montréal Solidarity Collective")."""
    same_name = Q(name_key__contains=key) if (key := name_skeleton(text)) else None
    return text_search(queryset, text=text, fields=("name", "description"), also=same_name)


def collective_admin_emails(collective: Collective) -> list[str]:
    """Where news for a collective's admins goes (invitations, requests, verification)."""
    return collectives_admin_emails([collective])


def collectives_admin_emails(collectives) -> list[str]:
    """The addresses of the admins of these collectives, each once, oldest admins first."""
    emails = (Membership.objects.filter(collective__in=list(collectives),
                                        role=MembershipRole.ADMIN)
              .order_by("created_at").values_list("user__email", flat=True))
    return list(dict.fromkeys(emails))
