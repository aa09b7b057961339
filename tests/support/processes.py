"""Looking at a server process from outside (its memory, as the soak and flood tests watch it)."""

from __future__ import annotations

from pathlib import Path


def resident_kib(pid: int) -> int:
    """The process's resident memory."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")
