from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("<slug:slug>/partners/", views.partner_suggestions, name="partners"),
    path("<slug:slug>/partners/<slug:other>/dismiss/", views.partner_dismiss, name="dismiss"),
    path("<slug:slug>/partners/<slug:other>/block/", views.partner_block, name="block"),
    path("<slug:slug>/partners/<slug:other>/unblock/", views.partner_unblock, name="unblock"),
]
