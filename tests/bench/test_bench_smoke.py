"""Each benchmark script runs end to end on a tiny data set and prints its tables (no figures are judged:
benchmarks are too slow and noisy for the test suite; docs/PERFORMANCE.md holds the real runs). The chat
benchmark, the longest, has its own file (test_bench_chat_smoke.py) so that another worker runs it."""

from __future__ import annotations

import shutil

import pytest

from tests.prereq import missing
from tests.support.bench import run_script, table_rows

pytestmark = [pytest.mark.server, pytest.mark.slow]


def test_the_http_benchmark_prints_every_route_against_its_baseline():
    if shutil.which("wrk") is None:
        missing("wrk", "apt-get install -y wrk")
    output = run_script("bench.http_bench")
    rows = table_rows(output, "HTTP,")
    assert [row[0] for row in rows] == [
        "bare Flask route (baseline)",
        "session (JSON, member)",
        "thread page (HTML)",
        "thread (JSON)",
        "category page (HTML)",
        "library article (public)",
        "library search (HTML)",
        "signup (JSON, argon2id)",
    ]
    # Every page answered, without errors; signup (two argon2id hashes each) may finish none in a 1 s run.
    quick = [row for row in rows if not row[0].startswith("signup")]
    assert all(float(row[2].replace(",", "")) > 0 and row[6] == "0" for row in quick), quick


def test_the_crisis_benchmark_prints_sentences_per_second_and_message_times():
    output = run_script("bench.crisis_bench")
    (sentences,) = table_rows(output, "Sentences")
    assert float(sentences[2].replace(",", "")) > 0
    messages = table_rows(output, "Messages of 1,000 characters")
    assert [row[0] for row in messages] == [
        "ordinary, warm",
        "ordinary, cold",
        "one crisis sentence, warm",
        "one crisis sentence, cold",
        "all crisis, warm",
        "all crisis, cold",
    ]
