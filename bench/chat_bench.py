"""Chat benchmark: fan-out to one room, memory per idle connection, and scale-out over Redis.

    .venv/bin/python -m bench.chat_bench            # 100, 500 and 2,000 listeners; memory; scale-out
    .venv/bin/python -m bench.chat_bench --smoke    # 20 listeners, short steps: checks the script works
    .venv/bin/python -m bench.chat_bench --storm --storm-members 2000   # reconnect storm (+ --scale-out)

Bryggan (`python app.py`, gevent, production mode) and a bare Flask-SocketIO broadcast server on the same
stack (bench/baseline_chat.py) are driven by the same Node.js load generator (bench/chat_load.mjs, npm's
socket.io-client), which steps the send rate up until deliveries stop keeping up, then measures latency at
half of that rate. The load generator needs `npm ci --prefix bench` once (done here when missing).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from bench.dataset import add_members, prepare_database
from bench.harness import app_server, baseline_server, print_table
from tests.servers import REPO, PostgresServer, RedisServer

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


def storm(urls: list[str], listener_cookies, sender_cookies, probe_url: str, rate: float, scratch) -> dict:
    """Members connect and join, all drop, all come back at once; see `storm()` in bench/chat_load.mjs."""
    config = {
        "namespace": "/chat",
        "room": ROOM,
        "mode": "storm",
        "listeners": targets(urls, listener_cookies),
        "senders": targets(urls[:1], sender_cookies),
        "probe_url": probe_url,
        "storm_rate": rate,
        "drain_seconds": 15,
    }
    return next(event for event in run_load(config, scratch) if event["event"] == "storm")


def storm_row(name: str, result: dict, bare_seconds: float | None) -> list:
    """One line of the storm table."""
    http = result["http"]
    ratio = result["all_joined_seconds"] / bare_seconds if bare_seconds else 1.0
    return [
        name,
        result["listeners"],
        result["all_joined_seconds"],
        ratio,
        http["requests"],
        http["p50_ms"],
        http["p99_ms"],
        result["messages_sent"],
        result["lost"],
        result["refusals"],
        result["connect_timeouts"],
    ]


def run_storms(arguments, scratch: Path, env: dict) -> None:
    """The reconnect-storm benchmark: the bare server and Bryggan in the same run."""
    count = arguments.storm_members
    database_url, cookies = bryggan_database(scratch, None, count + arguments.senders)
    senders, listeners = cookies[: arguments.senders], cookies[arguments.senders :]
    rows = []
    with baseline_server("bench.baseline_chat") as bare:
        result = storm(
            [bare.url],
            [None] * count,
            [None] * arguments.senders,
            bare.url + "/",
            arguments.storm_rate,
            scratch,
        )
    bare_seconds = result["all_joined_seconds"]
    rows.append(storm_row("bare Flask-SocketIO", result, None))
    with app_server(database_url, env) as bryggan:
        result = storm([bryggan.url], listeners, senders, bryggan.url + "/", arguments.storm_rate, scratch)
    rows.append(storm_row("Bryggan, 1 process, SQLite", result, bare_seconds))
    if arguments.scale_out:
        postgres, redis = PostgresServer(shutil_path("pg_ctl")), RedisServer(shutil.which("redis-server"))
        postgres.start()
        redis.start()
        try:
            pg_url, pg_cookies = bryggan_database(
                scratch, postgres.create_database("stormbench"), count + arguments.senders
            )
            queue_env = {**env, "BRYGGAN_MESSAGE_QUEUE": redis.url}
            with app_server(pg_url, queue_env) as first, app_server(pg_url, queue_env) as second:
                result = storm(
                    [first.url, second.url],
                    pg_cookies[arguments.senders :],
                    pg_cookies[: arguments.senders],
                    first.url + "/",
                    arguments.storm_rate,
                    scratch,
                )
            rows.append(storm_row("Bryggan, 2 processes, PostgreSQL + Redis", result, bare_seconds))
        finally:
            redis.stop()
            postgres.stop()
    print_table(
        f"Reconnect storm: {count} members drop and reconnect at once, rejoin with since_id; "
        f"{arguments.senders} senders send {arguments.storm_rate:g} msg/s meanwhile; HTTP prober on /",
        [
            "server",
            "members",
            "all joined s",
            "× bare",
            "HTTP requests",
            "HTTP p50 ms",
            "HTTP p99 ms",
            "messages sent",
            "lost",
            "refused busy",
            "connect timeouts",
        ],
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--listeners", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--senders", type=int, default=10)
    parser.add_argument("--step-seconds", type=float, default=5.0)
    parser.add_argument("--steps", type=int, default=9)
    parser.add_argument("--memory-connections", type=int, default=2000)
    parser.add_argument("--scale-out-listeners", type=int, default=500)
    parser.add_argument("--storm", action="store_true", help="only the reconnect-storm benchmark")
    parser.add_argument("--storm-members", type=int, default=2000)
    parser.add_argument("--storm-rate", type=float, default=5.0, help="messages a second during the storm")
    parser.add_argument("--scale-out", action="store_true", help="with --storm: also 2 processes, PG + Redis")
    arguments = parser.parse_args()
    if arguments.smoke:
        arguments.listeners, arguments.senders, arguments.step_seconds, arguments.steps = [20], 2, 1.0, 2
        arguments.memory_connections, arguments.scale_out_listeners = 20, 20
    ensure_load_generator()
    if arguments.storm:
        with tempfile.TemporaryDirectory(prefix="bryggan-storm-bench-") as scratch_name:
            scratch = Path(scratch_name)
            settings = scratch / "settings.py"
            settings.write_text(CHAT_SETTINGS)
            run_storms(arguments, scratch, {"BRYGGAN_CONFIG_FILE": str(settings)})
        return

    with tempfile.TemporaryDirectory(prefix="bryggan-chat-bench-") as scratch_name:
        scratch = Path(scratch_name)
        settings = scratch / "settings.py"
        settings.write_text(CHAT_SETTINGS)
        most = max(max(arguments.listeners), arguments.memory_connections, arguments.scale_out_listeners)
        database_url, cookies = bryggan_database(scratch, None, most + arguments.senders)
        senders, listeners_pool = cookies[: arguments.senders], cookies[arguments.senders :]
        env = {"BRYGGAN_CONFIG_FILE": str(settings)}

        rows, detail = [], []
        for count in arguments.listeners:
            rates = rates_for(count, arguments.steps)
            results = {}
            with baseline_server("bench.baseline_chat") as bare:
                results["bare"] = fan_out(
                    [bare.url],
                    [None] * count,
                    [None] * arguments.senders,
                    rates,
                    arguments.step_seconds,
                    scratch,
                )
            with app_server(database_url, env) as bryggan:
                results["bryggan"] = fan_out(
                    [bryggan.url], listeners_pool[:count], senders, rates, arguments.step_seconds, scratch
                )
            for name, result in results.items():
                best, half = result["best"], result["half"]
                rows.append(
                    [
                        "bare Flask-SocketIO" if name == "bare" else "Bryggan",
                        count,
                        best["deliveries_per_second"],
                        best["deliveries_per_second"] / results["bare"]["best"]["deliveries_per_second"],
                        best["p50_ms"],
                        best["p99_ms"],
                        half["offered_messages_per_second"],
                        half["p50_ms"],
                        half["p99_ms"],
                        result["lost"],
                        result["refused"],
                    ]
                )
                for step in result["steps"]:
                    detail.append(
                        [
                            name,
                            count,
                            step["offered_messages_per_second"],
                            step["acked"],
                            step["deliveries_per_second"],
                            step["p50_ms"],
                            step["p99_ms"],
                            step["lost"],
                        ]
                    )
        print_table(
            f"Chat fan-out, one room, {arguments.senders} senders, {arguments.step_seconds:g} s steps "
            "(saturation = the best step; latency also at half of that rate)",
            [
                "server",
                "listeners",
                "deliveries/s at saturation",
                "× bare",
                "p50 ms",
                "p99 ms",
                "half rate msg/s",
                "half p50 ms",
                "half p99 ms",
                "lost",
                "refused",
            ],
            rows,
        )
        print_table(
            "Chat fan-out, every step",
            ["server", "listeners", "offered msg/s", "acked", "deliveries/s", "p50 ms", "p99 ms", "lost"],
            detail,
        )

        memory_rows = []
        for name in ("bare", "bryggan"):
            count = arguments.memory_connections
            with ExitStack() as stack:
                if name == "bare":
                    server = stack.enter_context(baseline_server("bench.baseline_chat"))
                    clients = [None] * count
                else:
                    server = stack.enter_context(app_server(database_url, env))
                    clients = listeners_pool[:count]
                warm = min(100, count // 10)
                measured = {}

                def settled_rss(server=server) -> int:
                    time.sleep(3)  # let the last joins and presence counts settle
                    return server.rss_kib()

                def at_warm(event, measured=measured, settled_rss=settled_rss):
                    measured["warm"] = settled_rss()

                def at_ready(event, measured=measured, settled_rss=settled_rss):
                    measured["after"] = settled_rss()
                    measured["setup"] = event["setup_seconds"]

                run_load(
                    {
                        "namespace": "/chat",
                        "room": ROOM,
                        "listeners": targets([server.url], clients),
                        "senders": [],
                        "mode": "idle",
                        "warm": warm,
                    },
                    scratch,
                    idle_callback=at_ready,
                    warm_callback=at_warm,
                )
                memory_rows.append(
                    [
                        "bare Flask-SocketIO" if name == "bare" else "Bryggan",
                        count,
                        warm,
                        measured["warm"],
                        measured["after"],
                        (measured["after"] - measured["warm"]) / (count - warm),
                        measured["setup"],
                    ]
                )
        print_table(
            "Memory: resident memory of the server process with idle members connected and in one room "
            "(per connection = growth after a first wave, which pays one-time costs)",
            [
                "server",
                "connections",
                "first wave",
                "RSS after first wave KiB",
                "RSS after all KiB",
                "KiB per connection",
                "connect+join s",
            ],
            memory_rows,
        )

        scale_rows = []
        postgres, redis = PostgresServer(shutil_path("pg_ctl")), RedisServer(shutil.which("redis-server"))
        postgres.start()
        redis.start()
        try:
            count = arguments.scale_out_listeners
            pg_url, pg_cookies = bryggan_database(
                scratch, postgres.create_database("chatbench"), count + arguments.senders
            )
            pg_senders, pg_listeners = pg_cookies[: arguments.senders], pg_cookies[arguments.senders :]
            rates = rates_for(count, arguments.steps)
            with app_server(pg_url, env) as single:
                one = fan_out([single.url], pg_listeners, pg_senders, rates, arguments.step_seconds, scratch)
            queue_env = {**env, "BRYGGAN_MESSAGE_QUEUE": redis.url}
            with app_server(pg_url, queue_env) as first, app_server(pg_url, queue_env) as second:
                two = fan_out(
                    [first.url, second.url], pg_listeners, pg_senders, rates, arguments.step_seconds, scratch
                )
            for name, result in (("1 process, PostgreSQL", one), ("2 processes, PostgreSQL + Redis", two)):
                scale_rows.append(
                    [
                        name,
                        count,
                        result["best"]["deliveries_per_second"],
                        result["best"]["deliveries_per_second"] / one["best"]["deliveries_per_second"],
                        result["half"]["p99_ms"],
                        result["lost"],
                        result["refused"],
                    ]
                )
        finally:
            redis.stop()
            postgres.stop()
        print_table(
            "Scale-out: listeners split over two processes (senders on the first), messages crossing Redis",
            [
                "set-up",
                "listeners",
                "deliveries/s at saturation",
                "× one process",
                "half-rate p99 ms",
                "lost",
                "refused",
            ],
            scale_rows,
        )


def shutil_path(binary: str) -> str:
    """The folder of Debian's PostgreSQL binaries."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{binary}"))
    if not found:
        raise SystemExit("PostgreSQL server binaries are needed: apt-get install -y postgresql")
    return str(found[-1].parent)


if __name__ == "__main__":
    main()
