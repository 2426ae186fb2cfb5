"""A collective's inbox: proposals, coalition invitations and requests, solidarity calls,
appeal invitations and consents due, for its admins and organizers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from organizing.collectives.access import get_collective_for_organizer

from ..selectors.inbox import collective_inbox


@login_required
def inbox(request, slug):
    collective, membership = get_collective_for_organizer(request.user, slug)
    context = {
        "collective": collective,
        "membership": membership,
        "inbox": collective_inbox(collective),
    }
    return render(request, "partners/inbox.html", context)
