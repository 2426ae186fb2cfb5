"""Weekly series: the dates materialized in the place's own time, one date cancelled."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from organizing.actions.forms.posting import ActionForm, initial_from
from organizing.actions.models import ActionOccurrence
from organizing.actions.services import posting as services
from tests.factories import form_data, post_action

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def local_starts(action) -> list[dt.datetime]:
    zone = zoneinfo.ZoneInfo(action.timezone)
    return [o.starts_at.astimezone(zone) for o in action.occurrences.all()]


def test_weekly_series_on_chosen_weekdays_until_the_end_date_included(alice, collective, gazetteer):
    # Wednesday 12 March 2031, then every Monday and Wednesday until Monday 24 March included.
    action = post_action(
        alice, collective, recurrence_weekdays=["0", "2"], recurrence_until="2031-03-24"
    )
    assert action.recurrence_weekdays == [0, 2]
    assert [d.date() for d in local_starts(action)] == [
        dt.date(2031, 3, 12),
        dt.date(2031, 3, 17),
        dt.date(2031, 3, 19),
        dt.date(2031, 3, 24),
    ]
    assert {(d.hour, d.minute) for d in local_starts(action)} == {(18, 0)}
    assert all(o.ends_at - o.starts_at == dt.timedelta(hours=2) for o in action.occurrences.all())


@pytest.mark.parametrize(
    ("city", "summer_utc", "winter_utc"),
    [("Paris", 16, 17), ("Nicosia", 15, 16)],
)
def test_series_keeps_local_time_across_the_october_clock_change(
    alice, collective, gazetteer, city, summer_utc, winter_utc
):
    # Clocks go back on Sunday 27 October 2030 in the European Union and Cyprus.
    action = post_action(
        alice,
        collective,
        city=city,
        start_date="2030-10-22",
        recurrence_weekdays=["1"],
        recurrence_until="2030-11-05",
    )
    starts = [o.starts_at for o in action.occurrences.all()]
    assert starts == [
        dt.datetime(2030, 10, 22, summer_utc, tzinfo=UTC),
        dt.datetime(2030, 10, 29, winter_utc, tzinfo=UTC),
        dt.datetime(2030, 11, 5, winter_utc, tzinfo=UTC),
    ]
    assert {(d.hour, d.minute) for d in local_starts(action)} == {(18, 0)}


def test_single_date_has_no_series(alice, collective, gazetteer):
    action = post_action(alice, collective)
    assert not action.occurrences.exists()


def test_series_is_capped_at_two_years(alice, collective, gazetteer):
    form = ActionForm(
        form_data(collective, recurrence_weekdays=["2"], recurrence_until="2032-03-12")
    )
    assert form.is_valid(), form.errors
    # The form refuses longer; the service caps anyway.
    data = {**form.cleaned_data, "recurrence_until": dt.date(2040, 1, 1)}
    action = services.action_create(user=alice, collective=collective, data=data)
    last = action.occurrences.last().starts_at.date()
    assert dt.date(2033, 3, 1) < last <= dt.date(2033, 3, 16)


def test_editing_the_plan_keeps_a_cancelled_date_cancelled(alice, collective, gazetteer):
    action = post_action(
        alice, collective, recurrence_weekdays=["2"], recurrence_until="2031-04-02"
    )
    third = action.occurrences.all()[2]
    services.occurrence_cancel(occurrence=third, user=alice)
    data = {**initial_from(action), "city": "Montréal", "recurrence_weekdays": ["2", "4"]}
    form = ActionForm({k: v for k, v in data.items() if v is not None and k != "causes"})
    assert form.is_valid(), form.errors
    services.action_update(action=action, user=alice, data=form.cleaned_data)
    occurrences = list(action.occurrences.all())
    assert len(occurrences) == 7  # four Wednesdays and three Fridays
    assert [o.is_cancelled for o in occurrences].count(True) == 1
    assert ActionOccurrence.objects.get(pk=third.pk).is_cancelled


def test_organizer_cancels_one_date(client_as, alice, collective, gazetteer):
    action = post_action(
        alice, collective, recurrence_weekdays=["2"], recurrence_until="2031-03-26"
    )
    second = action.occurrences.all()[1]
    url = reverse("actions:occurrence_cancel", args=[action.slug, second.pk])
    response = client_as("alice").post(url)
    assert response.status_code == 302
    assert [o.is_cancelled for o in action.occurrences.all()] == [False, True, False]
    assert action.occurrences.count() == 3


@pytest.mark.parametrize(("who", "status"), [("bob", 403), ("charlie", 403), ("anonymous", 403)])
def test_non_organizers_cannot_cancel_a_date(client_as, alice, collective, gazetteer, who, status):
    action = post_action(
        alice, collective, recurrence_weekdays=["2"], recurrence_until="2031-03-26"
    )
    first = action.occurrences.first()
    url = reverse("actions:occurrence_cancel", args=[action.slug, first.pk])
    assert client_as(who).post(url).status_code == status
    assert not action.occurrences.filter(is_cancelled=True).exists()


def test_cancel_a_date_is_post_only(client_as, alice, collective, gazetteer):
    action = post_action(
        alice, collective, recurrence_weekdays=["2"], recurrence_until="2031-03-26"
    )
    url = reverse("actions:occurrence_cancel", args=[action.slug, action.occurrences.first().pk])
    assert client_as("alice").get(url).status_code == 405
