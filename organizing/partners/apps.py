from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "organizing.partners"
    # The label of earlier releases, when the app was `organizing.matching`: its tables
    # (`matching_partnerexclusion`), migration history and permissions stay as they were.
    label = "matching"
    verbose_name = _("Partners")
