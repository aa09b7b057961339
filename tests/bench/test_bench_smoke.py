"""Each benchmark script runs end to end on a tiny data set and prints its tables (no figures are judged:
benchmarks are too slow and noisy for the test suite; docs/PERFORMANCE.md holds the real runs)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.prereq import missing, postgres_bin_dir, redis_server_path
from tests.servers import REPO

pytestmark = pytest.mark.server


def run_script(module: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", module, "--smoke"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def table_rows(output: str, title: str) -> list[list[str]]:
    """The rows of the table printed under a title line beginning with `title`."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[start + 3 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


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
        "library search (HTML)",
        "signup (JSON, argon2id)",
    ]
    # Every page answered, without errors; signup (two argon2id hashes each) may finish none in a 1 s run.
    quick = [row for row in rows if not row[0].startswith("signup")]
    assert all(float(row[2].replace(",", "")) > 0 and row[6] == "0" for row in quick), quick


def test_the_chat_benchmark_prints_fan_out_memory_and_scale_out():
    if shutil.which("node") is None or shutil.which("npm") is None:
        missing("Node.js", "apt-get install -y nodejs npm")
    postgres_bin_dir()
    redis_server_path()
    output = run_script("bench.chat_bench")
    fan_out = table_rows(output, "Chat fan-out, one room")
    assert [row[0] for row in fan_out] == ["bare Flask-SocketIO", "Bryggan"]
    assert table_rows(output, "Memory:")[1][0] == "Bryggan"
    scale = table_rows(output, "Scale-out:")
    assert [row[0] for row in scale] == ["1 process, PostgreSQL", "2 processes, PostgreSQL + Redis"]


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
