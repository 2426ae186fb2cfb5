"""Partnership proposals and the collective's inbox."""

from django.http import Http404


def _todo(request, *args, **kwargs):  # placeholder until built
    raise Http404


proposal_create = proposal_detail = proposal_answer = proposal_withdraw = inbox = _todo
