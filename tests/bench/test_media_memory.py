"""The media memory benchmark, small: a 20 MB film uploaded to a real server (`python app.py`, gevent) and
streamed by 20 clients with Range requests, while the server's resident memory stays within 30 MiB of idle."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.servers import REPO

pytestmark = pytest.mark.server


def test_memory_stays_flat_while_a_film_is_uploaded_and_streamed():
    result = subprocess.run(
        [sys.executable, "-m", "bench.media_memory", "--megabytes", "20", "--clients", "20",
         "--seconds", "4"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "OK: memory stayed within" in result.stdout
    rows = [line for line in result.stdout.splitlines() if line.startswith("|") and "MB/s" in line]
    assert len(rows) == 2  # the upload and the streaming both ran and were measured
