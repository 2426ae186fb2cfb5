from django.urls import path

from .views import coalitions, posting, solidarity

app_name = "coalitions"
urlpatterns = [
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
        "actions/<slug:slug>/solidarity/", solidarity.solidarity_call_create, name="solidarity_call"
    ),
    path("solidarity/<int:pk>/pledge/", solidarity.pledge, name="pledge"),
]
