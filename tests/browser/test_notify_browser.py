"""Notifications in a real browser: the badge and title update live, the push opt-in says clearly what a
browser without a push service can do, the app installs (manifest, service worker), the offline page shows
when the network is gone, and no member page is ever cached."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.browser.conftest import NEUTRAL_SITE, axe_violations
from tests.conftest import STRONG_PASSWORD

pytestmark = pytest.mark.browser
WIDTHS = (360, 1280)
SHOTS = Path(__file__).resolve().parent.parent.parent / "test-results" / "notify"
names = (f"avisering{index}" for index in itertools.count())
KEPT = {
    "/offline",
    "/static/css/site.css",
    "/static/js/site.js",
    "/static/favicon.svg",
    "/static/icons/bryggan.svg",
    "/static/icons/bryggan-192.png",
    "/static/icons/neutral.svg",
    "/static/icons/neutral-192.png",
}


def new_member(browser, base_url, width: int, **options):
    """A browser profile signed up through the API (cookies shared with its pages), and one page."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 800}, **options)
    context.route(NEUTRAL_SITE + "**", lambda route: route.fulfill(status=200, body="<title>Väder</title>"))
    token = context.request.get("/api/v1/session").json()["csrf_token"]
    answer = context.request.post(
        "/api/v1/signup",
        data={
            "username": next(names),
            "password": STRONG_PASSWORD,
            "birth_date": "1970-05-31",
            "accept_guidelines": True,
        },
        headers={"X-CSRF-Token": token},
    )
    assert answer.status == 201, answer.text()
    context.pseudonym = answer.json()["user"]["pseudonym"]
    return context


def api(context, method: str, path: str, body=None):
    token = context.request.get("/api/v1/session").json()["csrf_token"]
    answer = context.request.fetch(
        "/api/v1" + path, method=method, data=body, headers={"X-CSRF-Token": token}
    )
    assert answer.ok, answer.text()
    return answer.json() if answer.status != 204 else None


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_badge_and_title_update_live_when_someone_replies(browser, base_url, width):
    anna = new_member(browser, base_url, width)
    bertil = new_member(browser, base_url, 1280)
    try:
        thread = api(anna, "POST", "/categories/demens/threads", {"title": "Natten", "body": "Vaken igen."})
        page = anna.new_page()
        page.goto("/forum")
        # On a phone the navigation sits behind "Meny": the menu button carries the count there.
        badge = page.locator("#notifications-link .badge" if width > 1000 else "#menu-badge")
        assert badge.is_hidden()
        title = page.title()
        assert not title.startswith("(")
        # The socket is open once the server has told the page the truth; the reply comes after.
        page.wait_for_selector("#notifications-link[data-live=on]", state="attached")
        api(bertil, "POST", f"/threads/{thread['thread']['id']}/posts", {"body": "Jag med, *varje* natt."})
        page.wait_for_function("() => document.title.startsWith('(1) ')", timeout=20_000)
        assert badge.is_visible() and badge.inner_text().startswith("1")
        tooltip = page.locator("#notifications-link").get_attribute("title")
        assert tooltip == f"{bertil.pseudonym} svarade i ”Natten”: Jag med, varje natt."
        shot(page, f"live-badge-{width}")
        api(bertil, "POST", f"/threads/{thread['thread']['id']}/posts", {"body": "Och i natt."})
        page.wait_for_function("() => document.title.startsWith('(2) ')", timeout=20_000)
        page.goto("/notifications")
        assert f"Nytt svar i ”Natten” från {bertil.pseudonym}" in page.content()
        # Opened afresh, the page hears the newest one for its tooltip when its socket connects.
        page.wait_for_function(
            "() => document.getElementById('notifications-link').title.endsWith(': Och i natt.')",
            timeout=20_000,
        )
    finally:
        anna.close()
        bertil.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_settings_and_notifications_pages_are_accessible(browser, base_url, width):
    anna = new_member(browser, base_url, width)
    bertil = new_member(browser, base_url, 1280)
    try:
        thread = api(anna, "POST", "/categories/demens/threads", {"title": "Axe", "body": "Hej"})
        api(bertil, "POST", f"/threads/{thread['thread']['id']}/posts", {"body": f"Hej @{anna.pseudonym}!"})
        page = anna.new_page()
        for path, name in (("/notifications", "notifications"), ("/notifications/settings", "settings")):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            assert axe_violations(page) == [], path
            shot(page, f"{name}-{width}")
    finally:
        anna.close()
        bertil.close()


