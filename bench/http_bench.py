"""HTTP benchmark: throughput and p50/p99 latency of Bryggan's pages next to a bare Flask route.

    .venv/bin/python -m bench.http_bench            # 10,000 threads, 200,000 posts, 10 s per run
    .venv/bin/python -m bench.http_bench --smoke    # a tiny data set and 1 s runs: checks the script works

Both servers run `python app.py`'s stack (gevent pywsgi with gevent-websocket, production mode) on loopback;
the load comes from wrk (Debian's package) in its own process. Each route is reported as a ratio of the
baseline measured at the same concurrency in the same run (the mean of a baseline run before and after).
"""

from __future__ import annotations

import argparse
import re
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import requests

from bench.dataset import add_forum, add_members, prepare_database
from bench.harness import app_server, baseline_server, print_table

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
ERRORS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
SIGNUP_SCRIPT = Path(__file__).with_name("signup.lua")


@dataclass
class Result:
    """One wrk run."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def run_wrk(
    url: str, connections: int, seconds: float, headers: dict[str, str], script: Path | None = None
) -> Result:
    """Run wrk against one URL and read its summary."""
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    tail = []
    if script is not None:
        command += ["-s", str(script)]
        tail = ["--", secrets.token_hex(4)]  # the script's run tag
    output = subprocess.run([*command, url, *tail], capture_output=True, text=True, check=True).stdout
    latencies = {percent: float(value) * UNITS[unit] for percent, value, unit in LATENCY.findall(output)}
    errors = sum(int(count) for count in ERRORS.findall(output))
    socket_errors = SOCKET_ERRORS.search(output)
    if socket_errors:
        errors += sum(int(count) for count in socket_errors.groups())
    return Result(float(RATE.search(output).group(1)), latencies["50"], latencies["99"], errors)


def csrf_session(base_url: str) -> dict[str, str]:
    """A session cookie and its CSRF token, for POSTs (the Secure cookie is read from the header by hand)."""
    response = requests.get(base_url + "/api/v1/session", timeout=10)
    cookie = response.headers["Set-Cookie"].split(";")[0]
    return {
        "Cookie": cookie,
        "X-CSRF-Token": response.json()["csrf_token"],
        "Content-Type": "application/json",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny data, 1 s runs, one concurrency")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    threads, posts_per_thread = (100, 20) if arguments.smoke else (10_000, 20)
    seconds = 1.0 if arguments.smoke else arguments.seconds
    levels = [8] if arguments.smoke else arguments.concurrency

    with tempfile.TemporaryDirectory(prefix="bryggan-bench-") as scratch:
        database_url = f"sqlite:///{scratch}/bench.sqlite3"
        app = prepare_database(database_url)
        thread_id = add_forum(app, threads, posts_per_thread)
        reader = add_members(app, 1, prefix="lasare")[0]
        print(f"data: {threads:,} threads, {threads * posts_per_thread:,} posts; reading thread {thread_id}")
        member = {"Cookie": reader.cookie}
        routes = [
            # The cheapest answer to a signed-in member (session check, member row, CSRF token): what even
            # a perfect page cache would still cost, so the floor for every member page below.
            ("session (JSON, member)", "/api/v1/session", member, None),
            ("thread page (HTML)", f"/threads/{thread_id}", member, None),
            ("thread (JSON)", f"/api/v1/threads/{thread_id}", member, None),
            ("category page (HTML)", "/forum/demens", member, None),
            ("library article (public)", "/library/din-ratt-till-anhorigstod", {}, None),
            ("library search (HTML)", "/library?q=" + quote("anhörigstöd"), {}, None),
            ("signup (JSON, argon2id)", "/api/v1/signup", None, SIGNUP_SCRIPT),
        ]
        rows = []
        with baseline_server("bench.baseline_http") as baseline, app_server(database_url) as bryggan:
            for _route, path, headers, _script in routes:  # every route answers before anything is measured
                if headers is not None:
                    response = requests.get(bryggan.url + path, headers=headers, timeout=30)
                    assert response.status_code == 200, (path, response.status_code)
            signup_headers = csrf_session(bryggan.url)
            for connections in levels:
                before = run_wrk(baseline.url + "/", connections, seconds, {})
                results = []
                for route, path, headers, script in routes:
                    if script is not None:
                        headers = {**signup_headers}
                    results.append(
                        (route, run_wrk(bryggan.url + path, connections, seconds, headers, script))
                    )
                after = run_wrk(baseline.url + "/", connections, seconds, {})
                base_rate = (before.requests_per_second + after.requests_per_second) / 2
                rows.append(
                    [
                        "bare Flask route (baseline)",
                        connections,
                        base_rate,
                        before.p50_ms,
                        before.p99_ms,
                        1.0,
                        before.errors + after.errors,
                    ]
                )
                for route, result in results:
                    rows.append(
                        [
                            route,
                            connections,
                            result.requests_per_second,
                            result.p50_ms,
                            result.p99_ms,
                            result.requests_per_second / base_rate,
                            result.errors,
                        ]
                    )
        print_table(
            f"HTTP, {seconds:g} s per run (wrk, loopback, gevent, production mode, SQLite)",
            ["route", "concurrency", "requests/s", "p50 ms", "p99 ms", "× baseline", "errors"],
            rows,
        )


if __name__ == "__main__":
    main()
