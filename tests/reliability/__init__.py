"""Reliability under concurrent writers, crashes, outages, hostile input and a soak."""

import pytest

# Plain asserts in the shared helpers explain themselves too.
pytest.register_assert_rewrite("tests.reliability.writers")
