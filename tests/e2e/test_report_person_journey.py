"""A member reports another member from the members list; a moderator with two-factor sees the
case with the person's display name and where they were seen, and suspends the account; the
suspended person's open session stops working at once."""

from playwright.sync_api import expect

from organizing.accounts.models import User
from organizing.collectives.models import Collective, Membership
from organizing.moderation.models import Report
from tests.conftest import make_user

from .conftest import assert_accessible
from .logins import log_in, moderator_logs_in
from .steps import give_reason, run_admin_action

NOTE = "He threatened to publish our home addresses after the meeting."


def test_a_member_reports_a_member_and_the_moderator_suspends_the_account(
    browser, transactional_db, live_server
):
    group = Collective.objects.create(
        name="Haifa Vigil Collective",
        slug="haifa-vigil",
        kind="peace",
        city="Haifa",
        country="IL",
        status="verified",
    )
    rana = make_user("rana@example.org", display_name="Rana")
    mallory = make_user("mallory@example.org", display_name="Mallory")
    Membership.objects.create(user=rana, collective=group, role="admin")
    Membership.objects.create(user=mallory, collective=group, role="member")

    # Rana reports Mallory from the members list: the page names him, never his address.
    reporter = log_in(browser, live_server, "rana@example.org")
    reporter.goto(live_server.url + f"/collectives/{group.slug}/members/")
    assert_accessible(reporter)
    reporter.get_by_role("link", name="Report Mallory").click()
    expect(reporter.get_by_role("heading", level=1)).to_contain_text("Mallory")
    expect(reporter.locator("body")).not_to_contain_text("mallory@example.org")
    assert_accessible(reporter)
    reporter.get_by_label("Harassment").check()
    reporter.get_by_label("Anything moderators should know (optional)").fill(NOTE)
    reporter.get_by_role("button", name="Send the report").click()
    expect(reporter.get_by_role("heading", level=1)).to_contain_text("your report was received")
    assert_accessible(reporter)
    report = Report.objects.get()
    assert (report.target_kind, report.target_slug) == ("person", str(mallory.public_id))

    # Mallory is logged in somewhere.
    reported = log_in(browser, live_server, "mallory@example.org")
    reported.goto(live_server.url + "/accounts/email/")
    expect(reported).to_have_url(live_server.url + "/accounts/email/")

    # The moderator sees who and where (not who reported), and suspends the account.
    moderator = moderator_logs_in(browser, live_server)
    moderator.goto(live_server.url + "/admin/moderation/reportcase/")
    row = moderator.locator("tr", has_text="Mallory")
    expect(row).to_contain_text("Person")
    moderator.goto(live_server.url + f"/admin/moderation/reportcase/{report.case_id}/change/")
    body = moderator.locator("#content")
    expect(body).to_contain_text("Mallory")
    expect(body).to_contain_text("the members list of Haifa Vigil Collective")
    expect(body).to_contain_text(NOTE)
    expect(body).not_to_contain_text("Rana")
    expect(body).not_to_contain_text("mallory@example.org")
    run_admin_action(
        moderator,
        live_server,
        "/admin/moderation/reportcase/",
        "Mallory",
        "Suspend the account (the reported person, or who posted the action or appeal)",
    )
    give_reason(moderator, "Threats against members.", "Confirm")
    assert not User.objects.get(pk=mallory.pk).is_active

    # Mallory's session has ended: the next page asks him to log in.
    reported.goto(live_server.url + "/accounts/email/")
    expect(reported).to_have_url(live_server.url + "/accounts/login/?next=/accounts/email/")
    assert_accessible(reported)
