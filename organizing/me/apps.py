from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeConfig(AppConfig):
    """A person's own space: the dashboard, settings, their data and their account."""

    name = "organizing.me"
    verbose_name = _("My space")
