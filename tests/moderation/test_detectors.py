"""The personal-data and crisis-language detectors, with plain values (the crisis detector's corpus is in
test_crisis_corpus.py)."""

from __future__ import annotations

import pytest

from moderation.crisis import CATEGORIES, CrisisFinding, find_crisis
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


def categories(text: str) -> set[str]:
    return {finding.category for finding in find_crisis(text)}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # The sentences issue 14 says the phrase list missed.
        ("Ibland orkar jag inte leva längre.", "intent"),
        ("Det vore bättre om jag inte fanns.", "hopelessness"),
        ("Jag har samlat på mig tabletter och tänker ta dem ikväll.", "plan"),
        ("Jag vill somna och aldrig vakna igen.", "intent"),
        ("Mamma säger att hon vill ta sitt liv", "relative"),
        ("I took all my pills", "plan"),
        # One of each category, Swedish and English.
        ("Jag har börjat skära mig igen.", "self_harm"),
        ("I keep hurting myself when the anger comes.", "self_harm"),
        ("Ingen skulle sakna mig.", "hopelessness"),
        ("My son is cutting himself.", "relative"),
        ("Min man slår mig.", "violence"),
        ("I fear for my life", "violence"),
        ("Jag är rädd för mitt liv.", "violence"),
    ],
)
def test_each_category_is_found(text, category):
    assert category in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "ja vill int leva mer",  # sms spelling
        "jag vill inte leva langre",  # no å/ä/ö
        "orkaaar inte leva",  # a held-down key
        "vill inte leva lägnre",  # a typo in a long word
        "Ibland vill hon inte leva",  # inverted word order (and a relative)
        "Är det normalt att vilja dö?",  # a question is still a signal
        "har tagit hand om mamma i 6 år nu o ja orkar inte leva mer ärligt talat",  # run-on, carer context
        "sjalvmordstankar hela tiden",
    ],
)
def test_crisis_is_found_however_it_is_typed(text):
    assert find_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "mamma ska ta sina tabletter",  # a relative's normal medication
        "Pappa dog i cancer",  # grief
        "Jag skar mig på kniven när jag lagade mat",  # an accident
        "Orkar inte mer med kommunen",  # tiredness
        "orkar inte laga mat",
        "Jag dör av skratt",  # idioms
        "Batteriet dog",
        "I can't go on the trip this weekend",
        "I'm dying to see the new film",
        "This traffic is killing me",
        "Jag vill inte dö",  # a negated wish to die is no wish to die
        "I don't want to die",
        "Mamma vill dö hemma, inte på sjukhus",  # where to die, in palliative care
        "Pappa vill inte leva på ett boende",  # where to live
        "Om du har självmordstankar, ring Självmordslinjen på 90101",  # advice to someone else
        "Han slår mig alltid i schack",  # a game
        "Det slog mig att jag inte har ätit",  # "it struck me"
    ],
)
def test_ordinary_talk_is_not_a_crisis(text):
    assert find_crisis(text) == []


def test_a_negated_life_is_a_signal_but_a_negated_death_is_not():
    assert categories("jag vill inte leva") == {"intent"}
    assert categories("jag vill inte dö") == set()
    assert categories("I don't want to live anymore") == {"intent"}
    assert categories("I'm not suicidal anymore") == set()


def test_a_finding_says_which_signal_fired_on_which_words():
    (finding,) = find_crisis("Idag efter mötet vill jag bara dö, ärligt.")
    assert finding == CrisisFinding("intent", "vill + dö", "vill jag bara dö")
    assert finding.describe() == "intent (vill + dö): «vill jag bara dö»"
    assert find_crisis_language("Idag efter mötet vill jag bara dö, ärligt.") == [finding.describe()]


def test_a_relatives_finding_shows_whose_words_they_were():
    (finding,) = find_crisis("Jag är orolig, mamma säger att hon vill ta sitt liv.")
    assert finding.category == "relative"
    assert finding.excerpt.startswith("hon vill ta sitt liv")


def test_rules_do_not_reach_across_sentences():
    assert find_crisis("Jag vill. Dö inte av skratt nu.") == []


def test_excerpts_are_short_and_categories_are_known():
    text = "Jag vill " + "verkligen " * 3 + "bara dö. " + "Pappa har demens. " * 50
    for finding in find_crisis(text):
        assert len(finding.excerpt) <= 80
        assert finding.category in CATEGORIES
