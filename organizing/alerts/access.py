"""Who may act on an alert: whoever holds its link (the token in the confirmation and digest
emails). Alerts have no account; the token is the only key, and an unknown one is a 404."""

from django.http import Http404

from .models import ActionAlert


def get_alert_for_token(token: str) -> ActionAlert:
    alert = ActionAlert.objects.filter(token=token).first()
    if alert is None:
        raise Http404
    return alert
