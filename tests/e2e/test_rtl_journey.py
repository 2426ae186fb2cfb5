"""Right to left (issue 15): in Arabic and Urdu the home, browse, action and sign-up pages are
laid out right to left with Bootstrap's RTL stylesheet, in the language's own words, with no
horizontal overflow on a phone (390 px) nor on a desktop (1280 px), and axe-core finds no
serious or critical violation."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from organizing.actions.models import Action

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e

# The README's screenshots of the home page in Arabic and in Japanese (SCREENSHOTS=1).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pages(site) -> list[str]:
    example = Action.objects.filter(status="published").order_by("pk").first()
    return ["/", "/actions/", example.get_absolute_url(), "/accounts/signup/"]


@pytest.mark.parametrize("language", ["ar", "ur"])
@pytest.mark.parametrize("width", [390, 1280])
def test_pages_read_right_to_left_without_overflow(browser, seeded_site, language, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        bypass_csp=True,
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    for path in pages(seeded_site):
        page.goto(seeded_site.url + path)
        html = page.locator("html")
        expect(html).to_have_attribute("dir", "rtl")
        expect(html).to_have_attribute("lang", language)
        stylesheets = page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)"
        )
        assert any("bootstrap.rtl.min" in href for href in stylesheets), stylesheets
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} overflows by {overflow} px at {width} px"
        assert_accessible(page)
    context.close()


@pytest.mark.parametrize("language", ["ar", "ur"])
def test_the_pages_are_in_the_language_not_only_mirrored(browser, seeded_site, language):
    context = browser.new_context(
        bypass_csp=True, locale=language, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    page.goto(seeded_site.url + "/")
    # Our own catalog's words (allauth's pages bring their own translations).
    menu = page.locator("#main-nav")
    expect(menu).to_be_visible()
    for english in ("Actions near you", "Collectives", "Register your collective"):
        expect(menu).not_to_contain_text(english)
    context.close()


@pytest.mark.parametrize("language", ["ar", "ja"])
def test_the_home_page_in_arabic_and_japanese(browser, seeded_site, language):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(seeded_site.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#main-nav")).not_to_contain_text("Actions near you")
    assert_accessible(page)
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=str(SCREENSHOTS / f"home-{language}.png"))
    context.close()
