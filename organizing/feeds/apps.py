from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "organizing.feeds"
    verbose_name = _("Feeds and API")
