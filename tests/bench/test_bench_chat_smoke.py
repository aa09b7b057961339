"""The chat benchmark runs end to end on a tiny data set and prints its tables: fan-out, memory and
scale-out (no figures are judged; docs/PERFORMANCE.md holds the real runs)."""

from __future__ import annotations

import shutil

import pytest

from tests.prereq import missing, postgres_bin_dir, redis_server_path
from tests.support.bench import run_script, table_rows

pytestmark = [pytest.mark.server, pytest.mark.slow]


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
