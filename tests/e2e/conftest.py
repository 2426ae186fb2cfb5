"""Browser journeys: Playwright driving Debian's headless Chromium (no browser download)."""

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run does it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets the test inject axe-core; the app's own CSP is checked elsewhere.
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    page = context.new_page()
    # Map tiles come from the network, which tests never reach: answer them locally.
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    context.close()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does it).")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run()")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in results["violations"]
        if v["impact"] in impacts
    ]


@pytest.fixture
def seeded_site(transactional_db, live_server, gazetteer_snapshot, examples_snapshot):
    """A live server over the gazetteer subset and the article's examples: the rows
    `import_places --only <article cities>` and `seed_examples` write, built once per session
    (tests/snapshots.py) and committed here; the flush after the test removes them."""
    gazetteer_snapshot.load()
    examples_snapshot.load()
    return live_server


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n" + "\n".join(map(str, violations))
