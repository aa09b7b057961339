"""The personal-data and crisis-language detectors, with plain values."""

from __future__ import annotations

import pytest

from moderation.detectors import find_crisis_language, find_personal_data, is_personnummer, luhn_valid


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in find_personal_data(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Mitt personnummer är 811218-9876",
        "pnr 19811218-9876 tack",
        "198112189876",
        "8112189876",
        "811218+9876",  # over 100 years old
        "samordningsnummer 701063-2391",
    ],
)
def test_valid_personal_identity_numbers_are_found(text):
    assert "personnummer" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "811218-9875",  # wrong check digit
        "811318-9876",  # no thirteenth month
        "Vi ses 2024-05-31 kl 18",  # a date
        "Det kostade 1 234 567 kr",  # a price
        "Ordernummer 12345678901234",  # too long
        "Priset var 4 500 kr och resan 1 200 kr",
        "år 1995-2003 bodde vi där",
    ],
)
def test_near_misses_are_not_personal_identity_numbers(text):
    assert "personnummer" not in kinds(text)


def test_luhn():
    assert luhn_valid("8112189876")
    assert not luhn_valid("8112189875")
    assert is_personnummer("811218", "9876")
    assert not is_personnummer("811232", "9876")


@pytest.mark.parametrize(
    "text",
    [
        "Ring mig på 070-123 45 67",
        "070 1234567",
        "+46 70 123 45 67",
        "0046701234567",
        "08-123 456 78",
        "031-12 34 56",
        "0701234567",
    ],
)
def test_phone_numbers_are_found(text):
    assert "phone" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hon är 70 år och har 3 barn",
        "Klockan 07.30 i morse",
        "Vi betalade 1995 kr",
        "2024-05-31",
        "Version 1.0.23 av appen",
        "Ring 112 om det är akut",
        "1177 Vårdguiden",
        "Självmordslinjen 90101",
    ],
)
def test_ordinary_numbers_are_not_phone_numbers(text):
    assert "phone" not in kinds(text)


def test_email_addresses_are_found_and_ordinary_at_signs_are_not():
    assert kinds("skriv till anna.svensson+test@exempel.se") == ["email"]
    assert kinds("vi ses @ kaféet kl 3") == []
    assert kinds("min mamma@hemma") == []


@pytest.mark.parametrize(
    "text",
    [
        "Jag orkar inte leva längre",
        "jag VILL DÖ",
        "Ibland tänker jag på självmord",
        "I want to die",
        "I don't want to live anymore",
        "Jag har tänkt på att  ta   livet av mig",
        "thinking about self-harm",
    ],
)
def test_crisis_language_is_found_in_swedish_and_english(text):
    assert find_crisis_language(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pappa vill inte äta",
        "Jag orkar inte med grannen",
        "Hon levde ett långt liv",
        "diesel och bensin",
        "Mamma dog i fjol och jag saknar henne",
        "Det är svårt att skära grönsaker med ena handen",
    ],
)
def test_ordinary_talk_is_not_crisis_language(text):
    assert find_crisis_language(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "dont want to live",
        "I want to end it all",
        "kms",
        "jag skar mig igår",
        "jag har skurit mig",
        "sjalvmord",
        "jag vill do nu",
    ],
)
def test_crisis_language_typed_in_haste_is_found(text):
    assert find_crisis_language(text)


@pytest.mark.parametrize("text", ["05-06-2024", "den 05/06/2024", "möte 5.6.2024"])
def test_dates_written_day_first_are_not_phone_numbers(text):
    assert "phone" not in kinds(text)


def test_a_phone_number_with_the_trunk_zero_in_brackets_is_found():
    assert "phone" in kinds("+46 (0)70-123 45 67")
