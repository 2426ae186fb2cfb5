"""A visitor opens the home page, sees the archive, follows a link to an action."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible


def test_visitor_browses_the_archive_to_an_action(page, seeded_site):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(seeded_site.url + "/")

    # Nothing in the seed is upcoming, so the home page leads with the archive (issue 14, 8).
    archive = page.get_by_role("heading", name="From the archive: recent mobilizations")
    expect(archive).to_be_visible()
    canada = page.locator("section.country-archive", has=page.get_by_role("heading", name="Canada"))
    expect(canada.get_by_text("about 25,000")).to_be_visible()
    expect(page.locator(".convergence-map.leaflet-container")).to_have_count(1)
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    icons_loaded = page.locator("img.leaflet-marker-icon").evaluate_all(
        "icons => icons.every(icon => icon.complete && icon.naturalWidth > 0)"
    )
    assert icons_loaded
    assert_accessible(page)

    page.get_by_role("link", name="March on Ottawa").click()
    expect(page).to_have_url(re.compile(r"/actions/march-on-ottawa-[0-9a-f]{8}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("March on Ottawa")
    expect(page.get_by_text("about 25,000")).to_be_visible()
    assert_accessible(page)
    assert errors == []
