"""Partners: suggestions, dismissals and blocks, proposals and the inbox (pages of a collective,
for its admins and organizers)."""

from django.urls import path

from .views import inbox, proposals, suggestions

app_name = "partners"
urlpatterns = [
    path("collectives/<slug:slug>/partners/", suggestions.partner_suggestions, name="partners"),
    path(
        "collectives/<slug:slug>/partners/<slug:other>/dismiss/",
        suggestions.partner_dismiss,
        name="dismiss",
    ),
    path(
        "collectives/<slug:slug>/partners/<slug:other>/block/",
        suggestions.partner_block,
        name="block",
    ),
    path(
        "collectives/<slug:slug>/partners/<slug:other>/unblock/",
        suggestions.partner_unblock,
        name="unblock",
    ),
    path(
        "collectives/<slug:slug>/partners/<slug:other>/propose/",
        proposals.proposal_create,
        name="proposal_create",
    ),
    path("collectives/<slug:slug>/inbox/", inbox.inbox, name="inbox"),
    path("proposals/<uuid:public_id>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<uuid:public_id>/answer/", proposals.proposal_answer, name="proposal_answer"),
    path(
        "proposals/<uuid:public_id>/withdraw/",
        proposals.proposal_withdraw,
        name="proposal_withdraw",
    ),
]
