from django.urls import path

from .views import appeals, coalitions, posting, proposals

app_name = "coalitions"
urlpatterns = [
    # Proposals and the inbox (pages of a collective, for its admins and organizers).
    path(
        "collectives/<slug:slug>/partners/<slug:other>/propose/",
        proposals.proposal_create,
        name="proposal_create",
    ),
    path("collectives/<slug:slug>/inbox/", proposals.inbox, name="inbox"),
    path("proposals/<uuid:public_id>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<uuid:public_id>/answer/", proposals.proposal_answer, name="proposal_answer"),
    path(
        "proposals/<uuid:public_id>/withdraw/",
        proposals.proposal_withdraw,
        name="proposal_withdraw",
    ),
    # Coalitions.
    path("coalitions/", coalitions.coalition_list, name="list"),
    path("coalitions/<slug:slug>/", coalitions.coalition_detail, name="detail"),
    # coalitions/<slug>/feed.ics, the coalition's calendar, is feeds' (`feeds:coalition_ics`).
    path("coalitions/<slug:slug>/points/", coalitions.points_edit, name="points_edit"),
    path(
        "coalitions/<slug:slug>/points/history/", coalitions.points_history, name="points_history"
    ),
    path("coalitions/<slug:slug>/consent/", coalitions.consent, name="consent"),
    path("coalitions/<slug:slug>/invite/", coalitions.invite, name="invite"),
    path("coalitions/<slug:slug>/join/", coalitions.join_request, name="join"),
    path(
        "coalitions/<slug:slug>/memberships/<int:pk>/<str:decision>/",
        coalitions.membership_answer,
        name="membership_answer",
    ),
    path("coalitions/<slug:slug>/leave/", coalitions.leave, name="leave"),
    # The posting page: an action, posted for a coalition of its host or not (before the
    # actions' URLs in organizing/urls.py, so that "new" is not taken for an action's slug).
    path("actions/new/", posting.action_create, name="action_create"),
    # Solidarity calls: a host asks its coalition to turn out; partners pledge.
    path(
        "actions/<slug:slug>/solidarity/", coalitions.solidarity_call_create, name="solidarity_call"
    ),
    path("solidarity/<int:pk>/pledge/", coalitions.pledge, name="pledge"),
    # Joint appeals.
    path("appeals/", appeals.appeal_list, name="appeal_list"),
    path("appeals/new/", appeals.appeal_create, name="appeal_create"),
    path("appeals/<slug:slug>/", appeals.appeal_detail, name="appeal_detail"),
    path("appeals/<slug:slug>/edit/", appeals.appeal_edit, name="appeal_edit"),
    path("appeals/<slug:slug>/sign/", appeals.appeal_sign, name="appeal_sign"),
    path("appeals/<slug:slug>/withdraw/", appeals.appeal_withdraw, name="appeal_withdraw"),
    path("appeals/<slug:slug>/confirm/", appeals.appeal_confirm, name="appeal_confirm"),
    path("appeals/<slug:slug>/invite/", appeals.appeal_invite, name="appeal_invite"),
    path("appeals/<slug:slug>/signatories.csv", appeals.appeal_csv, name="appeal_csv"),
    path("appeals/<slug:slug>/badge.svg", appeals.appeal_badge, name="appeal_badge"),
]
