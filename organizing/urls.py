from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("organizing.core.urls")),
    path("actions/", include("organizing.actions.urls")),
    path("collectives/", include("organizing.collectives.urls")),
    path("", include("organizing.coalitions.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
