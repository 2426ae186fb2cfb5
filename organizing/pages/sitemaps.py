"""/sitemap.xml: every public page search engines may index, nothing moderation took down.

Only public states are listed (published actions, verified collectives, coalitions that are
forming or active, appeals), so a suspended collective or a hidden action drops out by itself;
coalitions and appeals the moderators hid (`hidden_at`) are left out.
Include with `path("", include("organizing.pages.sitemaps"))` in organizing/urls.py.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.urls import path, reverse

from organizing.actions.models import Action
from organizing.appeals.models import Appeal
from organizing.coalitions.models import Coalition, CoalitionStatus
from organizing.collectives.models import Collective


class _ModelSitemap(Sitemap):
    """Slug and last change only: the sitemap of a large site stays one light query a page."""

    def lastmod(self, obj):
        return obj.updated_at


class ActionSitemap(_ModelSitemap):
    changefreq = "daily"

    def items(self):
        return Action.objects.published().only("slug", "updated_at").order_by("pk")


class CollectiveSitemap(_ModelSitemap):
    changefreq = "weekly"

    def items(self):
        return Collective.objects.verified().only("slug", "updated_at").order_by("pk")


class CoalitionSitemap(_ModelSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Coalition.objects.filter(
                status__in=[CoalitionStatus.FORMING, CoalitionStatus.ACTIVE], hidden_at__isnull=True
            )
            .only("slug", "updated_at")
            .order_by("pk")
        )


class AppealSitemap(_ModelSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Appeal.objects.filter(hidden_at__isnull=True).only("slug", "updated_at").order_by("pk")
        )


class StaticPageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "pages:home",
            "actions:browse",
            "collectives:directory",
            "coalitions:list",
            "appeals:list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "actions": ActionSitemap,
    "collectives": CollectiveSitemap,
    "coalitions": CoalitionSitemap,
    "appeals": AppealSitemap,
}

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
