"""Two US unions from the article form a coalition: UE's admin opens its partner suggestions and
proposes a new coalition to UAW; UAW's admin, in another browser, accepts from the inbox; both
see the coalition with both members."""

from playwright.sync_api import expect

from organizing.collectives.models import Collective, Membership
from tests.conftest import PASSWORD, make_user

from .conftest import assert_accessible

COALITION = "US Labor for a Ceasefire"


def admin_of(slug: str, email: str) -> Collective:
    collective = Collective.objects.get(slug=slug)
    Membership.objects.create(user=make_user(email), collective=collective, role="admin")
    return collective


def logged_in_page(browser, site, email: str):
    page = browser.new_context(bypass_csp=True, locale="en-GB").new_page()
    page.goto(site.url + "/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    return page


def propose_coalition(page, site, ue: Collective):
    page.goto(site.url + ue.get_absolute_url())
    page.get_by_role("link", name="Find partners").click()
    assert_accessible(page)
    suggestion = page.locator("article", has_text="United Auto Workers (UAW)")
    expect(suggestion).to_contain_text("Immediate ceasefire")
    suggestion.get_by_role("link", name="Propose a partnership").click()
    assert_accessible(page)
    page.get_by_label("Form a new coalition").check()
    page.get_by_label("Name of the new coalition").fill(COALITION)
    page.get_by_label("Draft points of unity").fill("1. An immediate ceasefire.\n2. No arms.")
    page.get_by_label("Message").fill("Shall we speak and march together?")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.get_by_text("Waiting for an answer").first).to_be_visible()
    assert_accessible(page)


def accept_from_inbox(page, site, uaw: Collective):
    page.goto(site.url + uaw.get_absolute_url())
    page.get_by_role("link", name="Inbox").click()
    assert_accessible(page)
    page.get_by_role(
        "link", name="United Electrical, Radio and Machine Workers of America (UE)"
    ).first.click()
    expect(page.get_by_text("Shall we speak and march together?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept").click()


def expect_both_members(page):
    expect(page.get_by_role("heading", level=1)).to_have_text(COALITION)
    members = page.locator("#coalition-members")
    expect(members).to_contain_text("United Auto Workers (UAW)")
    expect(members).to_contain_text("United Electrical, Radio and Machine Workers of America (UE)")
    assert_accessible(page)


def test_two_unions_form_a_coalition_from_a_suggestion(browser, seeded_site):
    ue = admin_of("ue", "ue-admin@example.org")
    uaw = admin_of("uaw", "uaw-admin@example.org")
    proposer = logged_in_page(browser, seeded_site, "ue-admin@example.org")
    answerer = logged_in_page(browser, seeded_site, "uaw-admin@example.org")

    propose_coalition(proposer, seeded_site, ue)
    accept_from_inbox(answerer, seeded_site, uaw)
    expect_both_members(answerer)

    proposer.reload()  # the proposal page now links to the coalition
    proposer.get_by_role("link", name=COALITION).first.click()
    expect_both_members(proposer)
    for page in (proposer, answerer):
        page.context.close()