def test_the_push_opt_in_says_clearly_when_the_browser_has_no_push_service(browser, base_url):
    # Permission granted, but headless Chromium has no push service to subscribe with.
    anna = new_member(browser, base_url, 360, permissions=["notifications"])
    try:
        page = anna.new_page()
        page.goto("/notifications/settings")
        status = page.locator("#push-status")
        page.wait_for_function(
            "() => document.getElementById('push-status').textContent.includes('av i den här webbläsaren')"
        )
        page.get_by_role("button", name="Slå på aviseringar i den här webbläsaren").click()
        page.wait_for_function(
            "() => document.getElementById('push-status').textContent.includes('kunde inte slå på')",
            timeout=20_000,
        )
        assert "Inget sparades" in status.inner_text()
        assert page.get_by_role("button", name="Slå på aviseringar i den här webbläsaren").is_visible()
        assert page.locator("#push-off").is_hidden()
        assert api(anna, "GET", "/me/push")["subscriptions"] == []
        shot(page, "push-unavailable-360")
    finally:
        anna.close()


def test_the_app_installs_works_offline_and_keeps_no_member_page(browser, base_url):
    anna = new_member(browser, base_url, 360)
    try:
        thread = api(anna, "POST", "/categories/demens/threads", {"title": "Privat", "body": "Något privat."})
        page = anna.new_page()
        page.goto("/forum")
        manifest = page.locator("link[rel=manifest]").get_attribute("href")
        assert anna.request.get(manifest).json()["display"] == "standalone"
        scope = page.evaluate("navigator.serviceWorker.ready.then(registration => registration.scope)")
        assert scope == base_url + "/"
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        # Member pages, read while online, through the service worker.
        page.goto(f"/threads/{thread['thread']['id']}")
        page.goto("/notifications")
        anna.set_offline(True)
        page.goto(f"/threads/{thread['thread']['id']}")
        assert page.locator("h1").inner_text() == "Ingen anslutning just nu"
        assert "Något privat" not in page.content()
        shot(page, "offline-360")
        kept = page.evaluate(
            """async () => {
                const urls = [];
                for (const name of await caches.keys()) {
                    const cache = await caches.open(name);
                    for (const request of await cache.keys()) { urls.push(new URL(request.url).pathname); }
                }
                return urls;
            }"""
        )
        assert set(kept) == KEPT
    finally:
        anna.close()


# Counts calls of navigator.serviceWorker.register on every page of the context.
COUNT_REGISTER = """
if (navigator.serviceWorker) {
  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (...args) => {
    window.brygganRegistered = (window.brygganRegistered || 0) + 1;
    return register(...args);
  };
}
"""
NOTHING_KEPT = """async () => (await navigator.serviceWorker.getRegistrations()).length === 0
    && (await caches.keys()).filter(name => name.startsWith("bryggan-")).length === 0"""


def test_a_visitor_gets_no_service_worker_and_no_cache(browser, base_url):
    visitor = browser.new_context(base_url=base_url)
    visitor.add_init_script(COUNT_REGISTER)
    try:
        page = visitor.new_page()
        for path in ("/", "/login", "/guidelines"):
            page.goto(path)
            page.wait_for_load_state("load")  # every deferred script has run
            assert page.evaluate("window.brygganRegistered || 0") == 0, path
        assert page.evaluate(NOTHING_KEPT)
    finally:
        visitor.close()


def test_quick_exit_removes_the_service_worker_its_caches_and_its_push(browser, base_url):
    anna = new_member(browser, base_url, 360)
    anna.add_init_script(COUNT_REGISTER)
    try:
        page = anna.new_page()
        page.goto("/forum")
        assert page.evaluate("window.brygganRegistered") == 1  # a member's page installs the app
        page.evaluate("navigator.serviceWorker.ready")
        page.wait_for_function("async () => (await caches.keys()).includes('bryggan-offline-v1')")
        page.get_by_role("link", name="Lämna sidan snabbt").click()
        page.wait_for_url(NEUTRAL_SITE)
        fresh = anna.new_page()
        fresh.goto("/guidelines")
        fresh.wait_for_function(NOTHING_KEPT, polling=100, timeout=20_000)
        assert fresh.evaluate("window.brygganRegistered || 0") == 0  # signed out: none again
    finally:
        anna.close()
