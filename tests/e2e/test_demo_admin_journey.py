"""The demo admin's first hour (issue 14, item 2): created as `make run` creates it, it logs in
at /admin/, lands on TOTP set-up (the QR code, no "Verify your email address", no second
password prompt), activates it, sees its recovery codes and follows their link to the admin."""

import io

from django.core.management import call_command
from playwright.sync_api import expect

from organizing.accounts.management.commands.ensure_demo_admin import DEMO_EMAIL
from tests.conftest import PASSWORD

from .conftest import assert_accessible
from .logins import fresh_totp_code


def test_the_demo_admin_goes_from_the_password_to_the_admin_index(page, live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("ensure_demo_admin", stdout=io.StringIO())
    page.goto(live_server.url + "/admin/")
    page.locator("#id_login").fill(DEMO_EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    expect(page.locator("img[src^='data:image/svg+xml']")).to_be_visible()  # the QR code
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Continue to the administration").click()
    expect(page).to_have_url(live_server.url + "/admin/")
    expect(page.locator("#user-tools")).to_be_visible()
    expect(page.locator("#site-name")).to_be_visible()
