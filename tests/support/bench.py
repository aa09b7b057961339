"""Running a benchmark script in its smoke mode and reading the tables it prints."""

from __future__ import annotations

import subprocess
import sys

from tests.servers import REPO


def run_script(module: str) -> str:
    """Run `python -m module --smoke` from the repository; it must succeed. Its standard output."""
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
