"""Whoever reads other people's personal data has two-factor on (issue 12, P8): an organizer
without TOTP is sent to set it up before the attendee list, its CSV, deciding on an RSVP or
announcing (whose refused form shows the list again); outsiders still get 404 or 403."""

import pytest
from django.urls import reverse

from organizing.actions.models import Action, ActionStatus, Announcement, AttendeeExport, RsvpStatus
from tests.conftest import enable_two_factor
from tests.factories import confirmed, make_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(collective):
    return make_action(collective, rsvp_mode="approval")


@pytest.fixture
def pending(action):
    return confirmed(action, "Pat Pending", "pat@example.net")


def attendee_requests(action, pending):
    """(method, url, data) of every organizer view that reads or acts on attendees."""
    return [
        ("get", reverse("actions:attendees", args=[action.slug]), None),
        ("get", reverse("actions:attendees_csv", args=[action.slug]), None),
        ("post", reverse("actions:rsvp_decide", args=[action.slug, pending.pk, "approve"]), {}),
        (
            "post",
            reverse("actions:announce", args=[action.slug]),
            {"subject": "Bring water", "body": "It will be hot."},
        ),
        ("post", reverse("actions:announce", args=[action.slug]), {"subject": "", "body": ""}),
    ]


def test_an_organizer_without_two_factor_is_sent_to_set_it_up(client_as, action, pending):
    client = client_as("alice")
    attendees = reverse("actions:attendees", args=[action.slug])
    for method, url, data in attendee_requests(action, pending):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_activate_totp")), url
        assert b"pat@example.net" not in response.content
        # Back to the page the organizer wanted; a POST comes back to the list, not a 405.
        assert response["Location"].endswith(url if method == "get" else attendees), url
    pending.refresh_from_db()
    assert pending.status == RsvpStatus.PENDING
    assert AttendeeExport.objects.count() == 0
    assert Announcement.objects.count() == 0


def test_an_organizer_with_two_factor_reads_and_acts(client_as, alice, action, pending):
    enable_two_factor(alice)
    client = client_as("alice")
    assert (
        b"pat@example.net" in client.get(reverse("actions:attendees", args=[action.slug])).content
    )
    assert (
        b"pat@example.net"
        in client.get(reverse("actions:attendees_csv", args=[action.slug])).content
    )
    client.post(reverse("actions:rsvp_decide", args=[action.slug, pending.pk, "approve"]))
    pending.refresh_from_db()
    assert pending.status == RsvpStatus.CONFIRMED


@pytest.mark.parametrize(("who", "status"), [("charlie", 404), ("bob", 403)])
def test_others_without_two_factor_still_get_404_or_403(client_as, action, pending, who, status):
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.DRAFT)
    client = client_as(who)
    for method, url, data in attendee_requests(action, pending):
        assert getattr(client, method)(url, data).status_code == status, url
