"""Prometheus metrics on `GET /metrics`, per process, for configured addresses or a bearer token only.

Each `python app.py` process keeps its own registry and answers for itself on its own port: Prometheus
scrapes every process (one target per port; docs/OPERATIONS.md), so no shared multiprocess directory is
needed and a dead process simply stops answering. Figures read from the database at scrape time (the review
queue, moderators on duty) are the same in every process: take `max()` over the processes. Features add
their own figures at app creation (`register_gauge`, `count`), so core knows no feature.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Callable

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from core.extensions import db, socketio

bp = Blueprint("metrics", __name__)
KEY = "bryggan.metrics"


class Metrics:
    """One process's registry and the metrics every feature may use."""
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "bryggan_http_requests", "HTTP requests by route, method and status class",
            ["route", "method", "status"], registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "bryggan_http_request_duration_seconds", "Time to answer an HTTP request, by route",
            ["route"], registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )  # fmt: skip
        self.counters: dict[str, Counter] = {}
        # The labelled children of the request metrics, found once per route, method and status class:
        # `labels()` takes a lock and builds its key on every call.
        self.request_children: dict[tuple[str, str, int], tuple] = {}

    def children(self, route: str, method: str, status_class: int) -> tuple:
        """The request counter and latency histogram for this route, method and status class."""
        key = (route, method, status_class)
        found = self.request_children.get(key)
        if found is None:
            found = self.request_children[key] = (
                self.requests.labels(route, method, f"{status_class}xx"),
                self.latency.labels(route),
            )
        return found

    def gauge(self, name: str, documentation: str, read: Callable[[], float]) -> None:
        """A gauge whose value is read at scrape time; a failing read reports NaN rather than a 500."""

        def safe_read() -> float:
            try:
                return float(read())
            except Exception:  # the database may be away: the scrape itself must still answer
                return float("nan")

        Gauge(name, documentation, registry=self.registry).set_function(safe_read)

    def counter(self, name: str, documentation: str, labels: list[str]) -> Counter:
        """A counter that features increment (e.g. chat messages per room)."""
        if name not in self.counters:
            self.counters[name] = Counter(name, documentation, labels, registry=self.registry)
        return self.counters[name]


def metrics_of(app: Flask) -> Metrics:
    """The app's metrics."""
    return app.extensions[KEY]


def register_gauge(app: Flask, name: str, documentation: str, read: Callable[[], float]) -> None:
    """Report `read()` (called inside an app context at scrape time) as a gauge."""
    def in_context() -> float:
        with app.app_context():
            return read()

    metrics_of(app).gauge(name, documentation, in_context)


def count(name: str, documentation: str, **labels: str) -> None:
    """Add one to a labelled counter of the current app (created on first use)."""
    metrics = current_app.extensions.get(KEY)
    if metrics is not None:
        metrics.counter(name, documentation, sorted(labels)).labels(**labels).inc()


def start_timer() -> None:
    """Note when the request began."""
    g.metrics_started = time.perf_counter()


def record_request(response: Response) -> Response:
    """Count the request under its route pattern (never the concrete URL: ids and searches stay out)."""
    started = g.pop("metrics_started", None)
    if started is not None:
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"
        counted, timed = metrics_of(current_app).children(route, request.method, response.status_code // 100)
        counted.inc()
        timed.observe(time.perf_counter() - started)
    return response


def allowed_networks(setting: str) -> list:
    """`METRICS_ALLOW`: addresses or networks, separated by commas or spaces."""
    return [ipaddress.ip_network(part, strict=False) for part in setting.replace(",", " ").split()]


def scrape_allowed() -> bool:
    """From an allowed address, or with `Authorization: Bearer <METRICS_TOKEN>`."""
    token = current_app.config["METRICS_TOKEN"]
    offered = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    return any(address in network for network in allowed_networks(current_app.config["METRICS_ALLOW"]))


@bp.get("/metrics")
def metrics():
    """Prometheus text format; 403 for anyone else."""
    if not scrape_allowed():
        abort(403)
    return Response(generate_latest(metrics_of(current_app).registry), content_type=CONTENT_TYPE_LATEST)


def configure_metrics(app: Flask) -> None:
    """Create the registry, time every request, and report what core itself knows."""
    metrics = Metrics()
    app.extensions[KEY] = metrics
    allowed_networks(app.config["METRICS_ALLOW"])  # a typo fails at start-up, not at the first scrape
    app.before_request(start_timer)
    app.after_request(record_request)

    def open_sockets() -> int:
        server = getattr(socketio, "server", None)
        return len(server.eio.sockets) if server is not None else 0

    def pool_in_use() -> int:
        with app.app_context():
            pool = db.engine.pool
            return pool.checkedout() if hasattr(pool, "checkedout") else 0

    metrics.gauge("bryggan_open_sockets", "Engine.IO connections open in this process", open_sockets)
    metrics.gauge("bryggan_db_pool_in_use", "Database connections checked out of this process's pool",
                  pool_in_use)  # fmt: skip
