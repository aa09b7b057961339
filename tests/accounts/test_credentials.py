"""Login names, the password policy and recovery codes."""

import re

import pytest

from accounts.credentials import (
    check_password,
    common_passwords,
    generate_recovery_code,
    normalize_recovery_code,
    normalize_username,
)
from accounts.errors import InvalidUsername, WeakPassword


def test_login_names_are_normalized_so_look_alikes_collide():
    assert normalize_username("  Anna ") == "anna"
    assert normalize_username("ÅSA_b") == "åsa_b"
    assert normalize_username("Ａｎｎａ") == "anna"  # full-width letters fold by NFKC


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("ab", "length"),
        ("a" * 41, "length"),
        ("has space", "characters"),
        ("semi;colon", "characters"),
        (None, "length"),
        (42, "length"),
    ],
)
def test_bad_login_names_are_refused(raw, reason):
    with pytest.raises(InvalidUsername) as refused:
        normalize_username(raw)
    assert refused.value.details["reason"] == reason


def test_shipped_common_password_list_has_thousands_of_long_entries():
    passwords = common_passwords()
    assert len(passwords) > 2000
    assert all(len(entry) >= 10 for entry in passwords)
    assert "qwertyuiop" in passwords
    assert "sommar2024" in passwords


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("kort", "too_short"),
        ("123456789", "too_short"),
        ("x" * 1001, "too_long"),
        ("1234567890", "common"),
        ("QwertyUiop", "common"),
        ("Lösenord123", "common"),
        ("anna-har-en-hemlighet", "contains_username"),
        (None, "too_short"),
        (1234567890, "too_short"),
    ],
)
def test_password_policy_refuses(password, reason):
    with pytest.raises(WeakPassword) as refused:
        check_password(password, "anna")
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    "password", ["stilla vatten har djup botten", "ögonblick i juni", "ÅÄÖåäöÅÄÖå", "          k"]
)
def test_password_policy_has_no_composition_rules(password):
    assert check_password(password, "anna") == password


def test_recovery_codes_are_random_readable_and_normalizable():
    codes = {generate_recovery_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){4}", code)
        assert normalize_recovery_code(code.lower().replace("-", " ")) == code.replace("-", "")
    assert normalize_recovery_code(None) == ""
