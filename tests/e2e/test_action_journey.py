"""An organizer posts a weekly action whose exact address is for confirmed participants only;
a visitor without an account RSVPs, confirms through the emailed link, then sees the address."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from organizing.outbox.models import OutboxMessage

from .conftest import assert_accessible
from .steps import log_in, organizer_in_nicosia

SECRET_ADDRESS = "12 Sentinel Street, Nicosia"
CONFIRM_LINK = re.compile(r"https?://\S+/actions/rsvp/\S+/confirm/")


def post_weekly_action(page, site, collective):
    page.goto(site.url + collective.get_absolute_url())
    page.get_by_role("link", name="Post an action").click()
    assert_accessible(page)
    first_friday = timezone.localdate() + timedelta(
        days=(4 - timezone.localdate().weekday()) % 7 + 7
    )
    page.get_by_label("Title").fill("Weekly demonstration for a ceasefire")
    page.get_by_label("Kind of action").select_option("march")
    page.get_by_label("Start date").fill(first_friday.isoformat())
    page.get_by_label("Start time").fill("18:00")
    page.get_by_label("End time").fill("19:30")
    page.get_by_role("combobox", name="City").fill("Nicosia, Cyprus")
    page.get_by_label("Venue name").fill("Sentinel square")
    page.get_by_label("Street address").fill(SECRET_ADDRESS)
    page.get_by_label("Who sees the exact place").select_option("participants")
    page.get_by_label("Friday").check()
    page.get_by_label("Repeats until").fill((first_friday + timedelta(weeks=8)).isoformat())
    page.get_by_role("button", name="Post the action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Weekly demonstration for a ceasefire"
    )
    expect(page.get_by_text(SECRET_ADDRESS)).to_be_visible()  # the hosts see it
    expect(page.locator(".address-audience")).to_contain_text(
        "Only confirmed participants and the hosts see this address"
    )
    assert_accessible(page)
    url = page.url
    page.locator(".address-audience").get_by_role("link", name="View as a visitor").click()
    expect(page.get_by_text("You are viewing this page as a visitor sees it.")).to_be_visible()
    expect(page.get_by_text(SECRET_ADDRESS)).to_have_count(0)
    expect(page.get_by_role("link", name="Attendees")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Back to your own view").click()
    expect(page.get_by_text(SECRET_ADDRESS)).to_be_visible()
    return url


def test_weekly_action_rsvp_without_account_reveals_address_once_confirmed(
    page, browser, seeded_site
):
    collective = organizer_in_nicosia()
    log_in(page, seeded_site)
    action_url = post_weekly_action(page, seeded_site, collective)

    visitor = browser.new_context(bypass_csp=True, timezone_id="America/Vancouver").new_page()
    visitor.goto(action_url)
    # Nicosia's time by name, and the browser's own (local-time.js), as the offsets differ.
    expect(visitor.locator(".action-time")).to_contain_text("Nicosia time, UTC+")
    expect(visitor.locator(".viewer-time")).to_contain_text("your time:")
    expect(visitor.get_by_text(SECRET_ADDRESS)).to_have_count(0)
    expect(visitor.locator(".series-dates li")).to_have_count(8)
    assert_accessible(visitor)
    visitor.get_by_label("Name or nickname").fill("Dana")
    visitor.get_by_label("Email").fill("dana@example.net")
    visitor.get_by_role("button", name="I am coming").click()
    expect(visitor.get_by_text(SECRET_ADDRESS)).to_have_count(0)
    expect(visitor.get_by_text("Your RSVP is waiting for your email confirmation.")).to_be_visible()
    assert_accessible(visitor)

    body = OutboxMessage.objects.get(to="dana@example.net").body_text
    assert SECRET_ADDRESS not in body
    path = "/" + CONFIRM_LINK.search(body).group(0).split("://", 1)[1].split("/", 1)[1]
    visitor.goto(seeded_site.url + path)
    assert_accessible(visitor)
    visitor.get_by_role("button", name="Yes, I am coming").click()
    visitor.goto(action_url)
    expect(visitor.get_by_text(SECRET_ADDRESS)).to_be_visible()
    assert_accessible(visitor)
