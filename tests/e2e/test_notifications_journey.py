"""Notification preferences (issue 14): a host signs in, goes from My account to
Notifications, asks for an email for each new RSVP instead of the daily digest, saves, and
finds the choice kept."""

from playwright.sync_api import expect

from organizing.accounts.models import NotificationPreference
from tests.conftest import make_user

from .conftest import assert_accessible
from .logins import fill_login


def test_a_host_chooses_an_email_for_each_new_rsvp(browser, live_server):
    nia = make_user("nia@example.org", display_name="Nia")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True, locale="en-GB"
    )
    page = context.new_page()
    fill_login(page, live_server, "nia@example.org")
    expect(page).to_have_url(live_server.url + "/me/")

    page.get_by_role("main").get_by_role("link", name="My account").click()
    page.get_by_role("main").get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    assert_accessible(page)
    rsvps = page.get_by_role("group", name="New RSVPs to actions I host")
    expect(rsvps.get_by_label("A daily digest")).to_be_checked()
    moderation = page.get_by_role("group", name="Moderation decisions")
    expect(moderation.get_by_label("Off")).to_have_count(0)

    rsvps.get_by_label("An email each time").check()
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Your notification preferences are saved.")).to_be_visible()
    rsvps = page.get_by_role("group", name="New RSVPs to actions I host")
    expect(rsvps.get_by_label("An email each time")).to_be_checked()
    page.reload()
    expect(
        page.get_by_role("group", name="New RSVPs to actions I host").get_by_label(
            "An email each time"
        )
    ).to_be_checked()
    assert NotificationPreference.objects.get(user=nia, kind="new_rsvps").delivery == "each"
    context.close()
