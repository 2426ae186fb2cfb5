"""Times as people read them: the action's own zone by a readable name and its offset (never
the raw "America/Toronto" for Montréal), and the viewer's own time only where it differs."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from organizing.core.templatetags.convergence import utc_offset, zone_label
from tests.conftest import enable_two_factor, login_with_two_factor
from tests.factories import make_action, make_user

pytestmark = pytest.mark.django_db

MINUS = "\u2212"
SUMMER = datetime(2031, 7, 12, 18, 0, tzinfo=UTC)  # 14:00 in Montréal (UTC-4)
WINTER = datetime(2031, 1, 11, 19, 0, tzinfo=UTC)  # 14:00 in Montréal (UTC-5)


def render(action, user=None) -> str:
    template = Template("{% load action_times %}{% action_time action %}")
    return template.render(Context({"action": action, "user": user or AnonymousUser()}))


@pytest.fixture
def montreal(collective):
    return make_action(collective, starts_in=None, starts_at=SUMMER)


def test_montreal_is_named_by_its_city_with_the_offset_not_america_toronto(montreal):
    html = render(montreal)
    assert f"(Montréal time, UTC{MINUS}4)" in html
    assert "America/Toronto" not in html
    assert "2 p.m." in html
    assert f'<time class="action-time" datetime="{montreal.local_starts_at.isoformat()}"' in html


def test_the_offset_follows_daylight_saving(collective):
    winter = make_action(collective, starts_in=None, starts_at=WINTER)
    assert f"(Montréal time, UTC{MINUS}5)" in render(winter)


def test_offsets_and_zone_names():
    kolkata = datetime(2031, 1, 1, tzinfo=UTC).astimezone(ZoneInfo("Asia/Kolkata"))
    assert utc_offset(kolkata) == "UTC+5:30"
    assert utc_offset(datetime(2031, 1, 1, tzinfo=UTC)) == "UTC"
    assert zone_label(kolkata, "Asia/Kolkata") == "Kolkata time, UTC+5:30"
    assert zone_label(kolkata, "America/Argentina/Buenos_Aires").startswith("Buenos Aires time")


def test_a_viewer_in_another_zone_also_gets_their_own_time(montreal):
    berlin = make_user("berlin@example.org", time_zone="Europe/Berlin")
    html = render(montreal, berlin)
    assert "· your time: " in html
    assert "8 p.m. (Berlin time, UTC+2)" in html


@pytest.mark.parametrize("zone", ["America/Toronto", "America/New_York"])
def test_a_viewer_whose_time_is_the_same_gets_no_second_time(montreal, zone):
    viewer = make_user("same@example.org", time_zone=zone)
    html = render(montreal, viewer)
    assert "your time" not in html
    assert "data-local-time" not in html  # their chosen zone is known: no browser guess either


def test_anonymous_viewers_get_the_browser_hook_only(montreal):
    html = render(montreal)
    assert "· your time:" not in html
    assert 'data-local-time="2031-07-12T18:00:00+00:00"' in html
    assert 'data-zone-offset="-240"' in html


def test_a_day_only_date_gets_no_viewer_time(collective):
    action = make_action(collective, starts_in=None, starts_at=SUMMER, date_precision="day")
    html = render(action, make_user("berlin@example.org", time_zone="Europe/Berlin"))
    assert "your time" not in html and "data-local-time" not in html


def test_the_browse_list_shows_the_readable_zone(client, collective):
    make_action(collective, title="Vigil on the mountain")
    body = client.get("/actions/").content.decode()
    assert "Vigil on the mountain" in body
    assert "(Montréal time, UTC" in body
    assert "America/Toronto" not in body


def test_the_browse_list_shows_a_signed_in_viewers_own_time(client, collective):
    make_action(collective, title="Vigil on the mountain")
    client.force_login(make_user("berlin@example.org", time_zone="Europe/Berlin"))
    body = client.get("/actions/").content.decode()
    assert "· your time: " in body and "(Berlin time, UTC+" in body


def test_the_attendee_page_shows_the_action_time_in_its_zone(client, collective, alice):
    enable_two_factor(alice)
    alice.time_zone = "Europe/Berlin"
    alice.save(update_fields=["time_zone"])
    action = make_action(collective, starts_in=None, starts_at=SUMMER)
    login_with_two_factor(client, alice)
    body = client.get(f"/actions/{action.slug}/attendees/").content.decode()
    assert f"(Montréal time, UTC{MINUS}4)" in body
    assert "· your time: " in body
    assert f"Times on this page are in Montréal time, UTC{MINUS}4." in body
    assert "America/Toronto" not in body


def test_the_dashboard_shows_the_readable_zone(client, collective, alice):
    make_action(collective, title="My own vigil", starts_in=None, starts_at=SUMMER)
    client.force_login(alice)
    body = client.get("/me/").content.decode()
    assert "My own vigil" in body
    assert f"(Montréal time, UTC{MINUS}4)" in body


def test_the_collective_page_lists_actions_with_the_readable_zone(client, collective):
    make_action(collective, title="Vigil on the mountain", starts_in=None, starts_at=WINTER)
    body = client.get(collective.get_absolute_url()).content.decode()
    assert "Vigil on the mountain" in body
    assert f"(Montréal time, UTC{MINUS}5)" in body
    assert "America/Toronto" not in body
