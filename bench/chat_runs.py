"""The chat benchmarks' shared parts: the Node.js load generator (bench/chat_load.mjs), its targets and
send rates, and a Bryggan database with members."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

from bench.dataset import add_members, prepare_database
from tests.servers import REPO

LOAD_GENERATOR = Path(__file__).with_name("chat_load.mjs")
ROOM = "allmant"
# The benchmark measures the delivery path, so the per-member flood limits and the per-connection socket
# budget are opened up (a real room keeps them: one member may not send hundreds of messages a second).
CHAT_SETTINGS = (
    "CHAT_BURST = 1_000_000\nCHAT_MESSAGES_PER_SECOND = 1_000_000.0\nCHAT_UNMODERATED_SLOW_MODE_SECONDS = 0\n"
    "SOCKET_PACKET_BURST = 1_000_000\nSOCKET_PACKETS_PER_SECOND = 1_000_000.0\n"
    "SOCKET_EVENTS_IN_FLIGHT = 1_000_000\n"
)


def ensure_load_generator() -> None:
    """Install socket.io-client for Node.js beside the script if it is not there yet."""
    if shutil.which("node") is None:
        raise SystemExit("Node.js is needed for the load generator")
    if not (LOAD_GENERATOR.parent / "node_modules" / "socket.io-client").exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(LOAD_GENERATOR.parent)], check=True
        )


def run_load(config: dict, scratch: Path, idle_callback=None, warm_callback=None) -> list[dict]:
    """Run the Node.js load generator and collect its JSON lines (answering its "warm" and "ready" pauses)."""
    path = scratch / f"load-{time.monotonic_ns()}.json"
    path.write_text(json.dumps(config))
    process = subprocess.Popen(
        ["node", str(LOAD_GENERATOR), str(path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = []
    for line in process.stdout:
        event = json.loads(line)
        lines.append(event)
        if event["event"] == "error":
            process.wait()
            raise RuntimeError(event["message"])
        if event["event"] == "warm" and warm_callback is not None:
            warm_callback(event)
            process.stdin.write("go\n")
            process.stdin.flush()
        if event["event"] == "ready" and idle_callback is not None:
            idle_callback(event)
            process.stdin.close()
    process.wait(timeout=120)
    return lines


def targets(urls: list[str], cookies: list[str | None]) -> list[dict]:
    """Clients spread over the servers in turn."""
    return [{"url": urls[index % len(urls)], "cookie": cookie} for index, cookie in enumerate(cookies)]


def fan_out(urls, listener_cookies, sender_cookies, rates, step_seconds, scratch) -> dict:
    """One stepped run; the best step and the half-saturation step."""
    config = {
        "namespace": "/chat",
        "room": ROOM,
        "listeners": targets(urls, listener_cookies),
        "senders": targets(urls[:1], sender_cookies),
        "rates": rates,
        "step_seconds": step_seconds,
        "drain_seconds": 5,
        "half_saturation": True,
    }
    events = run_load(config, scratch)
    steps = [event for event in events if event["event"] == "step"]
    half = next(event for event in events if event["event"] == "half")
    best = max(steps, key=lambda step: step["deliveries_per_second"])
    lost = sum(step["lost"] for step in steps) + half["lost"]
    refused = sum(step["refused"] for step in steps) + half["refused"]
    return {"best": best, "half": half, "steps": steps, "lost": lost, "refused": refused}


def rates_for(listeners: int, steps: int) -> list[float]:
    """Send rates (messages per second) from about 1,000 deliveries a second, doubling each step."""
    start = max(0.5, 1000 / listeners)
    return [round(start * 2**step, 2) for step in range(steps)]


def bryggan_database(scratch: Path, url: str | None, members: int):
    """A seeded database (SQLite file unless a PostgreSQL URL is given) and members' cookies."""
    database_url = url or f"sqlite:///{scratch}/chat.sqlite3"
    app = prepare_database(database_url)
    return database_url, [member.cookie for member in add_members(app, members)]


def shutil_path(binary: str) -> str:
    """The folder of Debian's PostgreSQL binaries."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{binary}"))
    if not found:
        raise SystemExit("PostgreSQL server binaries are needed: apt-get install -y postgresql")
    return str(found[-1].parent)
