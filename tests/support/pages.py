"""Signing members up through the real forms in a Playwright page (browser tests)."""

from __future__ import annotations

import itertools

from tests.support.accounts import STRONG_PASSWORD

# One sequence per worker process: every browser test on the shared server gets a new name.
usernames = (f"webb.medlem{index}" for index in itertools.count())


def signed_up(page) -> str:
    """Sign a fresh member up through the form and return their pseudonym."""
    sign_up(page, next(usernames))
    page.goto("/account")
    return page.locator(".pseudonym").inner_text()


def sign_up(page, username: str) -> str:
    """Fill in the real signup form and return the recovery code shown."""
    page.goto("/signup")
    page.get_by_label("Inloggningsnamn").fill(username)
    page.get_by_label("Lösenord", exact=True).fill(STRONG_PASSWORD)
    page.get_by_label("Dag").fill("31")
    page.get_by_label("Månad").fill("5")
    page.get_by_label("År", exact=True).fill("1970")
    page.locator("#accept_guidelines").check()
    page.get_by_role("button", name="Skapa mitt konto").click()
    page.wait_for_selector("#recovery-code")
    return page.locator("#recovery-code").inner_text()


def open_room(page, slug: str = "allmant") -> None:
    """Open a chat room and wait until the page has joined it over Socket.IO."""
    page.goto(f"/chat/{slug}")
    page.wait_for_selector("#chat-body:not([disabled])")  # joined over Socket.IO
