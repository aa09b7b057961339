"""Browser fixtures: a real `python app.py` server and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil

import pytest

from tests.prereq import chromium_path
from tests.servers import app_server, refuse_in_fast_run
from tests.support.apps import seed  # noqa: F401 (older modules import it from here)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NEUTRAL_SITE = "https://www.smhi.se/"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser_database(seeded_sqlite, tmp_path_factory) -> str:
    """The browser server's seeded database (tests may change roles in it)."""
    database = tmp_path_factory.mktemp("browser") / "bryggan.sqlite3"
    shutil.copy(seeded_sqlite, database)
    return f"sqlite:///{database}"


@pytest.fixture(scope="session")
def base_url(browser_database):
    """A real server on its own database for all browser tests."""
    env = {
        "BRYGGAN_DATABASE_URL": browser_database,
        "BRYGGAN_SECRET_KEY": "browser-test-key",
        # Browser tests sign up several members from one address.
        "BRYGGAN_RATELIMIT_ENABLED": "false",
    }
    with app_server(env) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the run."""
    refuse_in_fast_run("Chromium")
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh browser profile (no cookies) on a phone-sized screen; the neutral site is stubbed."""
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    context.route(
        NEUTRAL_SITE + "**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Väder</title><h1>Väder</h1>"
        ),
    )
    tab = context.new_page()
    yield tab
    context.close()


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A and AA violations that axe-core finds on the page, one readable line each."""
    from axe_playwright_python.sync_playwright import Axe

    # Only violations are read: axe then keeps one node per passing rule instead of every node, which makes
    # the run and its answer over the Playwright channel smaller (the violations found are the same).
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"{violation['id']}: {violation['help']} -> {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


def press_escape_twice(page) -> None:
    """Press Escape twice as a member does, on a page whose scripts have run, with time held still.

    site.js leaves when two presses come within a second. A loaded machine can put more than that between
    two simulated key presses, or press before the deferred script has run, so the test waits for
    DOMContentLoaded (deferred scripts run before it) and pauses the page's clock for the two presses."""
    page.wait_for_load_state("domcontentloaded")
    page.clock.install()
    page.clock.pause_at(1_900_000_000_000)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
