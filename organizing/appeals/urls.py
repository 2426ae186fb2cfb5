"""Joint appeals: the list, drafting, signing and the signatories' roster."""

from django.urls import path

from . import views

app_name = "appeals"
urlpatterns = [
    path("", views.appeal_list, name="list"),
    path("new/", views.appeal_create, name="create"),
    path("<slug:slug>/", views.appeal_detail, name="detail"),
    path("<slug:slug>/edit/", views.appeal_edit, name="edit"),
    path("<slug:slug>/sign/", views.appeal_sign, name="sign"),
    path("<slug:slug>/withdraw/", views.appeal_withdraw, name="withdraw"),
    path("<slug:slug>/confirm/", views.appeal_confirm, name="confirm"),
    path("<slug:slug>/invite/", views.appeal_invite, name="invite"),
    path("<slug:slug>/signatories.csv", views.appeal_csv, name="csv"),
    path("<slug:slug>/badge.svg", views.appeal_badge, name="badge"),
]
