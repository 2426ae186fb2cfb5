from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "organizing.alerts"
    # The label of the releases where this package was `organizing.notifications`: its tables
    # (notifications_actionalert, ...) and its migration history are recorded under it.
    label = "notifications"
    verbose_name = _("Alerts")
