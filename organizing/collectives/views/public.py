from django.http import Http404
from django.shortcuts import render

from organizing.actions.selectors import collective_public_actions
from organizing.coalitions.selectors import collective_coalitions, collective_signed_appeals

from ..access import get_collective_for_user
from ..models import Collective


def collective_detail(request, slug):
    collective = get_collective_for_user(
        request.user, slug, queryset=Collective.objects.prefetch_related("causes")
    )
    actions = collective_public_actions(collective)
    context = {
        "collective": collective,
        "actions": actions,
        "coalitions": collective_coalitions(collective),
        "appeals": collective_signed_appeals(collective),
    }
    return render(request, "collectives/collective_detail.html", context)


def collective_contact(request, slug):
    raise Http404  # placeholder: the contact form lands with the profile
