"""Reveal the exact place N hours before the start (a host's choice): until then confirmed
participants see the area only, on the page, in the `.ics` and in every email; the reminder
brings the address (at the reveal time when the reveal comes after the usual day-before
reminder)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.actions.access import can_see_exact_location, location_revealed, reveal_at
from organizing.actions.models import Action
from organizing.actions.services.rsvp import rsvp_create, rsvp_send_reminders
from organizing.outbox.models import OutboxMessage
from tests.conftest import make_user
from tests.factories import POST_URL as URL
from tests.factories import SECRET_ADDRESS, edit_data, form_data, make_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def dana(db):
    return make_user("dana@example.net", display_name="Dana")


def hidden_until(collective, *, hours=3, starts_in=timedelta(days=2), **fields) -> Action:
    return make_action(
        collective,
        starts_at=timezone.now() + starts_in,
        location_visibility="participants",
        reveal_hours_before=hours,
        **fields,
    )


def come(action, user):
    return rsvp_create(action=action, name="", user=user)


def reminders(to="dana@example.net"):
    return OutboxMessage.objects.filter(to=to, subject__startswith="Reminder:")


# --- the posting and edit forms --------------------------------------------------------------


def test_posting_form_stores_the_reveal_time(client_as, collective, gazetteer):
    response = client_as("alice").post(
        URL,
        form_data(
            collective,
            location_visibility="participants",
            reveal_hours_before="3",
            address=SECRET_ADDRESS,
        ),
    )
    assert response.status_code == 302
    assert Action.objects.get().reveal_hours_before == 3


@pytest.mark.parametrize("value", ["0", "-2", "abc", "169", "1.5", "9" * 30])
def test_bad_reveal_values_get_an_error_next_to_the_field(client_as, collective, gazetteer, value):
    response = client_as("alice").post(
        URL, form_data(collective, location_visibility="participants", reveal_hours_before=value)
    )
    assert response.status_code == 200
    assert "reveal_hours_before" in response.context["form"].errors
    assert not Action.objects.exists()


@pytest.mark.parametrize("visibility", ["public", "hosts"])
def test_reveal_needs_a_participants_only_address(client_as, collective, gazetteer, visibility):
    response = client_as("alice").post(
        URL, form_data(collective, location_visibility=visibility, reveal_hours_before="3")
    )
    assert response.status_code == 200
    assert "confirmed participants" in response.context["form"].errors["reveal_hours_before"][0]


def test_the_edit_form_shows_and_changes_it(client_as, collective, gazetteer):
    action = hidden_until(collective, hours=5, ends_at=None)
    client = client_as("alice")
    page = client.get(reverse("actions:edit", args=[action.slug])).content.decode()
    assert 'name="reveal_hours_before" value="5"' in page
    data = edit_data(action, reveal_hours_before="2")
    data.pop("end_date", None)
    data["end_time"] = (action.local_starts_at + timedelta(hours=2)).strftime("%H:%M")
    assert client.post(reverse("actions:edit", args=[action.slug]), data).status_code == 302
    assert Action.objects.get(pk=action.pk).reveal_hours_before == 2


# --- the rule --------------------------------------------------------------------------------


def test_confirmed_participants_see_the_place_only_from_the_reveal_time(alice, collective, dana):
    action = hidden_until(collective, hours=3)
    rsvp = come(action, dana)
    assert reveal_at(action) == action.starts_at - timedelta(hours=3)
    before, after = reveal_at(action) - timedelta(minutes=1), reveal_at(action)
    assert not can_see_exact_location(dana, action, rsvp=rsvp, now=before)
    assert can_see_exact_location(dana, action, rsvp=rsvp, now=after)
    assert can_see_exact_location(alice, action, now=before)  # organizers always
    assert not location_revealed(action, now=before) and location_revealed(action, now=after)


def test_without_a_reveal_time_nothing_changes(collective, dana):
    action = hidden_until(collective, hours=None)
    assert reveal_at(action) is None
    assert can_see_exact_location(dana, action, rsvp=come(action, dana))


# --- the page, the .ics and the emails ----------------------------------------------------------


def test_before_the_reveal_the_page_and_calendar_show_the_area_only(client, collective, dana):
    action = hidden_until(collective, hours=3)
    come(action, dana)
    client.force_login(dana)
    page = client.get(action.get_absolute_url()).content.decode()
    assert SECRET_ADDRESS not in page and "Downtown Montréal" in page
    assert "Confirmed participants see the exact address from" in page
    assert "3 hours before the start" in page
    calendar = client.get(reverse("actions:calendar", args=[action.slug])).content.decode()
    assert SECRET_ADDRESS not in calendar


def test_within_the_window_the_participant_sees_the_address(client, collective, dana):
    action = hidden_until(collective, hours=3, starts_in=timedelta(hours=2))
    come(action, dana)
    client.force_login(dana)
    page = client.get(action.get_absolute_url()).content.decode()
    assert SECRET_ADDRESS in page and "Confirmed participants see" not in page
    calendar = client.get(reverse("actions:calendar", args=[action.slug])).content.decode()
    assert SECRET_ADDRESS in calendar


def test_organizers_see_the_address_and_when_it_is_shown(client_as, collective):
    action = hidden_until(collective, hours=3)
    page = client_as("alice").get(action.get_absolute_url()).content.decode()
    assert SECRET_ADDRESS in page and "Confirmed participants see the exact address" in page


def test_the_confirmation_email_waits_for_the_reveal(collective, dana):
    action = hidden_until(collective, hours=3)
    come(action, dana)
    mail = OutboxMessage.objects.get(to="dana@example.net")
    assert SECRET_ADDRESS not in mail.body_text
    assert "3 hours before the start" in mail.body_text


def test_the_confirmation_email_after_the_reveal_has_the_address(collective, dana):
    action = hidden_until(collective, hours=3, starts_in=timedelta(hours=2))
    come(action, dana)
    assert SECRET_ADDRESS in OutboxMessage.objects.get(to="dana@example.net").body_text


def test_changing_the_time_before_the_reveal_sends_no_address(
    client_as, collective, dana, gazetteer
):
    action = hidden_until(collective, hours=3, ends_at=None)
    come(action, dana)
    OutboxMessage.objects.all().delete()
    data = edit_data(action, title="Vigil, new time")
    data.pop("end_date", None)
    data["end_time"] = (action.local_starts_at + timedelta(hours=3)).strftime("%H:%M")
    client_as("alice").post(reverse("actions:edit", args=[action.slug]), data)
    mails = OutboxMessage.objects.filter(to="dana@example.net")
    assert mails.exists() and not any(SECRET_ADDRESS in m.body_text for m in mails)


# --- the reminder ---------------------------------------------------------------------------


def test_a_late_reveal_moves_the_reminder_to_the_reveal_time(collective, dana):
    action = hidden_until(collective, hours=3)
    come(action, dana)
    day_before = action.starts_at - timedelta(hours=24, minutes=30)
    assert rsvp_send_reminders(now=day_before) == 0  # the address is not out yet: wait
    just_before = reveal_at(action) - timedelta(minutes=5)
    assert rsvp_send_reminders(now=just_before) == 0
    at_reveal = reveal_at(action) + timedelta(minutes=10)
    assert rsvp_send_reminders(now=at_reveal) == 1
    mail = reminders().get()
    assert SECRET_ADDRESS in mail.body_text and "starts in 3 hours" in mail.body_text
    assert rsvp_send_reminders(now=at_reveal + timedelta(minutes=20)) == 0  # once


@pytest.mark.parametrize("hours", [24, 1])
def test_the_reveal_reminder_comes_in_the_hour_after_the_reveal(collective, dana, hours):
    action = hidden_until(collective, hours=hours)
    come(action, dana)
    assert rsvp_send_reminders(now=reveal_at(action) - timedelta(seconds=1)) == 0
    assert rsvp_send_reminders(now=reveal_at(action)) == 1
    assert SECRET_ADDRESS in reminders().get().body_text


def test_an_early_reveal_keeps_the_day_before_reminder_with_the_address(collective, dana):
    action = hidden_until(collective, hours=30)
    come(action, dana)
    assert rsvp_send_reminders(now=action.starts_at - timedelta(hours=24, minutes=30)) == 1
    mail = reminders().get()
    assert SECRET_ADDRESS in mail.body_text and "starts tomorrow" in mail.body_text


def test_without_a_reveal_the_reminder_is_as_before(collective, dana):
    action = hidden_until(collective, hours=None)
    come(action, dana)
    assert rsvp_send_reminders(now=action.starts_at - timedelta(hours=24, minutes=30)) == 1
    assert SECRET_ADDRESS in reminders().get().body_text
