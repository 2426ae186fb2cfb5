# Placeholder until the directory lands (being written now).
from django.http import Http404


def collective_directory(request):
    raise Http404
