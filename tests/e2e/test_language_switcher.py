"""The language choice in the header (issue 15): one form, the last item of the menu. From
1200 px no language's menu row has room for it too, so it sits in a slim strip above the row.
At 1280 px in German and French (the longest menu words) the row stays one row, the switcher
keeps off it and nothing overflows, for visitors and signed-in people; a keyboard alone picks
日本語 and stays on the same page; on a phone (390 px) the switcher is reached by opening the
menu."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

from .conftest import assert_accessible
from .steps import organizer_in_nicosia

pytestmark = pytest.mark.e2e

BROWSE = "/actions/"
# "Log out" in the language: the page is the signed-in one.
SIGNED_IN_ITEM = {"de": "Abmelden", "fr": "Se déconnecter"}


def _context(browser, *, width: int, language: str):
    return browser.new_context(
        viewport={"width": width, "height": 800},
        bypass_csp=True,
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )


def _navbar_rows_overflow(page) -> dict:
    """How the navbar is laid out: its content height against its tallest item's (one row when
    they match), and the items whose right or left edge leaves the viewport."""
    return page.evaluate(
        """() => {
            const nav = document.querySelector('header .navbar');
            const style = getComputedStyle(nav);
            const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
            const content = nav.clientHeight - padding;
            const items = [...nav.querySelectorAll('.navbar-brand, #main-nav > *')];
            const tallest = Math.max(...items.map(item => item.getBoundingClientRect().height));
            const outside = [...nav.querySelectorAll('a, button, select')]
                .filter(el => el.offsetParent !== null)
                .filter(el => {
                    const box = el.getBoundingClientRect();
                    return box.right > window.innerWidth || box.left < 0;
                })
                .map(el => el.textContent.trim().slice(0, 30));
            const switcher = nav.querySelector('.language-switcher').getBoundingClientRect();
            const row = nav.querySelector('#main-nav .navbar-nav').getBoundingClientRect();
            return {
                content: Math.round(content), tallest: Math.round(tallest), outside: outside,
                switcherOverRow: switcher.bottom <= row.top,
            };
        }"""
    )


def _assert_one_row_without_overflow(page):
    layout = _navbar_rows_overflow(page)
    assert layout["content"] <= layout["tallest"] + 1, layout
    assert layout["outside"] == [], layout
    assert layout["switcherOverRow"], layout
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _log_in_with_enter(page, site):
    """The login form in the page's language: filled, then sent with Enter (its button's words
    differ in each language)."""
    page.goto(site.url + "/accounts/login/")
    page.locator("#id_login").fill("alice@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _choose_with_keyboard(page, code: str):
    """Tab from the menu's last link to the select, move with the arrow keys to the option,
    then Tab to the button and press Enter."""
    select = page.locator("#language-select")
    page.locator("#main-nav .nav-link").last.focus()
    page.keyboard.press("Tab")
    expect(select).to_be_focused()
    for _ in range(len(select.locator("option").all())):
        if select.input_value() == code:
            break
        page.keyboard.press("ArrowDown")
    assert select.input_value() == code
    page.keyboard.press("Tab")
    expect(page.locator(".language-switcher button")).to_be_focused()
    page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_header_is_one_row_at_1280_px(browser, seeded_site, language):
    organizer_in_nicosia()
    context = _context(browser, width=1280, language=language)
    page = context.new_page()
    page.goto(seeded_site.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("header #language-select")).to_be_visible()
    _assert_one_row_without_overflow(page)
    # Signed in, the menu gains "My space" and "Log out".
    _log_in_with_enter(page, seeded_site)
    page.goto(seeded_site.url + "/")
    expect(page.locator("#main-nav")).to_contain_text(SIGNED_IN_ITEM[language])
    _assert_one_row_without_overflow(page)
    assert_accessible(page)
    context.close()


def test_a_keyboard_chooses_japanese_and_stays_on_the_page(browser, seeded_site):
    context = _context(browser, width=1280, language="en")
    page = context.new_page()
    page.goto(seeded_site.url + BROWSE)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.locator("#language-select option[value=ja]").inner_text() == "日本語"
    assert page.locator("#language-select option[value=ja]").get_attribute("lang") == "ja"
    _choose_with_keyboard(page, "ja")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    assert page.url == seeded_site.url + BROWSE
    expect(page.locator("#language-select")).to_have_value("ja")
    context.close()


def test_on_a_phone_the_switcher_is_in_the_menu(browser, seeded_site):
    context = _context(browser, width=390, language="fr")
    page = context.new_page()
    page.goto(seeded_site.url + BROWSE)
    switcher = page.locator("#language-select")
    expect(switcher).to_be_hidden()
    page.locator(".navbar-toggler").click()
    expect(switcher).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _choose_with_keyboard(page, "de")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert page.url == seeded_site.url + BROWSE
    context.close()


def test_there_is_one_switcher_and_none_in_the_footer(browser, seeded_site):
    context = _context(browser, width=1280, language="en")
    page = context.new_page()
    page.goto(seeded_site.url + "/")
    expect(page.locator("form[action$='/i18n/setlang/']")).to_have_count(1)
    expect(page.locator("footer select, footer form")).to_have_count(0)
    expect(page.get_by_label("Language", exact=True)).to_be_visible()
    context.close()
