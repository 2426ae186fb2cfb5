# Placeholder until posting lands (being written now).
from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


action_create = action_edit = action_cancel = occurrence_cancel = host_respond = _missing
