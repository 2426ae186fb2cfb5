# Placeholder until RSVPs land (being written now).
from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


rsvp_create = rsvp_confirm = rsvp_cancel = attendee_list = attendee_export = _missing
rsvp_decide = announcement_create = _missing
