"""Download my data (/me/data/): the person's own records, nobody else's, no reports."""

import json

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse

from organizing.actions.services.rsvp import rsvp_create
from organizing.alerts.services import alert_subscribe
from organizing.collectives.models import Membership
from organizing.moderation.models import Report, ReportCase
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/me/data/"
# Other people's data, planted around bob's: none of it may be in bob's download.
SENTINELS = (
    "dana.sentinel@example.net",
    "Dana Sentinelattendee",
    "alice@example.org",
    "charlie@example.org",
    "Sentinelreportnote",
    "Sentinelreportabout",
)


def download(client) -> dict:
    response = client.post(URL)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="convergence-my-data.json"'
    return json.loads(response.content)


def test_url_name():
    assert reverse("me:data") == URL


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302
    assert "/login/" in client.post(URL)["Location"]


def test_page_says_what_is_in_it_and_what_is_not(client, bob):
    client.force_login(bob)
    page = client.get(URL).content.decode()
    assert "your RSVPs" in page and "Reports are left out" in page
    assert 'method="post"' in page


def subscribe(email: str):
    return alert_subscribe(email=email, params=QueryDict("place=Montréal&radius=25"), language="en")


def test_download_holds_each_section(client, bob, collective, partner, dave, gazetteer):
    bob.language, bob.time_zone = "fr", "America/Toronto"
    bob.save(update_fields=["language", "time_zone"])
    action = factories.make_action(collective, title="Vigil on the square", created_by=bob)
    rsvp_create(action=action, name="Bobby B.", user=bob)
    Membership.objects.filter(user=bob).update(role="admin")
    factories.propose(collective, partner, bob, message="Shall we march together?")
    appeal = factories.draft(collective, bob, title="Stop the shipments")
    alert = subscribe("bob@example.org")
    client.force_login(bob)

    data = download(client)

    assert data["account"] == {
        "email": "bob@example.org",
        "display_name": "Bob",
        "language": "fr",
        "time_zone": "America/Toronto",
        "date_joined": bob.date_joined.isoformat(),
        "last_login": data["account"]["last_login"],
        "two_factor": False,
        "calendar_feed": False,
    }
    assert [(m["collective"], m["role"]) for m in data["memberships"]] == [
        (collective.name, "admin")
    ]
    assert data["memberships"][0]["since"]
    [rsvp] = data["rsvps"]
    assert (rsvp["action"], rsvp["status"], rsvp["name"], rsvp["email"]) == (
        "Vigil on the square",
        "confirmed",
        "Bobby B.",
        "bob@example.org",
    )
    assert [a["title"] for a in data["actions_created"]] == ["Vigil on the square"]
    [proposal] = data["partnership_proposals"]
    assert proposal["message"] == "Shall we march together?"
    assert proposal["to"] == partner.name
    assert [s["appeal"] for s in data["appeal_signatures"]] == [appeal.title]
    assert [a["search"] for a in data["alerts"]] == [alert.description]
    assert "Montr" in alert.description


def test_download_holds_nobody_elses_data_and_no_report(
    client, alice, bob, charlie, collective, gazetteer
):
    action = factories.make_action(collective, title="Vigil on the square")
    rsvp_create(action=action, name="Bob", user=bob)
    factories.confirmed(action, "Dana Sentinelattendee", "dana.sentinel@example.net")
    rsvp_create(action=action, name="Charlie", user=charlie)
    subscribe("charlie@example.org")
    case = ReportCase.objects.create(target_kind="action", target_slug=action.slug)
    Report.objects.create(
        case=case,
        target_kind="action",
        target_slug=action.slug,
        reason="fake",
        note="Sentinelreportnote",
        reporter=bob,
    )
    about_bob = ReportCase.objects.create(target_kind="person", target_slug=str(bob.public_id))
    Report.objects.create(
        case=about_bob,
        target_kind="person",
        target_slug=str(bob.public_id),
        reason="harassment",
        note="Sentinelreportabout",
        reporter=charlie,
    )
    client.force_login(bob)

    response = client.post(URL)
    text = response.content.decode()

    assert "bob@example.org" in text  # a positive control
    for sentinel in SENTINELS:
        assert sentinel not in text, sentinel
    assert str(bob.public_id) not in text
    assert "Charlie" not in text and "report" not in json.loads(text)


def test_download_is_rate_limited(client, bob, settings):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "personal_data": "2/h/user"}
    client.force_login(bob)
    assert [client.post(URL).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("count", [1, 8])
def test_download_queries_are_bounded(
    client, bob, collective, partner, django_assert_max_num_queries, count
):
    Membership.objects.filter(user=bob).update(role="admin")
    for number in range(count):
        action = factories.make_action(collective, title=f"Vigil {number}", created_by=bob)
        rsvp_create(action=action, name="Bob", user=bob)
    factories.propose(collective, partner, bob)
    client.force_login(bob)
    # Session and account (2), the rate limit on the database cache (12), the two-factor
    # check (1), one query a section (9): the same whatever the counts.
    with django_assert_max_num_queries(24):
        data = download(client)
    assert len(data["rsvps"]) == len(data["actions_created"]) == count


def test_download_holds_follows_and_notification_preferences(
    client, bob, charlie, collective, partner
):
    from organizing.accounts.models import NotificationPreference
    from organizing.alerts.services import follow_for_user, follow_subscribe

    follow_for_user(user=bob, target=collective)
    follow_subscribe(email="bob@example.org", target=partner, language="en")
    follow_for_user(user=charlie, target=partner)  # someone else's: not in bob's download
    follow_subscribe(email="charlie@example.org", target=collective, language="en")
    NotificationPreference.objects.create(user=bob, kind="new_rsvps", delivery="each")
    NotificationPreference.objects.create(user=charlie, kind="join_requests", delivery="off")
    client.force_login(bob)

    data = download(client)

    assert sorted((f["follows"], f["kind"]) for f in data["follows"]) == [
        (collective.name, "collective"),
        (partner.name, "collective"),
    ]
    assert data["notification_preferences"] == {
        "join_requests": "each",
        "proposals": "each",
        "solidarity_calls": "each",
        "moderation_decisions": "each",
        "new_rsvps": "each",
    }
    assert "charlie@example.org" not in json.dumps(data)
