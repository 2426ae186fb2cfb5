from django.urls import path

from .views import directory, members, profile, public, vouches

app_name = "collectives"
urlpatterns = [
    path("", directory.collective_directory, name="directory"),
    path("new/", profile.collective_register, name="register"),
    path("invitations/<str:token>/", members.invitation_accept, name="invitation_accept"),
    path("<slug:slug>/", public.collective_detail, name="detail"),
    path("<slug:slug>/contact/", public.collective_contact, name="contact"),
    path("<slug:slug>/join/", members.join_request_create, name="join"),
    path("<slug:slug>/edit/", profile.collective_edit, name="edit"),
    path("<slug:slug>/export/", profile.collective_export, name="export"),
    path("<slug:slug>/delete/", profile.collective_delete, name="delete"),
    path("<slug:slug>/members/", members.member_list, name="members"),
    # Peer vouching: the key is signed (pending collectives are not public; see access.py).
    path("<slug:slug>/vouch/<str:key>/", vouches.collective_vouch, name="vouch"),
    path("<slug:slug>/vouch/<str:key>/withdraw/", vouches.vouch_withdraw, name="vouch_withdraw"),
    path("<slug:slug>/members/invite/", members.invitation_create, name="invite"),
    path("<slug:slug>/members/leave/", members.membership_leave, name="leave"),
    path(
        "<slug:slug>/members/invitations/<int:pk>/revoke/",
        members.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/members/<int:pk>/role/", members.membership_change_role, name="change_role"),
    path("<slug:slug>/members/<int:pk>/remove/", members.membership_remove, name="remove"),
    path(
        "<slug:slug>/members/requests/<int:pk>/<str:decision>/",
        members.join_request_decide,
        name="join_request_decide",
    ),
]
