from django.urls import path

from .views import browse, posting, public, rsvp

app_name = "actions"
urlpatterns = [
    path("", browse.action_browse, name="browse"),
    path("forget-area/", browse.forget_search_area, name="forget_area"),
    # /actions/new/, the posting page, is coalitions' (it offers to post for a coalition).
    path("rsvp/<str:token>/confirm/", rsvp.rsvp_confirm, name="rsvp_confirm"),
    path("rsvp/<str:token>/cancel/", rsvp.rsvp_cancel, name="rsvp_cancel"),
    path("<slug:slug>/", public.action_detail, name="detail"),
    path("<slug:slug>/calendar.ics", public.action_calendar, name="calendar"),
    path("<slug:slug>/edit/", posting.action_edit, name="edit"),
    path("<slug:slug>/cancel/", posting.action_cancel, name="cancel"),
    path("<slug:slug>/dates/<int:pk>/cancel/", posting.occurrence_cancel, name="occurrence_cancel"),
    path("<slug:slug>/hosts/<int:pk>/<str:decision>/", posting.host_respond, name="host_respond"),
    path("<slug:slug>/rsvp/", rsvp.rsvp_create, name="rsvp"),
    path("<slug:slug>/attendees/", rsvp.attendee_list, name="attendees"),
    path("<slug:slug>/attendees.csv", rsvp.attendee_export, name="attendees_csv"),
    path("<slug:slug>/attendees/<int:pk>/<str:decision>/", rsvp.rsvp_decide, name="rsvp_decide"),
    path("<slug:slug>/announce/", rsvp.announcement_create, name="announce"),
]
