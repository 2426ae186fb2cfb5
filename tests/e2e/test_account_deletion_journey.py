"""A person RSVPs, downloads their data (their email and their RSVP are in it), subscribes to
their private calendar, then deletes their account: the calendar link dies, and they can no
longer log in."""

import json
from pathlib import Path

from playwright.sync_api import expect

from organizing.accounts.models import User
from organizing.actions.models import Rsvp
from tests.factories import PASSWORD, make_action, make_user

from .conftest import assert_accessible
from .logins import log_in
from .steps import organizer_in_nicosia


def test_download_my_data_then_delete_my_account(browser, transactional_db, live_server):
    collective = organizer_in_nicosia()
    action = make_action(collective, title="Vigil at the Green Line", city="Nicosia", country="CY")
    make_user("nadia@example.org", display_name="Nadia")

    page = log_in(browser, live_server, "nadia@example.org", path=action.get_absolute_url())
    page.get_by_role("button", name="I am coming").click()
    expect(page.get_by_text("Vigil at the Green Line").first).to_be_visible()
    assert Rsvp.objects.filter(user__email="nadia@example.org", action=action).exists()

    page.goto(live_server.url + "/me/data/")
    expect(page.get_by_role("heading", name="Download my data")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data (JSON)").click()
    data = json.loads(Path(download_info.value.path()).read_text())
    assert data["account"]["email"] == "nadia@example.org"
    assert [(r["action"], r["status"]) for r in data["rsvps"]] == [
        ("Vigil at the Green Line", "confirmed")
    ]

    page.get_by_role("link", name="My private calendar feed").click()
    page.get_by_role("button", name="Create my calendar link").click()
    # The link names SITE_URL; the test server listens elsewhere: the same path there.
    link = page.get_by_label("Your calendar link").input_value()
    feed_url = live_server.url + "/calendar/" + link.split("/calendar/", 1)[1]
    assert_accessible(page)
    feed = page.request.get(feed_url)
    assert feed.status == 200 and "Vigil at the Green Line (you are coming)" in feed.text()

    page.goto(live_server.url + "/me/data/")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", name="What is erased")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="nadia@example.org").exists()
    rsvp = Rsvp.objects.get(action=action)
    assert rsvp.user_id is None and rsvp.email.endswith("@invalid")

    gone = page.request.get(feed_url)
    assert gone.status == 404

    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_login").fill("nadia@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("not correct")).to_be_visible()
    page.goto(live_server.url + "/me/data/")
    expect(page).to_have_url(live_server.url + "/accounts/login/?next=/me/data/")
