"""The calendar feed: what calendar apps subscribe to."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from organizing.actions.models import Action, ActionOccurrence

from .conftest import ICS_URL, TOKYO, api_results, calendar_of

pytestmark = pytest.mark.django_db


def test_url_names():
    assert reverse("feeds:actions_ics") == ICS_URL


def test_feed_parses_with_stable_uids_zoned_starts_and_links_back(client, make_action):
    tokyo = make_action("Vigil at Shibuya", **TOKYO)
    montreal = make_action("March on the Plateau", kind="march")
    first = calendar_of(client.get(ICS_URL))
    again = calendar_of(client.get(ICS_URL))
    events = {str(event["SUMMARY"]): event for event in first.walk("VEVENT")}
    assert set(events) == {"Vigil at Shibuya", "March on the Plateau"}
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [
        str(e["UID"]) for e in again.walk("VEVENT")
    ]
    for action, zone in ((tokyo, "Asia/Tokyo"), (montreal, "America/Toronto")):
        event = events[action.title]
        assert str(event["UID"]).startswith(f"{action.slug}@")
        assert event["DTSTART"].params["TZID"] == zone
        assert event["DTEND"].params["TZID"] == zone
        assert event.decoded("DTSTART") == action.starts_at
        assert str(event["URL"]) == f"http://127.0.0.1:8000{action.get_absolute_url()}"
        assert str(event["STATUS"]) == "CONFIRMED"
        assert action.description in str(event["DESCRIPTION"])
    assert {str(tz["TZID"]) for tz in first.walk("VTIMEZONE")} == {"Asia/Tokyo", "America/Toronto"}


def test_feed_names_itself_and_asks_for_hourly_refresh(client, make_action, gazetteer):
    make_action()
    calendar = calendar_of(client.get(f"{ICS_URL}?place=Montréal&radius=25"))
    assert str(calendar["X-WR-CALNAME"]).startswith("Upcoming actions within 25 km of Montr")
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar.decoded("REFRESH-INTERVAL") == dt.timedelta(hours=1)
    assert b"X-PUBLISHED-TTL:PT1H" in client.get(ICS_URL).content
    assert "/actions/?place=Montr" in str(calendar["X-WR-CALDESC"])


def test_jacques_cartier_bridge_blockade_is_in_the_past_feed_near_montreal(client, seeded):
    calendar = calendar_of(client.get(f"{ICS_URL}?when=past&place=Montréal&radius=50"))
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Blockade of the Jacques Cartier bridge" in summaries
    assert "March on Ottawa" not in summaries  # about 165 km away
    blockade = Action.objects.get(title="Blockade of the Jacques Cartier bridge")
    event = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == blockade.title)
    assert str(event["URL"]).endswith(blockade.get_absolute_url())
    assert event["DTSTART"].params["TZID"] == blockade.timezone


def test_actions_without_a_known_date_are_left_out(client, seeded):
    undated = Action.objects.published().past().filter(starts_at__isnull=True)
    assert undated.exists()
    calendar = calendar_of(client.get(f"{ICS_URL}?when=past"))
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert summaries and not summaries & {a.title for a in undated}


def test_weekly_series_repeats_without_its_cancelled_dates(client, make_action):
    start = dt.datetime(2031, 3, 10, 22, 0, tzinfo=dt.UTC)  # a Monday, 18:00 in Montréal
    series = make_action(
        "Monday vigils",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        recurrence_weekdays=[0],
        recurrence_until=dt.date(2031, 4, 28),
    )
    for week in range(8):
        ActionOccurrence.objects.create(
            action=series, is_cancelled=week == 2, starts_at=start + dt.timedelta(weeks=week)
        )
    event = calendar_of(client.get(ICS_URL)).walk("VEVENT")[0]
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["MO"]
    assert [d.dt for d in event["EXDATE"].dts] == [start + dt.timedelta(weeks=2)]


def test_feed_carries_at_most_its_limit_soonest_first(client, make_action, monkeypatch):
    monkeypatch.setattr("organizing.feeds.selectors.FEED_LIMIT", 3)
    actions = [make_action(f"Vigil {n}") for n in range(5)]
    events = calendar_of(client.get(ICS_URL)).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [a.title for a in actions[:3]]


def test_empty_search_is_a_valid_empty_calendar(client, db):
    calendar = Calendar.from_ical(client.get(f"{ICS_URL}?kind=strike").content)
    assert calendar.walk("VEVENT") == [] and str(calendar["VERSION"]) == "2.0"


def test_feed_is_cacheable_by_anyone_and_sets_no_cookie(client, make_action):
    make_action()
    response = client.get(ICS_URL)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert not response.cookies


def test_a_cancelled_action_stays_in_the_calendar_as_cancelled(client, make_action):
    make_action("Vigil called off", status="cancelled")
    make_action("Vigil going ahead")
    events = {
        str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar_of(client.get(ICS_URL)).walk("VEVENT")
    }
    assert events == {"Vigil called off": "CANCELLED", "Vigil going ahead": "CONFIRMED"}
    # Lists and the API show what is going ahead only.
    assert [r["title"] for r in api_results(client)] == ["Vigil going ahead"]
