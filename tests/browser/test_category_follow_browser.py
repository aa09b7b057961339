"""Following categories in a real browser: the welcome page's checkboxes saved and confirmed next to the
form (without JavaScript too), the category page's button, and the live badge naming a new thread in a
followed category; axe and screenshots at 360 and 1280 px."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.browser.conftest import NEUTRAL_SITE, axe_violations
from tests.conftest import STRONG_PASSWORD

pytestmark = pytest.mark.browser
WIDTHS = (360, 1280)
SHOTS = Path(__file__).resolve().parent.parent.parent / "test-results" / "category-follow"
names = (f"kategorifoljare{index}" for index in itertools.count())


def new_member(browser, base_url, width: int, **options):
    """A browser profile signed up through the API (cookies shared with its pages)."""
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
    return answer.json()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_choosing_categories_on_the_welcome_page(browser, base_url, width):
    anna = new_member(browser, base_url, width)
    try:
        page = anna.new_page()
        page.goto("/welcome")
        form = page.locator("#follow-categories")
        assert form.locator("legend").inner_text() == "Kategorier att följa"
        assert axe_violations(page) == []
        page.get_by_label("Demens", exact=True).check()
        page.get_by_label("Missbruk och beroende", exact=True).check()
        shot(page, f"welcome-chosen-{width}")
        page.get_by_role("button", name="Spara mina val").click()
        status = page.locator("#follow-categories-status")
        status.wait_for(state="visible")
        assert status.inner_text().startswith("Sparat.")
        assert status.get_attribute("aria-live") == "polite"
        assert "saved=1" not in page.url  # said in place by the script, without a page load
        assert page.get_by_label("Demens", exact=True).is_checked()
        assert not page.get_by_label("Psykisk ohälsa", exact=True).is_checked()
        assert axe_violations(page) == []
        shot(page, f"welcome-saved-{width}")
        followed = api(anna, "GET", "/me/category-follows")["categories"]
        assert [category["slug"] for category in followed] == ["demens", "beroende"]
    finally:
        anna.close()


def test_the_welcome_form_works_without_javascript(browser, base_url):
    anna = new_member(browser, base_url, 360, java_script_enabled=False)
    try:
        page = anna.new_page()
        page.goto("/welcome")
        page.get_by_label("Psykisk ohälsa", exact=True).check()
        page.get_by_role("button", name="Spara mina val").click()
        assert page.locator("#follow-categories-status").inner_text().startswith("Sparat.")
        assert page.url.endswith("/welcome?saved=1#follow-categories")
        assert page.get_by_label("Psykisk ohälsa", exact=True).is_checked()
    finally:
        anna.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_category_button_and_the_live_badge_for_a_new_thread(browser, base_url, width):
    anna = new_member(browser, base_url, width)
    bertil = new_member(browser, base_url, 1280)
    try:
        page = anna.new_page()
        page.goto("/forum/demens")
        page.get_by_role("button", name="Följ kategorin").click()
        page.get_by_role("button", name="Sluta följa").wait_for()
        assert axe_violations(page) == []
        shot(page, f"category-following-{width}")
        page.wait_for_selector("#notifications-link[data-live=on]", state="attached")
        api(bertil, "POST", "/categories/demens/threads", {"title": "Nätterna", "body": "Hon vandrar."})
        page.wait_for_function("() => document.title.startsWith('(1) ')", timeout=20_000)
        tooltip = page.locator("#notifications-link").get_attribute("title")
        assert tooltip == f"Ny tråd i Demens: ”Nätterna” från {bertil.pseudonym}: Hon vandrar."
        page.goto("/notifications")
        assert f"Ny tråd i Demens: ”Nätterna” från {bertil.pseudonym}" in page.content()
        assert axe_violations(page) == []
        shot(page, f"notifications-thread-{width}")
    finally:
        anna.close()
        bertil.close()


def test_a_refused_choice_is_said_next_to_the_form_and_nothing_changes(browser, base_url):
    anna = new_member(browser, base_url, 360)
    try:
        api(anna, "PUT", "/me/category-follows", {"categories": ["demens"]})
        page = anna.new_page()
        page.goto("/welcome")
        # A category removed while the page was open: the box is still on the page, the category is not.
        page.evaluate(
            """() => {
                const box = document.querySelector('input[value="beroende"]');
                box.value = "finns-inte";
                box.checked = true;
            }"""
        )
        page.get_by_role("button", name="Spara mina val").click()
        alert = page.locator("#follow-categories-error-live")
        alert.wait_for(state="visible")
        assert alert.inner_text().startswith("Den kategorin finns inte")
        assert alert.get_attribute("role") == "alert"
        assert page.locator("fieldset").get_attribute("aria-describedby") == "follow-categories-error-live"
        assert axe_violations(page) == []
        shot(page, "welcome-refused-360")
        followed = api(anna, "GET", "/me/category-follows")["categories"]
        assert [category["slug"] for category in followed] == ["demens"]
    finally:
        anna.close()
