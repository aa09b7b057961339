"""Pseudonym generation from Swedish word lists ("Stilla Trana 42"). Pure: never looks at the login name."""

from __future__ import annotations

import random
import secrets

# Adjectives that read kindly and take no ending with the common-gender nouns below.
ADJECTIVES = (
    "Stilla", "Lugn", "Varm", "Modig", "Vänlig", "Klok", "Mild", "Ljus", "Trygg", "Glad",
    "Tålig", "Stark", "Snäll", "Vaken", "Mjuk", "Blid", "Öppen", "Fri", "Rask", "Stadig",
    "Sval", "Frisk", "Tyst", "Tapper", "Ödmjuk", "Nyfiken", "Omtänksam", "Hoppfull", "Envis", "Ärlig",
    "Sann", "Fin", "Vis", "Trofast", "Hjärtlig", "Gästvänlig", "Kvick", "Sansad", "Varsam", "Ståndaktig",
    "Gyllene", "Silvrig", "Grön", "Blå", "Röd", "Vit", "Grå", "Ljusblå", "Solig", "Stjärnklar",
    "Morgonpigg", "Sömnig", "Vindstilla", "Lövgrön", "Ljummen", "Rofylld", "Harmonisk", "Försiktig", "Tankfull",
    "Uthållig",
)

# Common-gender (en) nouns from Swedish nature, so every adjective agrees.
NOUNS = (
    "Trana", "Räv", "Älg", "Uggla", "Hare", "Lo", "Järv", "Mås", "Trast", "Svala",
    "Ekorre", "Igelkott", "Grävling", "Lärka", "Hind", "Sparv", "Mes", "Gädda", "Abborre", "Lax",
    "Säl", "Utter", "Bäver", "Stork", "Häger", "Svan", "Gås", "And", "Tärna", "Lom",
    "Kråka", "Skata", "Korp", "Duva", "Fink", "Domherre", "Rödhake", "Näktergal", "Gök", "Hackspett",
    "Björk", "Ek", "Lind", "Ros", "Viol", "Vitsippa", "Blåklocka", "Prästkrage", "Linnea", "Mossa",
    "Ljung", "Hjortron", "Lingon", "Blåbär", "Tall", "Gran", "Rönn", "Asp", "Al", "Hassel",
    "Bäck", "Å", "Sjö", "Källa", "Klippa", "Sten", "Dyning", "Bris", "Vind", "Dimma",
    "Gryning", "Skymning", "Stjärna", "Måne", "Sol", "Regnbåge", "Snöflinga", "Istapp", "Eld", "Glöd",
)

NUMBER_RANGE = (2, 99)


def generate_pseudonym(rng: random.Random | None = None) -> str:
    """A random pseudonym such as "Stilla Trana 42"; uniqueness is the caller's job."""
    chooser = rng or secrets.SystemRandom()
    adjective = chooser.choice(ADJECTIVES)
    noun = chooser.choice(NOUNS)
    number = chooser.randint(*NUMBER_RANGE)
    return f"{adjective} {noun} {number}"


def pseudonym_space() -> int:
    """How many different pseudonyms the lists can make."""
    low, high = NUMBER_RANGE
    return len(ADJECTIVES) * len(NOUNS) * (high - low + 1)
