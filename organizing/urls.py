from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

# Staff log in through allauth (with its two-factor step), never the admin's bare form.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("organizing.pages.urls")),
    path("", include("organizing.pages.sitemaps")),  # /sitemap.xml
    path("accounts/", include("allauth.urls")),
    path("", include("organizing.feeds.urls")),  # /actions/feed.ics before /actions/<slug>/
    path("", include("organizing.moderation.urls")),  # its decisions pages and /report/
    path("", include("organizing.coalitions.urls")),  # /actions/new/ before /actions/<slug>/
    path("actions/", include("organizing.actions.urls")),
    path("alerts/", include("organizing.alerts.urls")),
    path("", include("organizing.partners.urls")),  # /collectives/<slug>/partners/ first
    path("collectives/", include("organizing.collectives.urls")),
    path("places/", include("organizing.places.urls")),
    path("appeals/", include("organizing.appeals.urls")),
    path("me/", include("organizing.me.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler429 = "organizing.core.views.too_many_requests"
