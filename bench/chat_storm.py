"""The reconnect-storm benchmark (`python -m bench.chat_bench --storm`): every member drops and reconnects at
once while senders send; time to all joined against the bare server, HTTP p99 meanwhile, messages lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.chat_runs import ROOM, bryggan_database, run_load, shutil_path, targets
from bench.harness import app_server, baseline_server, print_table
from tests.servers import PostgresServer, RedisServer


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


