"""What every benchmark shares: a throw-away database with data, real server processes, readable tables."""

from __future__ import annotations

import secrets
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.servers import server_process

SECRET_KEY = secrets.token_hex(32)
# Production mode (gevent, Secure cookies, no debug); rate limits off, since all load comes from one address.
SERVER_ENV = {
    "BRYGGAN_ENV": "production",
    "BRYGGAN_SECRET_KEY": SECRET_KEY,
    "BRYGGAN_RATELIMIT_ENABLED": "false",
}


@dataclass
class Server:
    """A running server process."""

    url: str
    process: subprocess.Popen

    def rss_kib(self) -> int:
        """Resident memory of the process, from /proc."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")


@contextmanager
def server(command: Sequence[str], env: dict[str, str], ready_path: str = "/") -> Iterator[Server]:
    """Start a server process on a free loopback port and stop it after."""
    with server_process(list(command), env, ready_path) as (url, process):
        yield Server(url, process)


def app_server(database_url: str, extra_env: dict[str, str] | None = None):
    """Bryggan itself, `python app.py`, as in production."""
    env = {**SERVER_ENV, "BRYGGAN_DATABASE_URL": database_url, **(extra_env or {})}
    return server([sys.executable, "app.py"], env, ready_path="/api/v1/session")


def baseline_server(module: str):
    """A bare baseline (bench/baseline_http.py or bench/baseline_chat.py) on the same server stack."""
    return server([sys.executable, "-m", module], {})


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain-text table, columns aligned, for the terminal and for docs/PERFORMANCE.md."""
    cells = [[str(cell) for cell in header]] + [[format_cell(cell) for cell in row] for row in rows]
    widths = [max(len(row[index]) for row in cells) for index in range(len(header))]
    print(f"\n{title}")
    print("| " + " | ".join(cell.ljust(width) for cell, width in zip(cells[0], widths, strict=True)) + " |")
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    for row in cells[1:]:
        print("| " + " | ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) + " |")
    sys.stdout.flush()


def format_cell(value: object) -> str:
    """Numbers rounded for reading."""
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return str(value)
