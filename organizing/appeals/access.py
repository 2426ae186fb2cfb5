"""Who may see or act on joint appeals. Every view of the appeals app goes through here.

Appeals are public records. Acting on one is done *for a collective*: the user must organize the
initiating collective to edit it or invite signers; signing is for the admins and organizers of
a verified collective (the services check the role). Anyone else gets 404.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from organizing.coalitions.access import unless_hidden
from organizing.collectives.access import user_organizes

from .models import Appeal


def get_appeal_for_user(
    user, slug: str, *, queryset: QuerySet | None = None, public: bool = False
) -> Appeal:
    """Appeals are public; one the moderators hid only for staff (its initiator too gets 404:
    it learns why by email). `public=True` for output cached for everyone (the badge)."""
    appeal = get_object_or_404(queryset if queryset is not None else Appeal, slug=slug)
    return unless_hidden(appeal, user, public=public)


def get_appeal_for_initiator(user, slug: str) -> Appeal:
    """Editing an appeal and inviting signers: admins and organizers of the initiating
    collective (staff edit through the admin). 404 for everyone else who is not staff."""
    appeal = get_appeal_for_user(user, slug, queryset=Appeal.objects.select_related("initiator"))
    if appeal.initiator is not None and user_organizes(user, appeal.initiator):
        return appeal
    raise Http404
