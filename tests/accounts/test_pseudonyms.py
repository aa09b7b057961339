"""Pseudonym generation from Swedish word lists."""

import random
import re

from accounts.pseudonyms import ADJECTIVES, NOUNS, generate_pseudonym, pseudonym_space


def test_pseudonym_has_adjective_noun_and_number():
    for seed in range(100):
        name = generate_pseudonym(random.Random(seed))
        adjective, noun, number = name.split(" ")
        assert adjective in ADJECTIVES
        assert noun in NOUNS
        assert 2 <= int(number) <= 99


def test_pseudonym_space_is_large_and_lists_have_no_duplicates():
    assert len(set(ADJECTIVES)) == len(ADJECTIVES)
    assert len(set(NOUNS)) == len(NOUNS)
    assert pseudonym_space() > 400_000


def test_pseudonyms_vary_without_a_seed():
    names = {generate_pseudonym() for _ in range(500)}
    assert len(names) > 490


def test_words_are_capitalised_swedish_words():
    for word in ADJECTIVES + NOUNS:
        assert re.fullmatch(r"[A-ZÅÄÖ][a-zåäöé]*", word), word
