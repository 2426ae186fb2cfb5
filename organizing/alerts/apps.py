from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "organizing.alerts"
    # The label of the releases where this package was `organizing.notifications`: its tables
    # (notifications_actionalert, ...) and its migration history are recorded under it.
    label = "notifications"
    verbose_name = _("Alerts")

    def ready(self):
        # Actions stand below: they announce a publication, and the follows answer with an
        # email to the followers of its hosts (docs/architecture.md).
        from organizing.actions.announcements import action_published

        from .signals import queue_follow_emails

        action_published.connect(queue_follow_emails, dispatch_uid="queue_follow_emails")
