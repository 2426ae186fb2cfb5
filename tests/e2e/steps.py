"""Steps several browser journeys share (journeys never import each other): the organizer in
Nicosia and her login, and running a moderator's admin action with a reason."""

from playwright.sync_api import expect

from organizing.collectives.models import Collective, Membership
from tests.factories import make_user

from .logins import fill_login


def organizer_in_nicosia():
    alice = make_user("alice@example.org", display_name="Alice")
    collective = Collective.objects.create(
        name="Nicosia Peace Collective",
        slug="nicosia-peace",
        kind="peace",
        city="Nicosia",
        country="CY",
        latitude=35.17,
        longitude=33.36,
        status="verified",
    )
    Membership.objects.create(user=alice, collective=collective, role="admin")
    return collective


def log_in(page, site):
    fill_login(page, site, "alice@example.org")


def run_admin_action(page, site, changelist: str, row_text: str, action_label: str):
    page.goto(site.url + changelist)
    page.locator("tr", has_text=row_text).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label=action_label)
    page.get_by_role("button", name="Run").click()


def give_reason(page, reason: str, submit: str):
    page.locator("textarea[name=reason]").fill(reason)
    page.get_by_role("button", name=submit).click()
    expect(page.locator(".messagelist")).to_be_visible()
