"""Joint appeals: the list, drafting and editing, signing and withdrawing, the roster as CSV and
the embeddable badge."""

from django.http import Http404
from django.shortcuts import render

from ..access import get_appeal_for_user
from ..selectors import appeal_detail_queryset


def appeal_detail(request, slug):
    appeal = get_appeal_for_user(request.user, slug, queryset=appeal_detail_queryset())
    return render(request, "coalitions/appeal_detail.html", {"appeal": appeal})


def _todo(request, *args, **kwargs):  # placeholder until built
    raise Http404


appeal_list = appeal_create = appeal_edit = appeal_sign = appeal_withdraw = _todo
appeal_confirm = appeal_invite = appeal_csv = appeal_badge = _todo
