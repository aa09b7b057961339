"""In-process profile of the hot member routes: time per request next to a bare Flask route, and cProfile.

    .venv/bin/python -m bench.profile_member                      # time every route, 2,000 calls each
    .venv/bin/python -m bench.profile_member --profile session    # and cProfile one route (top 40 by tottime)
    .venv/bin/python -m bench.profile_member --queries            # statements each route runs

No server and no network: each route is one prepared WSGI environ, called again and again, so what is left
is Bryggan's own Python (Flask, the hooks, SQLAlchemy, Jinja). The bare route is the same one
`bench/baseline_http.py` serves, called the same way, so the ratio says what the app adds per request.
CPU time (`time.process_time`), because the machine is shared: wall time would count other processes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import tempfile
import time
from collections.abc import Callable

from flask import Flask
from sqlalchemy import event
from werkzeug.test import EnvironBuilder

from bench.baseline_http import create_baseline
from bench.dataset import add_forum, add_members, prepare_database
from core.extensions import db


def wsgi_caller(app: Flask, path: str, cookie: str | None) -> Callable[[], int]:
    """A function that sends one GET to the app through WSGI and returns the status code."""
    headers = {"Cookie": cookie} if cookie else {}
    builder = EnvironBuilder(path=path, headers=headers, base_url="https://localhost/")
    environ = builder.get_environ()
    status: list[str] = []

    def start_response(code, _headers, _exc_info=None):
        status.append(code)

    def call() -> int:
        status.clear()
        body = app(dict(environ), start_response)
        for _chunk in body:
            pass
        if hasattr(body, "close"):
            body.close()
        return int(status[0].split()[0])

    return call


def seconds_per_call(call: Callable[[], int], count: int) -> float:
    """CPU seconds per call, after a warm-up."""
    for _ in range(50):
        assert call() == 200
    started = time.process_time()
    for _ in range(count):
        call()
    return (time.process_time() - started) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--profile", help="cProfile this route (session, thread, thread_json, category, ...)")
    parser.add_argument("--queries", action="store_true", help="count statements per route")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--only", nargs="+", help="time only these routes")
    parser.add_argument("--dump", help="also write the profile to this file (for pstats or snakeviz)")
    arguments = parser.parse_args()
    os.environ.setdefault("BRYGGAN_ENV", "production")
    os.environ.setdefault("BRYGGAN_RATELIMIT_ENABLED", "false")
    with tempfile.TemporaryDirectory(prefix="bryggan-profile-") as scratch:
        app = prepare_database(f"sqlite:///{scratch}/profile.sqlite3")
        thread_id = add_forum(app, 200, 20)
        reader = add_members(app, 1, prefix="lasare")[0]
        routes = {
            "session": ("/api/v1/session", reader.cookie),
            "thread": (f"/threads/{thread_id}", reader.cookie),
            "thread_json": (f"/api/v1/threads/{thread_id}", reader.cookie),
            "category": ("/forum/demens", reader.cookie),
            "article": ("/library/din-ratt-till-anhorigstod", None),
            "library_search": ("/library?q=anh%C3%B6rigst%C3%B6d", None),
        }
        bare = wsgi_caller(create_baseline(), "/", None)
        bare_seconds = seconds_per_call(bare, arguments.calls)
        print(f"{'route':<16} {'µs/call':>9} {'× bare':>7} {'statements':>10}")
        print(f"{'bare':<16} {bare_seconds * 1e6:9.0f} {1.0:7.2f}")
        for name, (path, cookie) in routes.items():
            if arguments.only and name not in arguments.only:
                continue
            call = wsgi_caller(app, path, cookie)
            statements = count_statements(app, call) if arguments.queries else ""
            per_call = seconds_per_call(call, arguments.calls)
            print(f"{name:<16} {per_call * 1e6:9.0f} {bare_seconds / per_call:7.2f} {statements:>10}")
        if arguments.profile:
            path, cookie = routes[arguments.profile]
            call = wsgi_caller(app, path, cookie)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(arguments.calls):
                call()
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("tottime").print_stats(arguments.top)
            stats.sort_stats("cumulative").print_stats(arguments.top)
            if arguments.dump:
                stats.dump_stats(arguments.dump)
            print(out.getvalue())


def count_statements(app: Flask, call: Callable[[], int]) -> int:
    """SQL statements one call runs."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return len(seen)


if __name__ == "__main__":
    main()
