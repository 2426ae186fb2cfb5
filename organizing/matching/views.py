"""The partners page: suggestions for a collective, with dismiss and block."""

from django.http import Http404


def _todo(request, *args, **kwargs):  # placeholder until built
    raise Http404


partner_suggestions = partner_dismiss = partner_block = partner_unblock = _todo
