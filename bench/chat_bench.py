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
import shutil
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from bench.chat_runs import (
    CHAT_SETTINGS,
    ROOM,
    bryggan_database,
    ensure_load_generator,
    fan_out,
    rates_for,
    run_load,
    shutil_path,
    targets,
)
from bench.chat_storm import run_storms
from bench.harness import app_server, baseline_server, print_table
from tests.servers import PostgresServer, RedisServer


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


if __name__ == "__main__":
    main()
