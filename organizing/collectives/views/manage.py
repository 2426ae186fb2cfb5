# Placeholder until registration and settings land (being written now).
from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


collective_register = collective_edit = collective_export = collective_delete = _missing
