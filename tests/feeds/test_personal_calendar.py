"""A person's private calendar feed (feeds:personal_ics): their RSVPs and their collectives'
actions, behind the secret token of its link."""

import datetime as dt

import pytest
from django.urls import reverse

from organizing.actions.models import Rsvp
from organizing.actions.services.rsvp import rsvp_create
from organizing.me.services.calendar import calendar_feed_enable, calendar_feed_regenerate
from tests import factories

from .conftest import calendar_of

pytestmark = pytest.mark.django_db

PLACE = "4 Participantsonly Street"


def feed_url(user) -> str:
    return reverse("feeds:personal_ics", args=[user.calendar_token])


def summaries(calendar) -> dict[str, object]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def dockworkers_action(dockworkers):
    """An action of a collective charlie and bob are not in, its place for participants."""
    return factories.make_action(
        dockworkers,
        title="Picket at the port",
        address=PLACE,
        location_visibility="participants",
    )


def test_url_carries_the_token_in_the_path():
    assert reverse("feeds:personal_ics", args=["abc_-1"]) == "/calendar/abc_-1.ics"


def test_feed_has_my_rsvps_marked_and_my_collectives_actions(
    client, bob, collective, dockworkers_action
):
    ours = factories.make_action(collective, title="Vigil of our collective")
    factories.make_action(collective, title="Our draft", status="draft")
    factories.make_action(collective, title="Our past vigil", starts_in=dt.timedelta(days=-3))
    waitlisted = factories.make_action(
        None, title="Full teach-in", capacity=1, base={**factories.VIGIL}
    )
    factories.confirmed(waitlisted, "Dana", "dana@example.net")
    rsvp_create(action=dockworkers_action, name="Bob", user=bob)
    rsvp_create(action=waitlisted, name="Bob", user=bob)
    calendar_feed_enable(user=bob)
    bob.refresh_from_db()

    response = client.get(feed_url(bob))
    events = summaries(calendar_of(response))

    assert set(events) == {
        "Vigil of our collective",
        "Picket at the port (you are coming)",
        "Full teach-in (you are on the waitlist)",
    }
    assert str(events["Full teach-in (you are on the waitlist)"]["STATUS"]) == "TENTATIVE"
    assert str(events["Vigil of our collective"]["UID"]).startswith(ours.slug)
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}


def test_exact_place_only_for_a_confirmed_participant(
    client, bob, charlie, dockworkers, dockworkers_action
):
    """The participants' rule of actions/access.py: bob is confirmed and sees the place;
    charlie, waitlisted on the same action, does not; dave's members, not attendees, neither."""
    dockworkers_action.capacity = 1
    dockworkers_action.save(update_fields=["capacity"])
    rsvp_create(action=dockworkers_action, name="Bob", user=bob)
    rsvp_create(action=dockworkers_action, name="Charlie", user=charlie)
    assert Rsvp.objects.get(user=charlie).status == "waitlisted"
    member = factories.make_user("dmember@example.org")
    dockworkers.memberships.create(user=member, role="member")
    for user in (bob, charlie, member):
        calendar_feed_enable(user=user)
        user.refresh_from_db()

    bob_feed = client.get(feed_url(bob)).content.decode()
    charlie_feed = client.get(feed_url(charlie)).content.decode()
    member_feed = client.get(feed_url(member)).content.decode()

    assert PLACE in bob_feed
    assert "Picket at the port (you are on the waitlist)" in charlie_feed
    assert PLACE not in charlie_feed
    assert "Picket at the port" in member_feed
    assert PLACE not in member_feed
    # Nobody else's data: no attendee names or addresses in anyone's feed.
    for feed in (bob_feed, charlie_feed, member_feed):
        assert "charlie@example.org" not in feed and "bob@example.org" not in feed


def test_unknown_revoked_or_suspended_token_is_404(client, bob):
    assert client.get("/calendar/nosuchtoken.ics").status_code == 404
    old = calendar_feed_enable(user=bob)
    new = calendar_feed_regenerate(user=bob)
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    assert client.get(f"/calendar/{new}.ics").status_code == 404


def test_feed_ignores_the_session_and_the_query_string(client, bob, charlie, collective):
    factories.make_action(collective, title="Vigil of our collective")
    token = calendar_feed_enable(user=bob)
    client.force_login(charlie)  # whoever holds the link reads bob's calendar, nobody else's
    events = summaries(calendar_of(client.get(f"/calendar/{token}.ics?user=charlie")))
    assert set(events) == {"Vigil of our collective"}


def test_feed_is_never_kept_by_the_page_cache(client, bob, collective, settings):
    settings.PAGE_CACHE_SECONDS = 60
    token = calendar_feed_enable(user=bob)
    assert summaries(calendar_of(client.get(f"/calendar/{token}.ics"))) == {}
    factories.make_action(collective, title="New vigil")
    assert set(summaries(calendar_of(client.get(f"/calendar/{token}.ics")))) == {"New vigil"}


@pytest.mark.parametrize("count", [1, 10])
def test_feed_queries_are_bounded(client, bob, collective, django_assert_max_num_queries, count):
    for number in range(count):
        action = factories.make_action(collective, title=f"Vigil {number}")
        if number % 2:
            rsvp_create(action=action, name="Bob", user=bob)
    token = calendar_feed_enable(user=bob)
    # The token's account, its RSVPs, the actions, their cancelled dates.
    with django_assert_max_num_queries(4):
        response = client.get(f"/calendar/{token}.ics")
    assert len(calendar_of(response).walk("VEVENT")) == count


def test_hosts_get_the_place_as_participants_do_never_a_hosts_only_one(client, alice, collective):
    """A calendar link can leak: even the lead host's admin, who sees every address on the
    site, gets in the feed only what a participant may see."""
    factories.make_action(
        collective, title="Blockade", address="1 Hostsonly Road", location_visibility="hosts"
    )
    factories.make_action(collective, title="Picnic", address=PLACE, location_visibility="public")
    token = calendar_feed_enable(user=alice)
    feed = client.get(f"/calendar/{token}.ics").content.decode()
    assert "Blockade" in feed and "1 Hostsonly Road" not in feed
    assert PLACE in feed
