"""A pending collective's admin shares its vouch link; an admin of a verified collective logs in
with two-factor and vouches for it in a sentence; the moderator sees the vouch in the
verification queue and verifies the collective. Nobody else ever sees the vouch."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from organizing.collectives.models import Collective, Membership, Vouch
from tests.conftest import enable_two_factor, make_user

from .conftest import assert_accessible
from .logins import log_in, moderator_logs_in
from .steps import run_admin_action

STATEMENT = "We have organised the Nicosia vigils with them every month since 2021."


def collective(slug: str, name: str, admin, *, status: str) -> Collective:
    group = Collective.objects.create(
        name=name, slug=slug, kind="peace", city="Nicosia", country="CY", status=status
    )
    Membership.objects.create(user=admin, collective=group, role="admin")
    return group


def test_a_verified_collective_vouches_and_the_moderator_verifies(
    browser, transactional_db, live_server
):
    pia = make_user("pia@example.org", display_name="Pia")
    vera = make_user("vera@example.org", display_name="Vera")
    secret = enable_two_factor(vera)
    pending = collective("nicosia-mothers", "Nicosia Mothers for Peace", pia, status="pending")
    voucher = collective("limassol-vigils", "Limassol Vigils", vera, status="verified")

    # Pia finds the link in her "waiting for verification" notice.
    admin_of_pending = log_in(browser, live_server, "pia@example.org")
    admin_of_pending.goto(live_server.url + pending.get_absolute_url())
    link = admin_of_pending.get_by_label("Vouch link").input_value()
    assert f"/collectives/{pending.slug}/vouch/" in link
    assert_accessible(admin_of_pending)

    # Vera (two-factor on) opens it and vouches.
    vouching = log_in(browser, live_server, "vera@example.org", totp_secret=secret)
    vouching.goto(live_server.url + urlsplit(link).path)  # SITE_URL is not the test server
    expect(vouching.get_by_role("heading", level=1)).to_contain_text(pending.name)
    assert_accessible(vouching)
    vouching.get_by_label("How does your collective know them?").fill(STATEMENT)
    vouching.get_by_role("button", name="Vouch for this collective").click()
    expect(vouching.get_by_text("the moderators will see it")).to_be_visible()
    expect(vouching.locator("blockquote")).to_contain_text(STATEMENT)
    assert_accessible(vouching)
    assert Vouch.objects.get().voucher == voucher

    # The pending collective's own page shows no vouch.
    admin_of_pending.reload()
    expect(admin_of_pending.locator("body")).not_to_contain_text(STATEMENT)

    # The moderator reads it in the queue, then verifies.
    moderator = moderator_logs_in(browser, live_server)
    moderator.goto(live_server.url + "/admin/moderation/decision/home/")
    row = moderator.locator("tr", has_text=pending.name)
    expect(row).to_contain_text("Limassol Vigils")
    expect(row).to_contain_text(STATEMENT)
    moderator.goto(live_server.url + f"/admin/collectives/collective/{pending.pk}/change/")
    expect(moderator.locator("#content")).to_contain_text(STATEMENT)
    run_admin_action(
        moderator,
        live_server,
        "/admin/collectives/collective/?status__exact=pending",
        pending.name,
        "Verify the selected collectives",
    )
    expect(moderator.locator(".messagelist")).to_contain_text("1 collective verified")
    pending.refresh_from_db()
    assert pending.status == "verified"

    # Now public: its page and the voucher's show nothing of the vouch.
    visitor = browser.new_context(bypass_csp=True, locale="en-GB").new_page()
    for group in (pending, voucher):
        visitor.goto(live_server.url + group.get_absolute_url())
        expect(visitor.get_by_role("heading", level=1)).to_contain_text(group.name)
        expect(visitor.locator("body")).not_to_contain_text(STATEMENT)
    assert_accessible(visitor)
