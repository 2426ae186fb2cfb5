"""A host reveals the exact place 3 hours before the start: a confirmed participant sees only
the area and when the address will be shown; once the reveal time has come, the page and the
reminder email bring the address."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from organizing.actions.models import Action
from organizing.actions.services.rsvp import rsvp_send_reminders
from organizing.outbox.models import OutboxMessage
from tests.conftest import make_user

from .conftest import assert_accessible
from .logins import fill_login
from .steps import organizer_in_nicosia

SECRET_ADDRESS = "4 Courtyard of the Olive Trees, Nicosia"


def post_with_a_late_reveal(page, site, collective) -> str:
    page.goto(site.url + collective.get_absolute_url())
    page.get_by_role("link", name="Post an action").click()
    in_two_days = timezone.localdate() + timedelta(days=2)
    page.get_by_label("Title").fill("Sit-in for a ceasefire")
    page.get_by_label("Kind of action").select_option("occupation")
    page.get_by_label("Start date").fill(in_two_days.isoformat())
    page.get_by_label("Start time").fill("18:00")
    page.get_by_label("End time").fill("20:00")
    page.get_by_role("combobox", name="City").fill("Nicosia, Cyprus")
    page.get_by_label("Street address").fill(SECRET_ADDRESS)
    page.get_by_label("Public area label").fill("Old town, Nicosia")
    page.get_by_label("Who sees the exact place").select_option("participants")
    page.get_by_label("Reveal the exact place to confirmed participants").fill("3")
    assert_accessible(page)
    page.get_by_role("button", name="Post the action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sit-in for a ceasefire")
    expect(page.get_by_text(SECRET_ADDRESS)).to_be_visible()  # the hosts always see it
    expect(page.locator(".reveal-notice")).to_contain_text("3 hours before the start")
    return page.url


def test_confirmed_participant_sees_the_address_from_the_reveal_time(page, browser, seeded_site):
    collective = organizer_in_nicosia()
    fill_login(page, seeded_site, "alice@example.org")
    action_url = post_with_a_late_reveal(page, seeded_site, collective)
    action = Action.objects.get(title="Sit-in for a ceasefire")
    assert action.reveal_hours_before == 3
    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Reveal the exact place to confirmed participants")).to_have_value("3")
    assert_accessible(page)

    make_user("dana@example.net", display_name="Dana")
    participant = browser.new_context(bypass_csp=True, locale="en-GB").new_page()
    fill_login(participant, seeded_site, "dana@example.net")
    participant.goto(action_url)
    participant.get_by_role("button", name="I am coming").click()
    expect(participant.locator(".rsvp-state")).to_contain_text("Confirmed")
    expect(participant.get_by_text(SECRET_ADDRESS)).to_have_count(0)
    expect(participant.get_by_text("Old town, Nicosia")).to_be_visible()
    expect(participant.locator(".reveal-notice")).to_contain_text(
        "Confirmed participants see the exact address from"
    )
    assert_accessible(participant)
    confirmation = OutboxMessage.objects.get(to="dana@example.net")
    assert SECRET_ADDRESS not in confirmation.body_text

    # The clock moves on: the action now starts in two and a half hours, inside the 3-hour
    # window (its reveal time was half an hour ago).
    now = timezone.now()
    Action.objects.filter(pk=action.pk).update(
        starts_at=now + timedelta(hours=2.5), ends_at=now + timedelta(hours=4)
    )
    participant.reload()
    expect(participant.get_by_text(SECRET_ADDRESS)).to_be_visible()
    expect(participant.locator(".reveal-notice")).to_have_count(0)
    assert_accessible(participant)

    # The reminder goes in the hour after the reveal time, with the address.
    assert rsvp_send_reminders(now=now) == 1
    reminder = OutboxMessage.objects.get(to="dana@example.net", subject__startswith="Reminder:")
    assert SECRET_ADDRESS in reminder.body_text
