"""A carer at 2 a.m. on a phone (360 px) and a laptop (1280 px): chat messages that show their state and
survive a reload without being stored twice, a quick exit that leaves no trace, the recovery code that can
be copied, downloaded and printed, and a suspension that says why. Set BRYGGAN_SCREENSHOT_DIR to keep
screenshots."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from accounts import services
from accounts.models import User
from chat.models import ChatMessage
from core.extensions import db
from moderation.sanctions import sanction
from tests.browser.conftest import NEUTRAL_SITE, axe_violations, press_escape_twice
from tests.conftest import STRONG_PASSWORD, make_app
from tests.support.pages import sign_up

pytestmark = pytest.mark.browser
WIDTHS = [360, 1280]
names = (f"telefon.medlem{index}" for index in itertools.count())


def shot(page, name: str, full_page: bool = True) -> None:
    """Keep a screenshot of what the test sees (the whole page, or the screen), when asked to."""
    folder = os.environ.get("BRYGGAN_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)


def member(page, width: int) -> tuple[str, str]:
    """A fresh member signed up through the form at this width; returns (login name, pseudonym)."""
    page.set_viewport_size({"width": width, "height": 740})
    username = next(names)
    sign_up(page, username)
    page.goto("/account")
    return username, page.locator(".pseudonym").inner_text()


def open_room(page, slug: str) -> None:
    page.goto(f"/chat/{slug}")
    page.wait_for_selector("#chat-body:not([disabled])")


def fits_320(page) -> bool:
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    fits = page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size(size)
    return fits


def stored_messages(database_url: str, body: str) -> int:
    app = make_app(database_url)
    with app.app_context():
        query = select(func.count()).select_from(ChatMessage).where(ChatMessage.body_source == body)
        count = db.session.scalar(query)
        db.engine.dispose()
    return count


def shown_above_the_composer(page, item) -> bool:
    """The message is on screen and not under the composer stuck to the bottom."""
    return page.evaluate(
        """(item) => {
            const box = item.getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + 20, box.bottom - 5);
            return box.bottom <= window.innerHeight && item.contains(hit);
        }""",
        item.element_handle(),
    )


# --- 2. A chat that works on a phone -------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_an_offline_message_shows_as_pending_and_a_retry_after_reload_is_stored_once(
    page, width, browser_database
):
    member(page, width)
    open_room(page, "natten")
    text = f"Skrivet utan nät vid {width} px"
    page.context.set_offline(True)
    expect(page.locator("#connection-status")).to_contain_text("bröts")
    page.get_by_label("Ditt meddelande").fill(text)
    page.keyboard.press("Enter")
    pending = page.locator("#messages li.chat-message--pending", has_text=text)
    expect(pending).to_be_visible()
    expect(pending.locator(".chat-message__state")).to_contain_text("Skickar")
    expect(pending.locator(".tag--own")).to_have_text("du")
    assert shown_above_the_composer(page, pending)
    # The state is next to the composer, on screen while typing.
    assert page.locator("#chat-form #connection-status").count() == 1
    expect(pending.locator(".chat-message__state")).to_contain_text("Inte skickat", timeout=20000)
    shot(page, f"chat-offline-pending-{width}")
    saved = page.evaluate("JSON.parse(localStorage.getItem('bryggan.chat.pending'))")
    client_id = saved["natten"][0]["client_id"]
    assert saved["natten"][0]["body"] == text

    # The page goes away before the message could be acknowledged; the member opens the room again.
    context = page.context
    page.close()
    context.set_offline(False)
    page = context.new_page()
    open_room(page, "natten")
    restored = page.locator("#messages li.chat-message--pending", has_text=text)
    expect(restored.locator(".chat-message__state")).to_contain_text("Inte skickat")
    # Meanwhile the first attempt did reach the server (its ack was what got lost): the same client id.
    page.evaluate(
        """([body, clientId]) => new Promise(done => window.BrygganChat.socket.emit(
               "send", {room: "natten", body: body, client_id: clientId}, done))""",
        [text, client_id],
    )
    page.reload()
    page.wait_for_selector("#chat-body:not([disabled])")
    restored = page.locator("#messages li.chat-message--pending", has_text=text)
    restored.get_by_role("button", name="Försök igen").click()
    sent = page.locator("#messages li", has_text=text)
    expect(sent).to_have_count(1)
    expect(sent.locator(".chat-message__state")).to_have_text("Skickat")
    assert page.evaluate("localStorage.getItem('bryggan.chat.pending')") is None  # acknowledged: gone
    page.reload()
    page.wait_for_selector("#chat-body:not([disabled])")
    expect(page.locator("#messages li", has_text=text)).to_have_count(1)
    assert stored_messages(browser_database, text) == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_own_messages_stand_out_actions_are_one_small_button_and_slow_mode_counts_down(
    page, browser, base_url, width
):
    member(page, width)
    other = browser.new_context(base_url=base_url, viewport={"width": width, "height": 740}).new_page()
    member(other, width)
    open_room(other, "demens")
    open_room(page, "demens")
    other.get_by_label("Ditt meddelande").fill(f"Hej från en annan vid {width}")
    other.keyboard.press("Enter")
    theirs = page.locator("#messages li", has_text=f"Hej från en annan vid {width}")
    expect(theirs).to_be_visible()
    page.get_by_label("Ditt meddelande").fill(f"Mitt eget svar vid {width}")
    page.keyboard.press("Enter")
    mine = page.locator("#messages li", has_text=f"Mitt eget svar vid {width}")
    expect(mine.locator(".chat-message__state")).to_have_text("Skickat")
    assert shown_above_the_composer(page, mine)
    # Own messages: a visible "du" tag and a side bar, not colour alone; no actions menu on them.
    expect(mine.locator(".tag--own")).to_have_text("du")
    assert mine.locator(".chat-message__menu-button").count() == 0
    # No moderator on duty: calm mode. The wait is a countdown on the send button, not a red error.
    expect(page.locator("#chat-send")).to_have_text(re.compile(r"^Vänta \d+ sekund(er)?$"))
    assert page.locator("#chat-error").inner_text() == ""
    # Another message while waiting is queued, shown as waiting, and goes by itself when the time is up.
    page.get_by_label("Ditt meddelande").fill(f"Och en till vid {width}")
    page.keyboard.press("Enter")
    waiting = page.locator("#messages li", has_text=f"Och en till vid {width}")
    expect(waiting.locator(".chat-message__state")).to_contain_text("Väntar")
    shot(page, f"chat-countdown-{width}", full_page=False)
    expect(waiting.locator(".chat-message__state")).to_have_text("Skickat", timeout=25000)
    expect(page.locator("#chat-send")).to_have_text(re.compile(r"^Vänta \d+ sekund(er)?$"))

    # One small button per message opens its actions; reporting confirms next to the message.
    menu_button = theirs.locator(".chat-message__menu-button")
    assert menu_button.get_attribute("aria-expanded") == "false"
    box = menu_button.bounding_box()
    assert box["width"] <= 48 and box["height"] <= 48
    menu_button.click()
    assert menu_button.get_attribute("aria-expanded") == "true"
    theirs.get_by_role("button", name="Anmäl").click()
    expect(theirs.locator(".chat-message__note")).to_contain_text("Anmält")
    shot(page, f"chat-own-and-menu-{width}")

    # One page scroll: the list has no scroll box of its own; the composer stays on screen.
    assert page.evaluate("getComputedStyle(document.getElementById('messages')).overflowY") == "visible"
    page.evaluate("window.scrollTo(0, 0)")
    form = page.locator("#chat-form").bounding_box()
    assert form["y"] + form["height"] <= page.viewport_size["height"] + 1
    assert axe_violations(page) == []
    assert fits_320(page)
    other.context.close()


# --- 3. Quick exit that leaves no trace ----------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_back_after_quick_exit_does_not_show_bryggan_and_the_session_is_ended(page, width):
    member(page, width)
    page.goto("/chat")
    open_room(page, "allmant")
    page.evaluate("localStorage.setItem('bryggan.chat.pending', JSON.stringify({allmant: []}))")
    # The exit strip takes its own space: it covers none of the header's links.
    page.evaluate("window.scrollTo(0, 0)")
    bar = page.locator("#leave-quickly").bounding_box()
    for link in page.locator(".site-header a").all():
        box = link.bounding_box()
        if box:
            overlaps = not (box["x"] >= bar["x"] + bar["width"] or box["x"] + box["width"] <= bar["x"]
                            or box["y"] >= bar["y"] + bar["height"] or box["y"] + box["height"] <= bar["y"])
            assert not overlaps, link.inner_text()
    page.get_by_role("link", name="Lämna sidan snabbt").click()
    page.wait_for_url(NEUTRAL_SITE)
    page.go_back()
    page.wait_for_url(NEUTRAL_SITE)  # a Bryggan page that comes back is sent away before it is shown
    assert "Bryggan" not in page.content()
    fresh = page.context.new_page()
    fresh.goto("/account")
    expect(fresh).to_have_url(re.compile(r"/login"))  # signed out by the quick exit
    assert fresh.evaluate("localStorage.getItem('bryggan.chat.pending')") is None
    # Opening Bryggan on purpose afterwards works as usual (the exit mark only sends Back away).
    fresh.goto("/guidelines")
    expect(fresh.locator("h1")).to_be_visible()


def test_a_member_who_chose_to_stay_signed_in_stays_signed_in_after_esc_twice(page):
    member(page, 360)
    page.goto("/account")
    page.locator("#quick-exit-stay").check()
    page.get_by_role("button", name="Spara").last.click()
    expect(page.locator("#quick-exit-title ~ .notice")).to_have_text("Sparat.")
    press_escape_twice(page)
    page.wait_for_url(NEUTRAL_SITE)
    fresh = page.context.new_page()
    fresh.goto("/account")
    expect(fresh.locator(".pseudonym")).to_be_visible()


# --- 4. Onboarding and confirmations -------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_the_recovery_code_fits_one_line_and_can_be_copied_downloaded_and_printed(page, width):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size({"width": width, "height": 740})
    code = sign_up(page, next(names))
    groups = page.locator(".recovery-code__group")
    tops = {round(groups.nth(index).bounding_box()["y"]) for index in range(groups.count())}
    assert len(tops) == 1, "the code is on one line"
    assert page.locator("#recovery-code").get_attribute("data-code") == code
    shot(page, f"recovery-code-{width}")
    assert axe_violations(page) == []
    assert fits_320(page)

    page.get_by_role("button", name="Kopiera koden").click()
    expect(page.locator("#recovery-feedback")).to_contain_text("kopierad")
    assert page.evaluate("navigator.clipboard.readText()") == code

    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner som fil").click()
    assert download.value.suggested_filename == "bryggan-aterstallningskod.txt"
    assert code in Path(download.value.path()).read_text(encoding="utf-8")
    expect(page.locator("#recovery-feedback")).to_contain_text("nedladdningar")

    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden() and page.locator(".site-footer").is_hidden()
    assert page.locator("#leave-quickly").is_hidden() and page.locator("#recovery-actions").is_hidden()
    assert page.locator("#recovery-code").is_visible()
    shot(page, f"recovery-code-print-{width}")
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Jag har sparat koden – fortsätt").click()
    page.wait_for_url("**/welcome")
    expect(page.get_by_role("link", name="Till chatten")).to_be_visible()
    shot(page, f"welcome-{width}")
    assert axe_violations(page) == []
    assert fits_320(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_suspended_member_who_signs_in_is_told_why_and_can_write_to_the_moderators(
    page, browser_database, width
):
    username, pseudonym = member(page, width)
    page.goto("/account")
    page.get_by_role("button", name="Logga ut").click()
    app = make_app(browser_database)
    with app.app_context():
        moderator_name = f"moderator.{username}"
        services.signup(moderator_name, STRONG_PASSWORD, "1970-05-31", True)
        services.set_role(moderator_name, "moderator")
        moderator = db.session.scalar(select(User).where(User.username == moderator_name))
        sanction(moderator, pseudonym, "suspend", 72, "Du skrev en annan medlems riktiga namn.")
        db.engine.dispose()

    page.goto("/login")
    page.get_by_label("Inloggningsnamn").fill(username)
    page.get_by_label("Lösenord").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/account/suspended")
    expect(page.locator("h1")).to_have_text("Ditt konto är pausat")
    expect(page.locator(".suspension-facts")).to_contain_text("Du skrev en annan medlems riktiga namn.")
    assert page.locator("#password-error").count() == 0
    page.get_by_label("Ditt meddelande").fill("Förlåt, jag förstod inte att det var ett namn.")
    page.get_by_role("button", name="Skicka till moderatorerna").click()
    notice = page.locator("#suspended-answer ~ .notice")
    expect(notice).to_contain_text("Skickat till moderatorerna")
    expect(notice).to_be_focused()  # site.js (deferred) focuses it once the page has loaded
    expect(page.locator(".staff-messages")).to_contain_text("Förlåt, jag förstod inte")
    shot(page, f"suspended-{width}")
    assert axe_violations(page) == []
    assert fits_320(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_flag_thank_you_appears_next_to_the_post_in_view(page, browser, base_url, width):
    writer = browser.new_context(base_url=base_url).new_page()
    member(writer, width)
    token = writer.request.get("/api/v1/session").json()["csrf_token"]
    made = writer.request.post(
        "/api/v1/categories/demens/threads",
        data={"title": f"Natten igen {width}", "body": "Ett långt första inlägg.\n\n" * 30},
        headers={"X-CSRF-Token": token},
    ).json()
    thread_id = made["thread"]["id"]
    post_id = writer.request.post(
        f"/api/v1/threads/{thread_id}/posts",
        data={"body": "Ett svar att anmäla."},
        headers={"X-CSRF-Token": token},
    ).json()["post"]["id"]
    member(page, width)
    page.goto(f"/threads/{thread_id}")
    page.locator(f"#post-{post_id}").get_by_role("link", name=re.compile("Anmäl")).click()
    page.get_by_label("Något annat").check()
    page.get_by_role("button", name="Skicka anmälan").click()
    notice = page.locator(f"#post-{post_id}-done")
    expect(notice).to_contain_text("Tack")
    expect(notice).to_be_focused()
    expect(notice).to_be_in_viewport()
    assert page.locator(".notice", has_text="Tack. En moderator").count() == 1
    shot(page, f"flag-thank-you-{width}")
    assert axe_violations(page) == []
    assert fits_320(page)
    page.goto("/account")
    assert axe_violations(page) == []
    assert fits_320(page)
    writer.context.close()


def test_a_chat_answer_arriving_during_quick_exit_writes_no_unsent_text_back(page):
    member(page, 360)
    open_room(page, "allmant")
    # Hold the server's answers back, so one can arrive after the exit has cleared the storage.
    page.evaluate(
        """() => {
            const socket = window.BrygganChat.socket;
            const emit = socket.emit.bind(socket);
            window.heldAcks = [];
            socket.emit = (event, data, ack) =>
                event === "send" ? window.heldAcks.push(ack) : emit(event, data, ack);
        }"""
    )
    for text in ("Första, på väg", "Andra, väntar"):
        page.get_by_label("Ditt meddelande").fill(text)
        page.keyboard.press("Enter")
    page.wait_for_function("() => window.heldAcks.length === 1")
    assert "Andra, väntar" in page.evaluate("localStorage.getItem('bryggan.chat.pending')")
    # In one task: the exit, then the answer to the first message (before the page unloads).
    left = page.evaluate(
        """() => {
            document.getElementById("leave-quickly").click();
            // A refusal: the first is dropped, and (before the fix) the rest saved again.
            window.heldAcks[0]({ok: false, error: {code: "invalid", message: "x"}});
            return localStorage.getItem("bryggan.chat.pending");
        }"""
    )
    assert left is None
    page.wait_for_url(NEUTRAL_SITE)
    fresh = page.context.new_page()
    fresh.goto("/guidelines")
    assert fresh.evaluate("localStorage.getItem('bryggan.chat.pending')") is None
