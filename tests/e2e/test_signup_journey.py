"""A local organizer goes from the home page to a live collective profile, without help."""

import re

from playwright.sync_api import expect

from organizing.outbox.models import OutboxMessage
from tests.conftest import PASSWORD, enable_two_factor, make_user

from .conftest import assert_accessible
from .logins import fresh_totp_code

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


def sign_up(page, site):
    page.goto(site.url + "/")
    page.get_by_role("link", name="Sign up").click()
    assert_accessible(page)
    page.locator("#id_email").fill("nadia@example.org")
    page.get_by_label("Display name").fill("Nadia")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert_accessible(page)


def follow_the_emailed_link(page):
    body = OutboxMessage.objects.get(to="nadia@example.org").body_text
    path = "/" + CONFIRM_LINK.search(body).group(0).split("://", 1)[1].split("/", 1)[1]
    page.goto(page.url.split("/accounts/")[0] + path)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()


def register_collective(page):
    page.get_by_role("link", name="Register your collective").click()
    assert_accessible(page)
    page.get_by_label("Name of your collective").fill("Montréal Students for Peace")
    page.get_by_label("What kind of group is it?").select_option("student_group")
    page.get_by_role("combobox", name="City").fill("Montreal, Canada")
    page.get_by_label("Immediate ceasefire").check()
    page.get_by_label("Contact email (private)").fill("msp-private@example.org")
    page.get_by_role("button", name="Register the collective").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Montréal Students for Peace")
    expect(page.get_by_text("awaiting review")).to_be_visible()
    assert_accessible(page)
    return page.url


def moderator_verifies(browser, site):
    moderator = make_user("mod@example.org", display_name="Mod", is_staff=True, is_superuser=True)
    secret = enable_two_factor(moderator)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(site.url + "/admin/")
    page.locator("#id_login").fill("mod@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    assert_accessible(page)
    page.locator("#id_code").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.goto(site.url + "/admin/collectives/collective/?status__exact=pending")
    assert_accessible(page)
    page.get_by_role("checkbox", name="Select this object for an action").first.check()
    page.get_by_label("Action:").select_option("verify")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("1 collective verified.")).to_be_visible()
    context.close()


def test_organizer_signs_up_registers_and_goes_live(page, browser, seeded_site):
    sign_up(page, seeded_site)
    follow_the_emailed_link(page)
    profile_url = register_collective(page)

    moderator_verifies(browser, seeded_site)

    visitor = browser.new_context(bypass_csp=True).new_page()
    visitor.goto(profile_url)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("verified")
    expect(visitor.get_by_text("msp-private@example.org")).to_have_count(0)
    assert_accessible(visitor)
