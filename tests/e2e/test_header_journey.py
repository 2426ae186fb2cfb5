"""The header on a desktop screen (issue 14, first hour 11): at 1280 px "Actions near / you" and
"Log / in" wrapped onto two lines. Every menu item keeps to one line and nothing overflows, for
visitors and for signed-in people, at the widths where the menu is laid out in a row."""

import pytest

from .conftest import assert_accessible
from .steps import log_in, organizer_in_nicosia

pytestmark = pytest.mark.e2e


def _menu_items_on_one_line(page) -> list[str]:
    """The menu items whose text wraps (taller than one line of their own text)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#main-nav .nav-link')].filter(link => {
            const lines = link.getClientRects().length;
            const style = getComputedStyle(link);
            const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
            const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
            const text = link.offsetHeight - padding;
            return lines > 1 || text > lineHeight * 1.5;
        }).map(link => link.textContent.trim())"""
    )


@pytest.mark.parametrize("width", [1280, 1400])
def test_the_menu_keeps_to_one_line_on_a_desktop(browser, seeded_site, width):
    organizer_in_nicosia()
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(seeded_site.url + "/")
    assert page.locator("#main-nav").is_visible()
    assert _menu_items_on_one_line(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    log_in(page, seeded_site)
    page.goto(seeded_site.url + "/")
    assert _menu_items_on_one_line(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    context.close()
