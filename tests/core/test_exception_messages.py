"""Each domain exception owns its code, status and texts (the generic ones in core/exceptions.py, a feature's
own in its errors.py); core/errors.py only translates and delivers them. Every message key raised anywhere has
its text on the class that raises it, and every text reaches the Swedish catalogue."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

import core.errors
from core.exceptions import DomainError, RateLimited, SlugTaken, TooLong

ROOT = Path(__file__).resolve().parents[2]
RAISED_WITH_KEY = re.compile(r"\b([A-Z][A-Za-z]+)\(\s*\"([a-z_]+(?:\.[a-z_]+)*)\"")
# Where domain exceptions live: core's generic ones, and each feature's errors.py (core/errors.py is the
# mapping to responses, not exceptions).
FEATURE_ERRORS = ("accounts.errors", "moderation.errors", "forum.errors", "chat.errors", "content.errors")
ERROR_MODULES = ("core.exceptions", *FEATURE_ERRORS)


def domain_errors() -> list[type[DomainError]]:
    return [
        value
        for name in ERROR_MODULES
        for value in vars(importlib.import_module(name)).values()
        if isinstance(value, type) and issubclass(value, DomainError) and value.__module__ == name
    ]


def test_every_feature_with_an_errors_module_is_looked_at():
    found = {
        f"{path.parent.name}.errors"
        for path in ROOT.glob("*/errors.py")
        if path.parent.name not in {"core", "tests"}
    }
    assert found == set(FEATURE_ERRORS)
    # The feature exceptions really moved: none is defined twice, and core names none of them.
    names = [cls.__name__ for cls in domain_errors()]
    assert len(names) == len(set(names))
    core_names = vars(importlib.import_module("core.exceptions"))
    assert not [
        cls.__name__
        for cls in domain_errors()
        if cls.__module__ != "core.exceptions" and cls.__name__ in core_names
    ]


@pytest.mark.parametrize("module", ERROR_MODULES)
def test_every_text_is_extracted_for_the_catalogue_and_has_its_swedish(module):
    """Babel (babel.cfg: every .py) finds each `N_` text where it now lives, and the Swedish catalogue, whose
    msgids did not change, still translates it."""
    path = ROOT / (module.replace(".", "/") + ".py")
    extracted = {message for _, message, _, _ in extract_from_file("python", str(path))}
    with (ROOT / "translations/sv/LC_MESSAGES/messages.po").open("rb") as po:
        catalogue = read_po(po)
    texts = [
        text
        for cls in domain_errors()
        if cls.__module__ == module
        for text in vars(cls).get("messages", {}).values()
    ]
    assert texts or module == "content.errors"  # the library's upload refusals are worded by their caller
    assert not [text for text in texts if text not in extracted]
    assert not [text for text in texts if catalogue.get(text) is None or not catalogue.get(text).string]


def worded(cls: type[DomainError], key: str) -> bool:
    return any(key in vars(owner).get("messages", {}) for owner in cls.__mro__)


@pytest.mark.parametrize("cls", domain_errors(), ids=lambda cls: cls.__name__)
def test_every_exception_has_a_code_a_status_and_its_own_text(cls):
    assert re.fullmatch(r"[a-z_]+", cls.code)
    assert 400 <= cls.status < 600
    if "text" in inspect.signature(cls.__init__).parameters:
        return  # worded by the caller for this request (a file's own problem, with its numbers)
    own = list(vars(cls).get("messages", {}))
    # A class words its own refusal, or inherits one that fits (SlugTaken words its two kinds).
    assert own or worded(cls, cls.code), cls.__name__


# Keys that knowingly fall back to their class's text for its code (or the generic one), as they always did.
GENERIC = {"upload_interrupted", "no_file", "shift_in_past", "shift_length", "reason"}


def test_every_message_key_raised_in_the_code_has_its_text():
    exceptions = {cls.__name__: cls for cls in domain_errors()}
    missing = []
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {"tests", "migrations", "bench"}:
            continue
        for name, key in RAISED_WITH_KEY.findall(path.read_text(encoding="utf-8")):
            cls = exceptions.get(name)
            if cls is None or key in GENERIC:
                continue
            # A key, or a field or reason the class words as `code.key` (TooLong("title"): too_long.title).
            prefix = "slug_taken" if cls is SlugTaken else cls.code  # its code is `invalid`
            if not worded(cls, key) and not worded(cls, f"{prefix}.{key}"):
                missing.append(f"{path.relative_to(ROOT)}: {name}({key!r})")
    assert not missing, missing


@pytest.mark.parametrize("field", ["title", "body", "note", "word", "message", "staff_message"])
def test_too_long_words_each_field_it_is_raised_for(field):
    assert TooLong(field, 5).template() != DomainError.messages["invalid"]


def test_errors_holds_no_chain_of_feature_exceptions():
    source = inspect.getsource(core.errors)
    assert "isinstance(error, " not in source.replace("isinstance(error, sql_errors", "")
    for cls in domain_errors():
        if cls.__name__ in {"DomainError", "BadRequest", "NotSignedIn", "Forbidden", "NotFound"}:
            continue  # their texts also answer HTTP errors that are not domain errors
        if cls.__name__ == "RateLimited":
            continue  # likewise: Flask-Limiter's 429
        assert cls.__name__ not in source, cls.__name__


def test_a_rate_limit_of_one_second_says_so(app):
    with app.test_request_context("/?lang=en"):
        assert "a second" in core.errors.message_for(RateLimited(0.6, "chat.flooding"))
        assert "3 seconds" in core.errors.message_for(RateLimited(3.2, "chat.flooding"))


def test_slug_taken_names_a_category_for_categories_and_a_room_for_rooms(app):
    with app.test_request_context("/?lang=en"):
        assert "another category" in core.errors.message_for(SlugTaken("category"))
        assert "another room" in core.errors.message_for(SlugTaken("room"))


def test_a_taken_category_address_is_refused_as_a_category_in_swedish(admin):
    taken = admin.post(
        "/categories",
        json={
            "slug": "demens",
            "name_sv": "Demens igen",
            "name_en": "Dementia again",
            "description_sv": "Samma adress",
            "description_en": "The same address",
        },
    )
    assert taken.status_code == 422
    error = taken.get_json()["error"]
    assert (error["code"], error["field"]) == ("invalid", "slug")
    assert error["message"] == "Den adressen används redan av en annan kategori."


def test_a_taken_room_address_is_refused_as_a_room_in_swedish(admin):
    taken = admin.post(
        "/chat/rooms", json={"slug": "allmant", "name_sv": "Allmänt igen", "name_en": "General"}
    )
    assert taken.status_code == 422
    error = taken.get_json()["error"]
    assert (error["code"], error["field"]) == ("invalid", "slug")
    assert error["message"] == "Den adressen används redan av ett annat rum."
