"""The look in a real browser: every page type at 320, 360 and 1280 px, light and dark, with axe.

The header fits one line at 1280 px; on a phone the page's H1 is on the first screen; nothing scrolls
sideways at 320 px; axe finds no WCAG 2.1 AA violation at either width in either colour scheme. With
`BRYGGAN_SCREENSHOT_DIR` set, every page is also kept as a screenshot (360 and 1280 px, light and dark).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import NEUTRAL_SITE, axe_violations
from tests.conftest import STRONG_PASSWORD, make_app
from tests.support.pages import sign_up, usernames

pytestmark = pytest.mark.browser
FILM = "vad-gor-en-anhorigkonsulent"
PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}

# Page types a member (here a moderator, whose header is the longest) sees; "{thread}" and "{article}" are
# filled in by the fixture.
MEMBER_PAGES = {
    "home": "/",
    "forum": "/forum",
    "category": "/forum/demens",
    "thread": "{thread}",
    "chat-lobby": "/chat",
    "chat-room": "/chat/allmant",
    "library": "/library",
    "article": "{article}",
    "film": f"/library/{FILM}",
    "account": "/account",
    "moderation": "/moderation",
    "notifications": "/notifications",
    "error": "/finns-inte",
}
VISITOR_PAGES = {
    "visitor-home": "/",
    "visitor-forum": "/forum",
    "visitor-chat": "/chat/allmant",
    "signup": "/signup",
    "login": "/login",
    "help": "/help",
    "visitor-error": "/finns-inte",
}


def quiet_context(browser, base_url, **options):
    """A browser profile with the neutral site stubbed, as the shared `page` fixture has."""
    context = browser.new_context(base_url=base_url, **options)
    context.route(
        NEUTRAL_SITE + "**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Väder</title>"),
    )
    return context


@pytest.fixture(scope="module")
def moderator_page(browser, base_url, browser_database):
    """One signed-in moderator for the module, with a thread of their own; yields (page, paths)."""
    context = quiet_context(browser, base_url)
    page = context.new_page()
    name = next(usernames)
    sign_up(page, name)
    app = make_app(browser_database)
    assert app.test_cli_runner().invoke(args=["users", "set-role", name, "moderator"]).exit_code == 0
    page.goto("/login")
    page.get_by_label("Inloggningsnamn").fill(name)
    page.get_by_label("Lösenord").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto("/forum/demens")
    page.get_by_label("Rubrik").fill("Hur orkar ni på kvällarna?")
    page.get_by_label("Vad vill du skriva?").fill("Pappa vaknar flera gånger varje natt. " + "Ordlöst" * 30)
    page.get_by_role("button", name="Publicera tråden").click()
    page.wait_for_selector("h1:has-text('Hur orkar ni på kvällarna?')")
    thread = page.url.removeprefix(base_url)
    page.goto("/library")
    article = page.locator(".library-list__title a").first.get_attribute("href")
    paths = {name: path.format(thread=thread, article=article) for name, path in MEMBER_PAGES.items()}
    yield page, paths
    context.close()


@pytest.fixture(scope="module")
def visitor_page(browser, base_url):
    """A visitor without an account."""
    context = quiet_context(browser, base_url)
    yield context.new_page()
    context.close()


def settled(page, path: str) -> None:
    """Open a page and wait for its stylesheet and scripts (not just the DOM)."""
    page.goto(path)
    page.wait_for_load_state("load")


def keep_screenshots(page, name: str) -> None:
    """Screenshots at a phone's and a laptop's width, light and dark, when BRYGGAN_SCREENSHOT_DIR is set."""
    folder = os.environ.get("BRYGGAN_SCREENSHOT_DIR")
    if not folder:
        return
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            page.screenshot(path=str(Path(folder) / f"{name}-{size['width']}-{scheme}.png"), full_page=True)
    page.emulate_media(color_scheme="light")


def layout_problems(page, path: str) -> list[str]:
    """Everything this module checks about one page, as readable lines (empty when all is well)."""
    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            settled(page, path)
            problems += [f"{scheme} {size['width']}px {line}" for line in axe_violations(page)]
    page.emulate_media(color_scheme="light")

    page.set_viewport_size(PHONE)
    settled(page, path)
    box = page.locator("h1").first.bounding_box()
    if box is None or box["y"] < 0 or box["y"] + box["height"] > PHONE["height"]:
        problems.append(f"360px: the H1 is not on the first screen: {box}")

    page.set_viewport_size({"width": 320, "height": 640})
    settled(page, path)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 320:
        problems.append(f"320px: the page scrolls sideways ({width} px wide)")

    page.set_viewport_size(DESKTOP)
    settled(page, path)
    rows = page.evaluate(
        "[...new Set([...document.querySelectorAll('.site-header__inner > *:not([hidden]), .nav-list > li')]"
        ".filter(e => e.offsetParent !== null).map(e => Math.round(e.getBoundingClientRect().top / 24)))]"
    )
    header = page.locator(".site-header").bounding_box()
    if header["height"] > 80:
        problems.append(f"1280px: the header is {header['height']} px high (rows at {rows})")
    return problems


@pytest.mark.parametrize("name", list(MEMBER_PAGES))
def test_member_pages_fit_every_screen_and_pass_axe_light_and_dark(moderator_page, name):
    page, paths = moderator_page
    problems = layout_problems(page, paths[name])
    keep_screenshots(page, name)
    assert problems == []


@pytest.mark.parametrize("name", list(VISITOR_PAGES))
def test_visitor_pages_fit_every_screen_and_pass_axe_light_and_dark(visitor_page, name):
    problems = layout_problems(visitor_page, VISITOR_PAGES[name])
    keep_screenshots(visitor_page, name)
    assert problems == []


def test_the_header_is_one_line_at_1280_even_for_a_moderator(moderator_page):
    page, paths = moderator_page
    page.set_viewport_size(DESKTOP)
    for path in (paths["moderation"], paths["thread"]):
        settled(page, path)
        tops = page.evaluate(
            "[...document.querySelectorAll('.site-name, .nav-list > li')]"
            ".map(e => { const r = e.getBoundingClientRect(); return Math.round(r.top + r.height / 2); })"
        )
        assert max(tops) - min(tops) <= 4, tops  # every item on one middle line
        assert page.locator("#menu-button").is_hidden()
        # The leave-quickly strip keeps its own place above the header and covers no part of the navigation.
        leave = page.locator("#leave-quickly").bounding_box()
        for item in page.locator(".nav-list > li").all():
            box = item.bounding_box()
            apart = (box["y"] >= leave["y"] + leave["height"] or box["y"] + box["height"] <= leave["y"]
                     or box["x"] >= leave["x"] + leave["width"] or box["x"] + box["width"] <= leave["x"])
            assert apart, (box, leave)


def test_dark_mode_follows_the_system(visitor_page):
    page = visitor_page
    page.set_viewport_size(DESKTOP)
    colours = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        settled(page, "/")
        colours[scheme] = page.evaluate(
            "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
        )
    page.emulate_media(color_scheme="light")

    def brightness(css: str) -> int:
        return sum(int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])

    assert brightness(colours["light"][0]) > 600 and brightness(colours["light"][1]) < 200
    assert brightness(colours["dark"][0]) < 150 and brightness(colours["dark"][1]) > 600


def test_the_phone_menu_opens_and_closes_with_its_button(visitor_page):
    page = visitor_page
    page.set_viewport_size(PHONE)
    settled(page, "/")
    button = page.get_by_role("button", name="Meny")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator("#site-nav").is_hidden()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    page.locator("#site-nav").get_by_role("link", name="Bibliotek").click()
    page.wait_for_url("**/library")
    button = page.get_by_role("button", name="Meny")
    button.click()
    page.keyboard.press("Escape")  # closes the menu (once; twice would leave the site)
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator("#site-nav").is_hidden()


def test_without_javascript_the_menu_is_simply_open(browser, base_url):
    context = quiet_context(browser, base_url, java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    settled(page, "/")
    assert page.locator("#menu-button").is_hidden()
    assert page.locator("#site-nav").get_by_role("link", name="Bibliotek").is_visible()
    context.close()


def test_visitors_at_the_forum_and_the_chat_are_told_why_and_how_to_join(visitor_page):
    page = visitor_page
    page.set_viewport_size(PHONE)
    for path, heading in (("/forum", "Forumet är för medlemmar"), ("/chat", "Chatten är för medlemmar")):
        settled(page, path)
        assert page.locator("h1").inner_text() == heading
        assert page.get_by_role("link", name="Bli medlem").is_visible()
        assert "next=" in page.get_by_role("link", name="Logga in").last.get_attribute("href")
    # The library's "Forum: Demens" button leads a visitor to the same explanation.
    settled(page, "/library")
    page.locator(".library-list__title a").first.click()
    page.wait_for_load_state("load")
    page.locator(".library-related a.button").first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() in ("Forumet är för medlemmar", "Chatten är för medlemmar")
