from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The top floor: the site's own pages, which read every app and which no app imports."""

    name = "organizing.pages"
    verbose_name = _("Site pages")
