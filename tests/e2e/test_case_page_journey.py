"""A moderator resolves a report case from its own page (issue 14, item 7): the case list and
page name it by the reported action and its collective, and the page's decision buttons hide
the action with a reason, as the list's bulk action would."""

from playwright.sync_api import expect

from organizing.actions.models import Action
from organizing.moderation.models import Decision
from organizing.moderation.services.reports import report_create
from tests.factories import make_action, make_collective

from .conftest import assert_accessible
from .logins import moderator_logs_in

TITLE = "Report on the action “Vigil for peace” (Ottawa Peace Union)"
HIDING = "This action publishes a private home address."


def test_the_moderator_hides_the_reported_action_from_the_case_page(browser, live_server):
    action = make_action(make_collective("Ottawa Peace Union", "ottawa-peace-union"))
    report_create(target_kind="action", target_slug=action.slug, reason="doxxing", note="")
    page = moderator_logs_in(browser, live_server)
    page.goto(live_server.url + "/admin/moderation/reportcase/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    page.get_by_label("In your own words").fill(HIDING)
    page.get_by_role("button", name="Hide the reported item").click()
    expect(page.locator(".messagelist")).to_contain_text("Case resolved: Hide the reported item.")
    expect(page.get_by_role("button", name="Hide the reported item")).to_have_count(0)
    assert Action.objects.get(pk=action.pk).status == "hidden"
    assert Decision.objects.get(verb="action_hidden").reason == HIDING
