"""Bryggan's application factory and the `python app.py` entry point (gevent, HTTP and Socket.IO)."""

from __future__ import annotations

if __name__ == "__main__":
    # Cooperative sockets must be patched in before anything else imports them.
    from gevent import monkey

    monkey.patch_all()

import os
from collections.abc import Mapping

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import load_config


def create_app(test_config: Mapping | None = None) -> Flask:
    """Build the application: config, extensions, blueprints, erasers, notice listeners, Socket.IO, error
    handlers, CLI."""
    app = Flask(__name__, instance_relative_config=True, static_folder="static", template_folder="templates")
    load_config(app, test_config)
    configure_url_converters(app)
    configure_extensions(app)
    configure_blueprints(app)
    configure_account_erasers(app)
    configure_notice_listeners(app)
    configure_metric_sources(app)
    configure_live_signals(app)
    configure_socketio(app)
    configure_error_handlers(app)
    configure_cli(app)
    return app


def configure_url_converters(app: Flask) -> None:
    """Ids in URLs fit the database's integers; anything larger is a 404, not an overflow."""
    from werkzeug.routing import IntegerConverter

    class DatabaseIdConverter(IntegerConverter):
        # An id too large for the database becomes -1, which names no row, so the view answers its own
        # 404. Refusing it in the converter instead would make Werkzeug answer 405 for a method that
        # another rule of the same path allows.
        regex = r"[0-9]{1,30}"  # ASCII digits only: \d would also take Arabic-Indic and full-width ones
        largest = 2**31 - 1

        def to_python(self, value: str) -> int:
            number = int(value)
            return number if number <= self.largest else -1

    app.url_map.converters["int"] = DatabaseIdConverter


def configure_extensions(app: Flask) -> None:
    """Bind every extension and the request hooks they bring."""
    from accounts.session import configure_member_loading
    from core.csrf import configure_csrf_reuse
    from core.database import configure_database, include_in_migrations
    from core.extensions import csrf, db, limiter, migrate
    from core.i18n import configure_i18n
    from core.metrics import configure_metrics
    from core.security import configure_security_headers
    from core.templating import configure_templating

    if app.config["PROXY_FIX_X_FOR"] or app.config["PROXY_FIX_X_PROTO"]:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"], x_proto=app.config["PROXY_FIX_X_PROTO"]
        )
    configure_database(app)
    # First, so its timer starts before every other hook and its count ends after them.
    configure_metrics(app)
    # Batch mode lets later migrations alter SQLite tables, which SQLite's ALTER TABLE cannot do in place.
    migrate.init_app(
        app,
        db,
        directory=os.path.join(app.root_path, app.config["MIGRATIONS_DIRECTORY"]),
        render_as_batch=True,
        compare_type=True,
        include_object=include_in_migrations,
    )
    csrf.init_app(app)
    configure_csrf_reuse(app)
    # Before the limiter, whose per-member limits need to know the member.
    configure_member_loading(app)
    limiter.init_app(app)
    configure_i18n(app)
    configure_security_headers(app)
    configure_templating(app)


def configure_blueprints(app: Flask) -> None:
    """Mount every feature."""
    from accounts.web import blueprints as accounts
    from chat import bp as chat
    from content import bp as content
    from core.health import bp as health
    from core.metrics import bp as metrics
    from core.openapi import bp as openapi
    from core.pages import bp as pages
    from forum import bp as forum
    from moderation import bp as moderation
    from notify import bp as notify

    app.register_blueprint(pages)
    app.register_blueprint(health)
    app.register_blueprint(metrics)
    app.register_blueprint(openapi)
    for blueprint in accounts:
        app.register_blueprint(blueprint)
    app.register_blueprint(forum)
    app.register_blueprint(chat)
    app.register_blueprint(moderation)
    app.register_blueprint(content)
    app.register_blueprint(notify)


def configure_account_erasers(app: Flask) -> None:
    """What each feature does with a member's rows when they delete their account."""
    from accounts.deletion import register_eraser
    from accounts.export import register_exporter
    from accounts.signout import register_signout_hook
    from chat.erasure import erase_member_messages
    from moderation.staff_messages import forget_moderator
    from notify.subscriptions import erase_subscriptions, export_subscriptions, forget_browser

    register_eraser(app, erase_member_messages)
    register_eraser(app, forget_moderator)
    register_eraser(app, erase_subscriptions)
    register_signout_hook(app, forget_browser)
    register_exporter(app, "push_subscriptions", export_subscriptions)


def configure_notice_listeners(app: Flask) -> None:
    """Who passes on what members are told (core/notices.py): the live badge and Web Push."""
    from core.notices import register_notice_listener
    from notify.live import tell_counts
    from notify.push import push_notices

    register_notice_listener(app, tell_counts)
    register_notice_listener(app, push_notices)


