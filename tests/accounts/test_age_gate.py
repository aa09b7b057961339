"""The age gate: 16 to 94 inclusive on the day of signup, computed exactly; the day a young member turns 26;
age bands."""

from datetime import date

import pytest

from accounts.age_gate import (
    YOUNG_BAND,
    AgeBand,
    age_on,
    band_admits,
    check_age,
    is_young,
    parse_age_band,
    parse_birth_date,
    young_until,
)
from accounts.errors import AgeOutOfRange, InvalidBirthDate
from core.exceptions import InvalidInput

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("born", "allowed"),
    [
        (date(2010, 11, 27), False),  # 15 years 364 days
        (date(2010, 11, 26), True),  # 16 today
        (date(2010, 11, 25), True),
        (date(1931, 11, 27), True),  # 94 years 364 days
        (date(1931, 11, 26), False),  # 95 today
        (date(1931, 11, 25), False),
    ],
)
def test_age_limits_are_inclusive_on_the_day(born, allowed):
    if allowed:
        assert check_age(born, TODAY) in (16, 94)
    else:
        with pytest.raises(AgeOutOfRange):
            check_age(born, TODAY)


def test_too_young_and_too_old_are_told_apart():
    with pytest.raises(AgeOutOfRange) as young:
        check_age(date(2012, 1, 1), TODAY)
    with pytest.raises(AgeOutOfRange) as old:
        check_age(date(1920, 1, 1), TODAY)
    assert young.value.reason == "too_young"
    assert old.value.reason == "too_old"
    assert young.value.code == old.value.code == "age_out_of_range"


def test_leap_day_birthday_counts_from_first_of_march_in_common_years():
    born = date(2008, 2, 29)
    assert age_on(born, date(2024, 2, 28)) == 15
    assert age_on(born, date(2024, 2, 29)) == 16  # leap year: the birthday itself
    assert age_on(born, date(2025, 2, 28)) == 16
    born_2010 = date(2012, 2, 29)
    assert age_on(born_2010, date(2028, 2, 28)) == 15
    assert age_on(born_2010, date(2028, 2, 29)) == 16
    assert age_on(date(2004, 2, 29), date(2021, 2, 28)) == 16
    assert age_on(date(2004, 2, 29), date(2021, 3, 1)) == 17


def test_leap_day_child_cannot_join_on_28_february_before_turning_16():
    with pytest.raises(AgeOutOfRange):
        check_age(date(2012, 2, 29), date(2028, 2, 28))
    assert check_age(date(2012, 2, 29), date(2028, 2, 29)) == 16


def test_leap_day_oldest_member_is_still_94_on_28_february():
    # Born 29 Feb 1932; 28 Feb 2027 is the last day before turning 95 on 1 March.
    assert check_age(date(1932, 2, 29), date(2027, 2, 28)) == 94
    with pytest.raises(AgeOutOfRange):
        check_age(date(1932, 2, 29), date(2027, 3, 1))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1970-5-31",
        "31/05/1970",
        "1970-02-30",
        "2023-02-29",
        "1970-13-01",
        "0000-01-01",
        "19700531",
        "1970-05-31T00:00",
        "abcd-ef-gh",
        " ",
        None,
        19700531,
        ["1970-05-31"],
        "١٩٧٠-٠٥-٣١",
    ],
)
def test_nonsense_birth_dates_are_refused(text):
    with pytest.raises(InvalidBirthDate) as refused:
        parse_birth_date(text, TODAY)
    assert refused.value.code == "invalid_birth_date"


def test_birth_date_in_the_future_is_an_age_out_of_range():
    with pytest.raises(AgeOutOfRange) as refused:
        parse_birth_date("2026-11-27", TODAY)
    assert refused.value.reason == "future"


def test_real_dates_are_read():
    assert parse_birth_date("2024-02-29", TODAY) == date(2024, 2, 29)
    assert parse_birth_date(" 1970-05-31 ", TODAY) == date(1970, 5, 31)
    assert parse_birth_date("2026-11-26", TODAY) == TODAY


# --- young_until: the one fact kept about a young member's age (the day they turn 26) ---------------------


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (date(2009, 11, 27), date(2035, 11, 27)),  # 16 tomorrow: young for ten years
        (date(2009, 11, 26), date(2035, 11, 26)),  # 17 today
        (date(2000, 11, 27), date(2026, 11, 27)),  # 25, turns 26 tomorrow
        (date(2000, 11, 26), None),  # 26 today: no longer young
        (date(1986, 5, 31), None),  # 40
    ],
)
def test_young_until_is_the_26th_birthday_while_it_lies_ahead(born, expected):
    assert young_until(born, TODAY) == expected


def test_young_until_of_someone_born_on_29_february_is_1_march_in_a_common_year():
    assert young_until(date(2004, 2, 29), date(2029, 6, 1)) == date(2030, 3, 1)
    assert young_until(date(2008, 2, 29), date(2029, 6, 1)) == date(2034, 3, 1)
    assert young_until(date(2000, 2, 29), date(2026, 2, 28)) == date(2026, 3, 1)  # 25 for one more day
    assert young_until(date(2000, 2, 29), date(2026, 3, 1)) is None


def test_young_until_agrees_with_the_age_gate_on_every_day_around_the_birthday():
    born = date(2000, 2, 29)
    for day in (date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2)):
        until = young_until(born, date(2020, 1, 1))
        assert is_young(until, day) == (age_on(born, day) < 26), day


def test_is_young_ends_on_the_26th_birthday_itself():
    until = date(2026, 11, 27)
    assert is_young(until, date(2026, 11, 26))
    assert not is_young(until, date(2026, 11, 27))
    assert not is_young(None, TODAY)


@pytest.mark.parametrize("value", [None, {"min": 16, "max": 25}])
def test_age_band_is_null_or_the_young_carers_band(value):
    band = parse_age_band(value)
    assert band == (None if value is None else YOUNG_BAND)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ({"min": 18, "max": 25}, "age_band.unsupported"),  # would need the birth date
        ({"min": 16, "max": 30}, "age_band.unsupported"),
        ({"min": 16}, "age_band.invalid"),
        ({"min": "16", "max": 25}, "age_band.invalid"),
        ({"min": True, "max": 25}, "age_band.invalid"),
        ({"min": 16, "max": 25, "extra": 1}, "age_band.invalid"),
        ([16, 25], "age_band.invalid"),
        ("16-25", "age_band.invalid"),
    ],
)
def test_other_age_bands_are_refused(value, reason):
    with pytest.raises(InvalidInput) as refused:
        parse_age_band(value)
    assert refused.value.message_key == reason
    assert refused.value.field == "age_band"


def test_band_admits_young_members_only_and_no_band_admits_all():
    assert band_admits(YOUNG_BAND, young=True)
    assert not band_admits(YOUNG_BAND, young=False)
    assert band_admits(None, young=False)
    assert AgeBand(16, 25).as_json() == {"min": 16, "max": 25}
