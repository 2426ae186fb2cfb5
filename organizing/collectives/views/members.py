# Placeholder until member management lands (being written now).
from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


invitation_accept = join_request_create = member_list = invitation_create = _missing
membership_leave = invitation_revoke = membership_change_role = membership_remove = _missing
join_request_decide = _missing
