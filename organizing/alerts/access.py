"""Who may act on an alert or a follow: whoever holds its link (the token in the confirmation,
digest and follow emails). The token is the only key, and an unknown one is a 404."""

from django.http import Http404

from .models import ActionAlert, Follow


def get_alert_for_token(token: str) -> ActionAlert:
    alert = ActionAlert.objects.filter(token=token).first()
    if alert is None:
        raise Http404
    return alert


def get_follow_for_token(token: str) -> Follow:
    """A follow by its links' token (confirm, unsubscribe), with its target; else a 404."""
    follow = Follow.objects.select_related("collective", "coalition").filter(token=token).first()
    if follow is None:
        raise Http404
    return follow
