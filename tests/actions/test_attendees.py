"""The hosts' side: attendee list, CSV export, approve/decline, announcements; who may do what."""

import csv
import io

import pytest
from django.urls import reverse

from organizing.actions.models import (
    Action,
    ActionStatus,
    Announcement,
    AttendeeExport,
    Rsvp,
    RsvpStatus,
)
from organizing.actions.services.rsvp import rsvp_create
from organizing.collectives.models import Membership, MembershipRole
from organizing.outbox.models import OutboxMessage
from tests.conftest import enable_two_factor, make_user
from tests.factories import confirmed, make_action, rsvp_anonymously

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "charlie", "bob", "mod", "alice", "olga"]
PUBLISHED_STATUS = {
    "anonymous": 403,
    "charlie": 403,
    "bob": 403,
    "mod": 403,
    "alice": 200,
    "olga": 200,
}
DRAFT_STATUS = {"anonymous": 404, "charlie": 404, "bob": 403, "mod": 404, "alice": 200, "olga": 200}


@pytest.fixture(autouse=True)
def organizers_use_two_factor(alice):
    """Attendee data needs two-factor (test_attendee_two_factor.py)."""
    enable_two_factor(alice)


@pytest.fixture
def olga(collective):
    """An organizer (not admin) of the hosting collective."""
    user = make_user("olga@example.org", display_name="Olga")
    Membership.objects.create(user=user, collective=collective, role=MembershipRole.ORGANIZER)
    enable_two_factor(user)
    return user


@pytest.fixture
def action(collective):
    return make_action(collective, rsvp_mode="approval")


@pytest.fixture
def pending(action):
    return confirmed(action, "Pat Pending", "pat@example.net")


def _ok(status):
    """A decision or an announcement redirects back to the list when allowed."""
    return 302 if status == 200 else status


@pytest.mark.parametrize("draft", [False, True], ids=["published", "draft"])
@pytest.mark.parametrize("who", CAST)
def test_access_matrix(client_as, olga, action, pending, who, draft):
    if draft:
        Action.objects.filter(pk=action.pk).update(status=ActionStatus.DRAFT)
    expected = (DRAFT_STATUS if draft else PUBLISHED_STATUS)[who]
    client = client_as(who)
    assert client.get(reverse("actions:attendees", args=[action.slug])).status_code == expected
    csv_response = client.get(reverse("actions:attendees_csv", args=[action.slug]))
    assert csv_response.status_code == expected
    assert AttendeeExport.objects.count() == (1 if expected == 200 else 0)
    decide = reverse("actions:rsvp_decide", args=[action.slug, pending.pk, "approve"])
    assert client.post(decide).status_code == _ok(expected)
    pending.refresh_from_db()
    assert (pending.status == RsvpStatus.CONFIRMED) == (expected == 200)
    announce = reverse("actions:announce", args=[action.slug])
    response = client.post(announce, {"subject": "Bring water", "body": "It will be hot."})
    assert response.status_code == _ok(expected)
    assert Announcement.objects.count() == (1 if expected == 200 else 0)
    if expected != 200:
        assert b"pat@example.net" not in csv_response.content


def test_attendee_list_shows_names_emails_statuses(
    client_as, action, pending, django_assert_max_num_queries
):
    for n in range(5):
        confirmed(action, f"Person {n}", f"person{n}@example.net")
    client = client_as("alice")
    with django_assert_max_num_queries(15):
        page = client.get(reverse("actions:attendees", args=[action.slug]))
    body = page.content.decode()
    assert "Pat Pending" in body and "pat@example.net" in body
    assert "Awaiting host approval" in body
    assert reverse("actions:rsvp_decide", args=[action.slug, pending.pk, "approve"]) in body
    assert reverse("actions:attendees_csv", args=[action.slug]) in body


def test_decline_emails_the_person(client_as, action, pending):
    client = client_as("alice")
    client.post(reverse("actions:rsvp_decide", args=[action.slug, pending.pk, "decline"]))
    pending.refresh_from_db()
    assert pending.status == RsvpStatus.DECLINED
    assert OutboxMessage.objects.filter(
        to=pending.email, subject__startswith="About your RSVP"
    ).exists()


def test_unknown_decision_or_other_actions_rsvp_is_404(client_as, collective, action, pending):
    client = client_as("alice")
    bad = reverse("actions:rsvp_decide", args=[action.slug, pending.pk, "maybe"])
    assert client.post(bad).status_code == 404
    other = make_action(collective, title="Other")
    elsewhere = reverse("actions:rsvp_decide", args=[other.slug, pending.pk, "approve"])
    assert client.post(elsewhere).status_code == 404


def test_decide_needs_post(client_as, action, pending):
    url = reverse("actions:rsvp_decide", args=[action.slug, pending.pk, "approve"])
    assert client_as("alice").get(url).status_code == 405


def test_csv_export_rows_and_record(client_as, alice, collective):
    action = make_action(collective)
    confirmed(action, "=HYPERLINK(evil)", "formula@example.net")
    rsvp_anonymously(action, "Una", "una@example.net")
    response = client_as("alice").get(reverse("actions:attendees_csv", args=[action.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Name", "Email", "Status", "Confirmed at"]
    assert rows[1][:3] == ["'=HYPERLINK(evil)", "formula@example.net", "confirmed"]
    assert rows[1][3]
    assert rows[2] == ["Una", "una@example.net", "unconfirmed", ""]
    export = AttendeeExport.objects.get()
    assert (export.exported_by, export.row_count, export.action) == (alice, 2, action)


def test_announcement_goes_only_to_confirmed_participants(client_as, alice, collective, charlie):
    action = make_action(collective, capacity=1)
    first = confirmed(action, "Ann", "ann@example.net")
    confirmed(action, "Wait", "wait@example.net")  # waitlisted
    rsvp_anonymously(action, "Unc", "unc@example.net")  # unconfirmed
    cancelled = confirmed(action, "Gone", "gone@example.net")
    Rsvp.objects.filter(pk=cancelled.pk).update(status=RsvpStatus.CANCELLED)
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    response = client_as("alice").post(
        reverse("actions:announce", args=[action.slug]),
        {"subject": "Bring water", "body": "It will be hot."},
    )
    assert response.status_code == 302
    sent = OutboxMessage.objects.exclude(pk__in=before)
    assert [m.to for m in sent] == ["ann@example.net"]
    mail = sent.get()
    assert "Bring water" in mail.subject
    assert "It will be hot." in mail.body_text
    assert reverse("actions:rsvp_cancel", args=[first.token]) in mail.body_text
    announcement = Announcement.objects.get()
    assert (announcement.sender, announcement.recipient_count) == (alice, 1)


def test_empty_announcement_is_refused(client_as, action):
    response = client_as("alice").post(
        reverse("actions:announce", args=[action.slug]), {"subject": "", "body": ""}
    )
    assert response.status_code == 200
    assert response.context["announcement_form"].errors
    assert not Announcement.objects.exists()


def test_announcements_are_rate_limited(client_as, action, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "announce": "2/d/user"}
    client = client_as("alice")
    url = reverse("actions:announce", args=[action.slug])
    data = {"subject": "News", "body": "Hello"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 429
    assert Announcement.objects.count() == 2


def test_account_rsvp_listed_with_display_name(client_as, action, charlie):
    rsvp_create(action=action, name="", user=charlie)
    body = client_as("alice").get(reverse("actions:attendees", args=[action.slug])).content
    assert b"Charlie" in body and b"charlie@example.org" in body
