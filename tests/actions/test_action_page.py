"""The action page, its calendar file and JSON-LD: right times, and no hidden address leaks."""

import json
import re
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from organizing.actions.models import (
    Action,
    ActionHost,
    ActionOccurrence,
    HostConsent,
    Rsvp,
    new_action_slug,
)

pytestmark = pytest.mark.django_db

SECRET_ADDRESS = "17 Sentinel Lane, back courtyard"
SECRET_VENUE = "Sentinel community hall"


@pytest.fixture
def tokyo_action(collective):
    action = Action.objects.create(
        title="Vigil at Shibuya",
        slug=new_action_slug("Vigil at Shibuya"),
        kind="vigil",
        status="published",
        starts_at=datetime(2031, 3, 10, 9, 0, tzinfo=UTC),
        ends_at=datetime(2031, 3, 10, 10, 30, tzinfo=UTC),
        timezone="Asia/Tokyo",
        city="Tokyo",
        country="JP",
        latitude=35.6595,
        longitude=139.7005,
        area_label="Near Shibuya station",
        venue=SECRET_VENUE,
        address=SECRET_ADDRESS,
        location_visibility="participants",
    )
    ActionHost.objects.create(
        action=action, collective=collective, role="lead", consent=HostConsent.ACCEPTED
    )
    return action


def ics(client, action) -> Calendar:
    response = client.get(f"{action.get_absolute_url()}calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def json_ld(page: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


def test_eighteen_hundred_in_tokyo_is_nine_utc_and_shows_so(client, tokyo_action):
    page = client.get(tokyo_action.get_absolute_url()).content.decode()
    assert "6 p.m." in page and "(Tokyo time, UTC+9)" in page
    assert "(Asia/Tokyo)" not in page
    assert 'data-local-time="2031-03-10T09:00:00+00:00"' in page


def test_calendar_file_parses_with_uid_zoned_start_and_link_back(client, tokyo_action):
    event = ics(client, tokyo_action).walk("VEVENT")[0]
    assert str(event["UID"]).startswith(tokyo_action.slug)
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event.decoded("DTSTART").hour == 18
    assert str(event["URL"]).endswith(tokyo_action.get_absolute_url())


@pytest.mark.parametrize("who", ["anonymous", "charlie", "bob"])
def test_hidden_address_never_reaches_those_not_allowed(client_as, tokyo_action, who):
    client = client_as(who)
    page = client.get(tokyo_action.get_absolute_url()).content.decode()
    event = ics(client, tokyo_action).walk("VEVENT")[0]
    calendar = f"{event['LOCATION']} {event['DESCRIPTION']}"
    for text in (page, calendar, json.dumps(json_ld(page))):
        assert "Sentinel" not in text, who
    assert "Near Shibuya station" in page
    assert json_ld(page)["location"]["geo"]["latitude"] == 35.66  # the coarse point only


def test_hosts_see_the_exact_address(client_as, tokyo_action):
    client = client_as("alice")
    assert SECRET_ADDRESS in client.get(tokyo_action.get_absolute_url()).content.decode()
    assert SECRET_ADDRESS in str(ics(client, tokyo_action).walk("VEVENT")[0]["LOCATION"])


def test_confirmed_participants_see_it_but_never_in_json_ld(client_as, tokyo_action, charlie):
    Rsvp.objects.create(
        action=tokyo_action,
        user=charlie,
        name="Charlie",
        email=charlie.email,
        status="confirmed",
        token="t" * 40,
    )
    page = client_as("charlie").get(tokyo_action.get_absolute_url()).content.decode()
    assert SECRET_ADDRESS in page
    assert "Sentinel" not in json.dumps(json_ld(page))


def test_public_location_is_in_json_ld(client, tokyo_action):
    Action.objects.filter(pk=tokyo_action.pk).update(location_visibility="public")
    data = json_ld(client.get(tokyo_action.get_absolute_url()).content.decode())
    assert data["@type"] == "Event"
    assert data["location"]["address"]["streetAddress"] == SECRET_ADDRESS
    assert data["startDate"] == "2031-03-10T18:00:00+09:00"
    assert data["organizer"][0]["name"] == "Montréal Solidarity Collective"


def test_weekly_series_calendar_repeats_and_skips_cancelled_dates(client, tokyo_action):
    Action.objects.filter(pk=tokyo_action.pk).update(
        recurrence_weekdays=[0, 3], recurrence_until=date(2031, 4, 30)
    )
    ActionOccurrence.objects.create(
        action=tokyo_action, is_cancelled=True, starts_at=datetime(2031, 3, 17, 9, 0, tzinfo=UTC)
    )
    event = ics(client, tokyo_action).walk("VEVENT")[0]
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "TH"]
    excluded = [d.dt for d in event["EXDATE"].dts]
    assert [d.astimezone(UTC) for d in excluded] == [datetime(2031, 3, 17, 9, 0, tzinfo=UTC)]


def test_cancelled_action_says_so_in_page_and_calendar(client, tokyo_action):
    Action.objects.filter(pk=tokyo_action.pk).update(status="cancelled")
    assert (
        "This action has been cancelled."
        in client.get(tokyo_action.get_absolute_url()).content.decode()
    )
    assert ics(client, tokyo_action).walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_action_page_within_query_budget(client_as, tokyo_action, django_assert_max_num_queries):
    for who in ("anonymous", "alice"):
        client = client_as(who)
        with django_assert_max_num_queries(12):
            assert client.get(tokyo_action.get_absolute_url()).status_code == 200
