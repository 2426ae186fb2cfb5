"""A moderator logs into the admin with two-factor authentication, verifies a pending collective,
rejects an action with a reason and resolves a report case by hiding an action; the collective's
admin then sees why on its page and has the email."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from organizing.actions.models import Action, ActionHost, HostConsent, HostRole, new_action_slug
from organizing.collectives.models import Collective, Membership
from organizing.moderation.services.reports import report_create
from organizing.outbox.models import OutboxMessage
from tests.conftest import PASSWORD, make_user

from .conftest import assert_accessible
from .logins import moderator_logs_in
from .steps import give_reason, run_admin_action

REJECTION = "The date and the place contradict each other; please post it again."
HIDING = "This action publishes a private home address."


def collective(slug: str, name: str, admin_email: str, *, status: str) -> Collective:
    group = Collective.objects.create(
        name=name,
        slug=slug,
        kind="peace",
        city="Nicosia",
        country="CY",
        latitude=35.17,
        longitude=33.36,
        status=status,
    )
    Membership.objects.create(user=make_user(admin_email), collective=group, role="admin")
    return group


def action(host: Collective, title: str, *, status: str) -> Action:
    posted = Action.objects.create(
        title=title,
        slug=new_action_slug(title),
        kind="vigil",
        status=status,
        starts_at=timezone.now() + dt.timedelta(days=9),
        timezone="Asia/Nicosia",
        city="Nicosia",
        country="CY",
        latitude=35.17,
        longitude=33.36,
    )
    ActionHost.objects.create(
        action=posted, collective=host, role=HostRole.LEAD, consent=HostConsent.ACCEPTED
    )
    return posted


def test_moderator_verifies_rejects_and_hides_and_the_collective_learns_why(browser, seeded_site):
    pending = collective(
        "nicosia-peace", "Nicosia Peace Collective", "nia@example.org", status="pending"
    )
    verified = collective(
        "limassol-vigils", "Limassol Vigils", "lia@example.org", status="verified"
    )
    to_review = action(verified, "Vigil with a contradictory date", status="pending_review")
    reported = action(verified, "Vigil at a private home", status="published")
    report_create(
        target_kind="action",
        target_slug=reported.slug,
        reason="doxxing",
        note="That is my neighbour's address.",
        reporter=None,
    )

    page = moderator_logs_in(browser, seeded_site)
    run_admin_action(
        page,
        seeded_site,
        "/admin/collectives/collective/?status__exact=pending",
        pending.name,
        "Verify the selected collectives",
    )
    expect(page.locator(".messagelist")).to_contain_text("1 collective verified")
    run_admin_action(
        page,
        seeded_site,
        "/admin/actions/action/",
        to_review.title,
        "Reject the selected actions (with a reason)",
    )
    give_reason(page, REJECTION, "Confirm")
    run_admin_action(
        page, seeded_site, "/admin/moderation/reportcase/", reported.title, "Hide the reported item"
    )
    give_reason(page, HIDING, "Confirm")

    pending.refresh_from_db()
    to_review.refresh_from_db()
    reported.refresh_from_db()
    assert (pending.status, to_review.status, reported.status) == ("verified", "rejected", "hidden")
    mails = OutboxMessage.objects.filter(to="lia@example.org")
    assert any(REJECTION in mail.body_text for mail in mails)
    assert any(HIDING in mail.body_text for mail in mails)

    admin = browser.new_context(bypass_csp=True, locale="en-GB").new_page()
    admin.goto(seeded_site.url + "/accounts/login/")
    admin.locator("#id_login").fill("lia@example.org")
    admin.locator("#id_password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign In").click()
    admin.goto(seeded_site.url + verified.get_absolute_url())
    # The banner atop the page says what is withheld and why; the decisions list below too.
    banner = admin.get_by_role("alert").filter(has_text="Moderation: what the public does not see")
    expect(banner).to_contain_text(REJECTION)
    expect(banner).to_contain_text(HIDING)
    expect(admin.locator("#moderation-decisions-title")).to_be_visible()
    assert_accessible(admin)
    admin.goto(seeded_site.url + reported.get_absolute_url())
    assert_accessible(admin)
    admin.get_by_role("link", name="Read the moderators' reason").click()
    expect(admin.get_by_text(HIDING)).to_be_visible()
    assert_accessible(admin)

    visitor = browser.new_context(bypass_csp=True, locale="en-GB").new_page()
    visitor.goto(seeded_site.url + pending.get_absolute_url())  # now public
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(pending.name)
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Report").click()
    assert_accessible(visitor)
    assert visitor.request.get(seeded_site.url + reported.get_absolute_url()).status == 404
