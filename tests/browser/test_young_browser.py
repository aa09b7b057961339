"""Young carers' room in a real browser: an adult typing its address gets a kind refusal page with the way to
the general rooms and the help lines; a 17-year-old gets the room, its notice and the young help links. Both
pages pass axe and fit a phone.

Set BRYGGAN_SCREENSHOT_DIR to keep screenshots of both at 360 and 1280 pixels wide."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from accounts.models import User
from accounts.services import today
from core.extensions import db
from tests.browser.conftest import axe_violations
from tests.conftest import make_app
from tests.support.pages import sign_up, usernames

pytestmark = pytest.mark.browser
YOUNG = "/chat/unga-anhoriga"


def screenshots(page, name: str) -> None:
    """Keep screenshots at a phone's and a desktop's width when asked to."""
    folder = os.environ.get("BRYGGAN_SCREENSHOT_DIR")
    if not folder:
        return
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)


def make_17(database_url: str, username: str) -> None:
    """What signup keeps for a 17-year-old: the day they turn 26, nine years ahead (set in the database
    because the signup form's date would tie the test to the wall clock)."""
    app = make_app(database_url)
    with app.app_context():
        until = today() + timedelta(days=9 * 365)
        db.session.execute(update(User).where(User.username == username).values(young_until=until))
        db.session.commit()
        db.engine.dispose()


def test_an_adult_typing_the_young_rooms_address_gets_a_kind_refusal(page):
    sign_up(page, next(usernames))  # born 1970
    response = page.goto(YOUNG)
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "En plats för unga anhöriga"
    assert "så den är stängd för dig" in page.locator("main").inner_text()
    assert page.locator("#messages").count() == 0 and page.locator("#chat-form").count() == 0
    page.get_by_role("link", name="De allmänna chattrummen").click()
    page.wait_for_url("**/chat")
    assert "Det här rummet är för unga anhöriga mellan 16 och 25 år" in page.locator("main").inner_text()
    page.goto(YOUNG)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshots(page, "age-band-refusal")


def test_a_17_year_old_gets_the_room_its_notice_and_young_help(page, browser_database):
    username = next(usernames)
    sign_up(page, username)
    make_17(browser_database, username)
    page.goto(YOUNG)
    page.wait_for_selector("#chat-body:not([disabled])")  # joined over Socket.IO
    page.get_by_label("Ditt meddelande").fill("Hej! Någon mer som tar hand om en förälder?")
    page.keyboard.press("Enter")
    page.wait_for_selector("#messages li:has-text('Någon mer som tar hand om en förälder?')")
    notice = page.locator(".notice--young")
    assert "En plats för unga anhöriga mellan 16 och 25 år" in notice.inner_text()
    notice.get_by_text("Hjälp för unga utanför Bryggan").click()
    assert notice.get_by_role("link", name="BRIS").get_attribute("href") == "https://www.bris.se"
    assert notice.get_by_role("link", name="Maskrosbarn").get_attribute("href") == "https://maskrosbarn.org"
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshots(page, "young-room")


def test_the_young_room_closes_kindly_on_the_26th_birthday(page, browser_database):
    username = next(usernames)
    sign_up(page, username)
    make_17(browser_database, username)
    page.goto(YOUNG)
    page.wait_for_selector("#chat-body:not([disabled])")
    page.get_by_label("Ditt meddelande").fill("Sista kvällen som 25.")
    page.keyboard.press("Enter")
    page.wait_for_selector("#messages li:has-text('Sista kvällen som 25.')")
    app = make_app(browser_database)
    with app.app_context():  # midnight: the member turns 26
        db.session.execute(update(User).where(User.username == username).values(young_until=today()))
        db.session.commit()
        db.engine.dispose()
    notice = page.locator("#age-band-removed")
    notice.wait_for(state="visible", timeout=5000)  # the server's sweep, twice a second
    assert "Du har fyllt 26 – grattis!" in notice.inner_text()
    assert page.locator("#messages li").count() == 0
    assert page.locator("#chat-send").is_disabled()
    assert page.evaluate("document.activeElement.id") == "age-band-removed"
