"""A person's own space (issue 14): someone with a pending collective, a draft, an action the
moderators hid and an RSVP logs in, lands on /me/ and reaches each of the four from there.

With SCREENSHOTS=1 the journey also saves the dashboard at 1280 px to
docs/screenshots/dashboard.png (the README shows it)."""

import datetime as dt
import os
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from organizing.actions.models import Action, ActionHost, HostConsent, HostRole, new_action_slug
from organizing.actions.services.rsvp import rsvp_create
from organizing.coalitions.services.coalitions import coalition_create
from organizing.collectives.models import Collective, Membership
from organizing.collectives.services.members import join_request_create
from organizing.moderation.services.decisions import action_hide
from tests.conftest import make_user, moderators_group

from .conftest import assert_accessible
from .logins import fill_login

HIDING = "This action publishes a private home address."
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "dashboard.png"


def collective(slug: str, name: str, *, status: str) -> Collective:
    return Collective.objects.create(
        name=name,
        slug=slug,
        kind="peace",
        city="Nicosia",
        country="CY",
        latitude=35.17,
        longitude=33.36,
        status=status,
    )


def action(host: Collective, title: str, *, status: str = "published", days: int = 9) -> Action:
    posted = Action.objects.create(
        title=title,
        slug=new_action_slug(title),
        kind="vigil",
        status=status,
        starts_at=timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=days),
        timezone="Asia/Nicosia",
        city="Nicosia",
        country="CY",
        area_label="Old town, Nicosia",
        latitude=35.17,
        longitude=33.36,
    )
    ActionHost.objects.create(
        action=posted, collective=host, role=HostRole.LEAD, consent=HostConsent.ACCEPTED
    )
    return posted


def a_person_with_things_waiting():
    """Nia admins a pending collective (with a draft) and a verified one (with an action the
    moderators hid, and one to come, a request to join it and a coalition), and goes to another
    collective's march."""
    nia = make_user("nia@example.org", display_name="Nia")
    pending = collective("nicosia-students", "Nicosia Students for Peace", status="pending")
    verified = collective("limassol-vigils", "Limassol Vigils", status="verified")
    others = collective("larnaca-peace", "Larnaca Peace Circle", status="verified")
    Membership.objects.create(user=nia, collective=pending, role="admin")
    Membership.objects.create(user=nia, collective=verified, role="admin")
    draft = action(pending, "Teach-in on the ceasefire", status="draft")
    hidden = action(verified, "Vigil at a private home")
    action(verified, "Candle vigil at the harbour", days=12)
    action(verified, "Vigil for the hostages and the prisoners", days=-20)
    moderator = make_user("mod@example.org", display_name="Mod", is_staff=True)
    moderator.groups.add(moderators_group())
    action_hide(action=hidden, moderator=moderator, reason=HIDING)
    join_request_create(collective=verified, user=make_user("sami@example.org"), message="Hi")
    coalition_create(
        name="Cyprus Ceasefire Front",
        founders=[(verified, nia)],
        points_of_unity="1. A ceasefire now.",
        created_by=nia,
    )
    going = action(others, "March for a ceasefire", days=5)
    rsvp_create(action=going, name="", user=nia)
    return pending, draft, hidden, going


def back_to_the_dashboard(page, name: str = "Nia"):
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="My space"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {name}")


def test_login_lands_on_the_dashboard_which_reaches_everything_waiting(browser, live_server):
    pending, draft, hidden, going = a_person_with_things_waiting()
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True, locale="en-GB"
    )
    page = context.new_page()
    fill_login(page, live_server, "nia@example.org")

    expect(page).to_have_url(live_server.url + "/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Nia")
    collectives = page.locator("#my-collectives")
    expect(collectives.locator("li", has_text=pending.name)).to_contain_text("Pending verification")
    expect(page.locator("#my-actions .dashboard-withheld")).to_contain_text(HIDING)
    expect(page.locator("#my-rsvps")).to_contain_text(going.title)
    expect(collectives).to_contain_text("1 join request to decide")
    expect(page.locator("#my-coalitions")).to_contain_text("Cyprus Ceasefire Front")
    assert_accessible(page)
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=str(SCREENSHOT), full_page=True)

    # The pending collective.
    collectives.get_by_role("link", name=pending.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(pending.name)
    back_to_the_dashboard(page)

    # The draft.
    page.locator("#my-actions").get_by_role("link", name=draft.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(draft.title)
    back_to_the_dashboard(page)

    # The hidden action and the moderators' reason, with the way to ask for a review.
    withheld = page.locator("#my-actions .dashboard-withheld")
    withheld.get_by_role("link", name="Read the moderators' decision").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(hidden.title)
    expect(page.get_by_text(HIDING)).to_be_visible()
    expect(page.get_by_role("link", name="Ask for a review")).to_be_visible()
    back_to_the_dashboard(page)

    # The RSVP: its action, then cancelled from the dashboard.
    page.locator("#my-rsvps").get_by_role("link", name=going.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(going.title)
    expect(page.locator(".rsvp-state")).to_contain_text("Confirmed")
    back_to_the_dashboard(page)
    page.locator("#my-rsvps").get_by_role("button", name="Cancel my RSVP").click()
    expect(page.get_by_text("Your RSVP is cancelled")).to_be_visible()
    back_to_the_dashboard(page)
    expect(page.locator("#my-rsvps")).to_contain_text("You have no RSVP to an upcoming action")

    # My account, then the profile settings: a new name and a time zone.
    page.get_by_role("main").get_by_role("link", name="My account").click()
    expect(page.get_by_role("link", name="Two-factor authentication")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Profile settings").click()
    assert_accessible(page)
    page.get_by_label("Display name").fill("Nia K.")
    page.get_by_label("Time zone").select_option("Asia/Nicosia")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    back_to_the_dashboard(page, name="Nia K.")
    context.close()
