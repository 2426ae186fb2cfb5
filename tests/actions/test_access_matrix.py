"""Every action view against the whole cast: who gets in, who gets 403, who gets 404."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from organizing.actions.models import Rsvp
from organizing.collectives.models import Collective, Membership
from tests.conftest import enable_two_factor, make_user
from tests.factories import make_action

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "charlie", "bob", "olga", "alice", "cohost_admin", "mod"]


@pytest.fixture
def olga(collective, alice):
    user = make_user("olga@example.org", display_name="Olga")
    Membership.objects.create(user=user, collective=collective, role="organizer")
    # Attendee pages need two-factor (issue 12): the organizers have it on.
    enable_two_factor(user)
    enable_two_factor(alice)
    return user


@pytest.fixture
def cohost_admin(db):
    user = make_user("cora@example.org", display_name="Cora")
    enable_two_factor(user)
    other = Collective.objects.create(
        name="Ottawa Vigil Network", slug="ovn", kind="peace", status="verified"
    )
    Membership.objects.create(user=user, collective=other, role="admin")
    return user


def action_with_attendee(collective, cohost_admin, status):
    """A rally led by `collective`, co-hosted by cohost_admin's collective, with one attendee."""
    action = make_action(
        collective,
        title="Rally",
        cohosts=[cohost_admin.memberships.get().collective],
        starts_in=None,
        base={"kind": "rally", "timezone": "America/Toronto", "city": "Montréal", "country": "CA"},
        status=status,
        starts_at=datetime(2031, 5, 1, 16, tzinfo=UTC),
        latitude=45.5,
        longitude=-73.6,
        location_visibility="participants",
    )
    Rsvp.objects.create(
        action=action, name="Dana", email="dana@example.net", status="confirmed", token="d" * 40
    )
    return action


# Organizer pages answer 403 to those who may see the action and 404 to those who may not;
# moderators act through the Django admin, never through the hosts' pages.
PUBLISHED = {  # who: expected status of (page, calendar, edit, attendees, csv)
    "anonymous": (200, 200, 403, 403, 403),
    "charlie": (200, 200, 403, 403, 403),
    "bob": (200, 200, 403, 403, 403),
    "olga": (200, 200, 200, 200, 200),
    "alice": (200, 200, 200, 200, 200),
    # An accepted co-host without the lead's grant (issue 12): listed, but no attendee data.
    "cohost_admin": (200, 200, 403, 403, 403),
    "mod": (200, 200, 403, 403, 403),
}
DRAFT = {
    "anonymous": (404, 404, 404, 404, 404),
    "charlie": (404, 404, 404, 404, 404),
    "bob": (200, 200, 403, 403, 403),
    "olga": (200, 200, 200, 200, 200),
    "alice": (200, 200, 200, 200, 200),
    "cohost_admin": (200, 200, 403, 403, 403),
    "mod": (200, 200, 404, 404, 404),
}


@pytest.mark.parametrize("status", ["published", "draft"])
@pytest.mark.parametrize("who", CAST)
def test_action_views_matrix(client_as, collective, olga, cohost_admin, who, status):
    action = action_with_attendee(collective, cohost_admin, status)
    client = client_as(who)
    urls = [
        action.get_absolute_url(),
        reverse("actions:calendar", args=[action.slug]),
        reverse("actions:edit", args=[action.slug]),
        reverse("actions:attendees", args=[action.slug]),
        reverse("actions:attendees_csv", args=[action.slug]),
    ]
    expected = (PUBLISHED if status == "published" else DRAFT)[who]
    assert tuple(client.get(url).status_code for url in urls) == expected


@pytest.mark.parametrize("who", CAST)
def test_attendee_data_only_reaches_organizers(client_as, collective, olga, cohost_admin, who):
    action = action_with_attendee(collective, cohost_admin, "published")
    client = client_as(who)
    pages = [
        client.get(action.get_absolute_url()).content.decode(),
        client.get(reverse("actions:calendar", args=[action.slug])).content.decode(),
        client.get(reverse("actions:attendees_csv", args=[action.slug])).content.decode(),
    ]
    leaked = any("dana@example.net" in page or "Dana" in page for page in pages)
    assert leaked == (who in ("olga", "alice"))
