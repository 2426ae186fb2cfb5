"""Journey: someone without an account finds the actions near them, on a desktop and a phone."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def pick_place(page, typed: str, wanted: str) -> None:
    """Type part of a name, wait for our own suggestions, and pick one."""
    field = page.locator("#id_place")
    field.fill(typed)
    option = page.locator(f'#place-suggestions option[value="{wanted}"]')
    expect(option).to_have_count(1)
    field.fill(option.get_attribute("value"))


def test_find_actions_near_montreal_then_search_the_map_area(page, seeded_site):
    page.goto(f"{seeded_site.url}/actions/")
    pick_place(page, "Montr", "Montréal, Canada")
    page.get_by_role("button", name="Search", exact=True).click()

    # Every seeded example is in the past: the empty state offers the archive.
    expect(page.locator("#results-heading")).to_contain_text("0 upcoming actions")
    page.get_by_role("link", name="See past actions here").click()
    expect(page.locator("#results-heading")).to_contain_text(
        "1 past action within 50 km of Montréal, Canada"
    )
    result = page.locator(".browse-result")
    expect(result).to_have_count(1)
    expect(result).to_contain_text("Blockade of the Jacques Cartier bridge")
    expect(result).to_contain_text("away")
    assert_accessible(page)

    # The map shows the same action; selecting its marker highlights it in the list.
    marker = page.locator(".leaflet-marker-icon")
    expect(marker).to_have_count(1)
    marker.click()
    expect(result).to_have_class(re.compile("is-highlighted"))

    # Pan the map, then search the visible area instead.
    search_area = page.locator("#search-this-area")
    expect(search_area).to_be_hidden()
    box = page.locator(".convergence-map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    expect(search_area).to_be_visible()
    search_area.click()
    expect(page).to_have_url(re.compile(r"bbox=-?\d"))
    expect(page.locator("#results-heading")).to_contain_text("in the map area")
    expect(page.locator("#id_place")).to_have_value("")

    # Open an action from the list.
    page.goto(f"{seeded_site.url}/actions/?when=past&place=Montr%C3%A9al")
    page.get_by_role("link", name="Blockade of the Jacques Cartier bridge").click()
    expect(page.locator("h1")).to_contain_text("Blockade of the Jacques Cartier bridge")

    # The place is remembered for the next visit, and can be forgotten.
    page.goto(f"{seeded_site.url}/actions/?when=past")
    expect(page.locator("#results-heading")).to_contain_text("within 50 km of Montréal")
    page.get_by_role("button", name="Search anywhere instead").click()
    expect(page.locator("#results-heading")).to_contain_text("worldwide")


def test_use_my_location(browser, seeded_site):
    context = browser.new_context(
        locale="en-GB",
        geolocation={"latitude": 45.5017, "longitude": -73.5673},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{seeded_site.url}/actions/?when=past&place=")
    page.get_by_role("button", name="Use my location").click()
    # Rounded to about a kilometre before it leaves the browser.
    expect(page).to_have_url(re.compile(r"lat=45\.5&lng=-73\.57"))
    expect(page.locator("#results-heading")).to_contain_text("within 50 km of your position")
    expect(page.locator(".browse-result")).to_contain_text("Jacques Cartier")
    context.close()


def test_on_a_phone_the_map_comes_first_and_nothing_overflows(browser, seeded_site):
    context = browser.new_context(
        locale="en-GB",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    page = context.new_page()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{seeded_site.url}/actions/?when=past&place=")
    results = page.locator(".browse-result")
    expect(results.first).to_be_visible()
    map_box = page.locator(".convergence-map").bounding_box()
    list_box = results.first.bounding_box()
    assert map_box["y"] < list_box["y"]  # stacked: the map above the list
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    context.close()