def configure_metric_sources(app: Flask) -> None:
    """What each feature reports on /metrics, read at scrape time."""
    from chat.background import seconds_since_maintenance
    from chat.presence import moderators_online
    from core.metrics import register_gauge
    from moderation.live import pending_count
    from moderation.metrics import oldest_crisis_age_seconds

    gauges = {
        "bryggan_review_queue_pending": ("Review items waiting for a decision", pending_count),
        "bryggan_oldest_crisis_age_seconds": (
            "How long the oldest undecided crisis item has waited (0: none waits)",
            oldest_crisis_age_seconds,
        ),
        "bryggan_moderators_on_duty": ("Moderators and admins with the chat open", moderators_online),
        "bryggan_maintenance_last_round_age_seconds": (
            "Seconds since this process's maintenance loop last finished a round cleanly (NaN: none yet)",
            lambda: seconds_since_maintenance(app),
        ),
    }
    for name, (documentation, read) in gauges.items():
        register_gauge(app, name, documentation, read)


def configure_live_signals(app: Flask) -> None:
    """What the home page tells visitors: counts and times from each feature, nothing anyone wrote."""
    from chat.presence import members_in_chat
    from core.signals import register_signal
    from forum.reading import threads_this_week
    from moderation.rota import moderator_signal

    register_signal(app, "in_chat", members_in_chat)
    register_signal(app, "threads_this_week", threads_this_week)
    register_signal(app, "moderator", moderator_signal)


def configure_socketio(app: Flask) -> None:
    """Bind Flask-SocketIO with an explicit async mode and, for scale-out, a message queue."""
    from chat.events import configure_chat_events
    from chat.queue import connect_recovery, make_queue
    from core.extensions import socketio
    from core.socketbudget import SocketLimits, budget_connections
    from core.socketguard import close_on_malformed_packets
    from moderation.live import configure_moderation_events
    from notify.live import configure_member_events

    configure_chat_events()
    configure_moderation_events()
    configure_member_events()
    url = app.config["MESSAGE_QUEUE"]
    queue = make_queue(url)
    options = {"client_manager": queue} if queue is not None else {"message_queue": url}
    socketio.init_app(
        app,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],
        **options,
        # None means "only the site's own origin" to python-engineio; an empty list would turn the check off.
        cors_allowed_origins=app.config["SOCKETIO_ALLOWED_ORIGINS"],
        max_http_buffer_size=app.config["SOCKETIO_MAX_HTTP_BUFFER_SIZE"],
    )
    close_on_malformed_packets(socketio.server)
    budget_connections(socketio.server, SocketLimits.from_config(app.config))
    connect_recovery(app)


def configure_error_handlers(app: Flask) -> None:
    """One mapping from errors to JSON and pages."""
    from core.errors import configure_error_handlers as register

    register(app)


def configure_cli(app: Flask) -> None:
    """`flask seed`, `flask users ...`, `flask chat ...`, `flask maintenance ...`, `flask content ...`."""
    from accounts.cli import users_cli
    from chat.cli import chat_cli
    from content.cli import content_cli
    from core.cli import seed_command
    from core.maintenance import maintenance_cli

    app.cli.add_command(seed_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(chat_cli)
    app.cli.add_command(maintenance_cli)
    app.cli.add_command(content_cli)


def main() -> None:
    """Serve HTTP and Socket.IO on BRYGGAN_HOST:BRYGGAN_PORT with gevent."""
    import signal
    import sys

    import gevent
    from gevent import pywsgi

    from chat.background import start_chat_maintenance, stop_chat_maintenance
    from core.logs import configure_logging
    from core.serving import AddresslessEnviron, AddresslessLog, settle_long_lived_objects, websocket_handler

    app = create_app()
    errors = configure_logging(app.config["LOG_FORMAT"], sys.stderr)
    server = pywsgi.WSGIServer(
        (app.config["HOST"], app.config["PORT"]),
        app,
        handler_class=websocket_handler(app.config["SOCKETIO_ALLOWED_ORIGINS"]),
        log=None,  # no access log: it would hold client addresses
        error_log=AddresslessLog(errors),
    )
    server.secure_environ_class = AddresslessEnviron
    # A connection's greenlet that dies is printed with its arguments, the client's address among them.
    gevent.get_hub().exception_stream = AddresslessLog(errors)
    start_chat_maintenance(app)
    settle_long_lived_objects()
    # SIGTERM (systemd, the tests) stops the server loop so the cleanup below runs.
    gevent.signal_handler(signal.SIGTERM, lambda: server.stop(timeout=1))
    try:
        server.serve_forever()
    finally:
        stop_chat_maintenance(app)


if __name__ == "__main__":
    main()
