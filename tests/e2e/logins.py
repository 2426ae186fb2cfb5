"""Logging in through the real forms in browser journeys, with a TOTP code when the account has
two-factor on (the admin requires it of staff)."""

import time

from playwright.sync_api import expect

from tests.conftest import PASSWORD, enable_two_factor, make_user, moderators_group, totp_code

# A code typed in the last seconds of its 30-second window may reach the server in the next
# one, where it is refused: wait for a fresh window instead of failing now and then.
TOTP_MARGIN_SECONDS = 5


def fresh_totp_code(secret: str) -> str:
    left = 30 - time.time() % 30
    if left < TOTP_MARGIN_SECONDS:
        time.sleep(left + 0.1)
    return totp_code(secret)


def fill_login(page, site, email: str, *, totp_secret: str | None = None, path: str = ""):
    """The login form in this page (then the TOTP form when a secret is given); `path` is the
    ?next= to land on (the dashboard when empty)."""
    page.goto(site.url + "/accounts/login/" + (f"?next={path}" if path else ""))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret:
        page.locator("#id_code").fill(fresh_totp_code(totp_secret))
        page.get_by_role("button", name="Sign In").click()


def log_in(browser, site, email: str, *, totp_secret: str | None = None, path: str = "/"):
    """A new browser context, logged in, on `path`."""
    page = browser.new_context(bypass_csp=True, locale="en-GB").new_page()
    fill_login(page, site, email, totp_secret=totp_secret, path=path)
    expect(page).to_have_url(site.url + path)
    return page


def moderator_logs_in(browser, site):
    """A new moderator (the "Moderators" group, TOTP on) logged into the admin."""
    moderator = make_user("mod@example.org", display_name="Mod", is_staff=True)
    moderator.groups.add(moderators_group())
    page = log_in(
        browser, site, "mod@example.org", totp_secret=enable_two_factor(moderator), path="/admin/"
    )
    expect(page.locator("#user-tools")).to_be_visible()
    return page
