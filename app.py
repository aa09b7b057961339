"""Bryggan's application factory and the `python app.py` entry point (gevent, HTTP and Socket.IO)."""

from __future__ import annotations

if __name__ == "__main__":
    # Cooperative sockets must be patched in before anything else imports them.
    from gevent import monkey

    monkey.patch_all()

import os
import signal
import sys
from collections.abc import Mapping

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from accounts.cli import users_cli
from accounts.session import configure_member_loading
from accounts.signout import register_signout_hook
from accounts.web import blueprints as accounts_blueprints
from accounts.young import forget_passed_young_until
from chat.background import (
    HEARTBEAT_INTERVAL,
    heartbeat,
    kick_this_process_stale_sockets,
    stop_chat_maintenance,
)
from chat.banding import remove_outside_bands
from chat.cli import chat_cli
from chat.erasure import erase_member_messages, export_messages
from chat.events import announce_moderator_flip, configure_chat_events
from chat.moderating import drop_former_moderators as drop_former_room_moderators
from chat.presence import members_in_chat, moderators_online
from chat.queue import connect_recovery, make_queue
from chat.reviewable import ChatMessages, tell_the_room, tell_the_room_of_a_hide, tell_the_sanctioned_member
from chat.services import purge_expired as purge_chat
from chat.web import bp as chat_blueprint
from config import load_config
from content.cli import content_cli
from content.uploads import purge_stale_uploads
from content.web import bp as content_blueprint
from core.cli import seed_command
from core.csrf import configure_csrf_reuse
from core.database import configure_database, include_in_migrations
from core.errors import configure_error_handlers as configure_error_responses
from core.extensions import csrf, db, limiter, migrate, socketio
from core.health import bp as health_blueprint
from core.i18n import configure_i18n
from core.logs import configure_logging
from core.maintenance import maintenance_cli
from core.metrics import bp as metrics_blueprint
from core.metrics import configure_metrics, register_gauge
from core.notices import register_notice_listener
from core.openapi import bp as openapi_blueprint
from core.pages import bp as pages_blueprint
from core.registry import (
    register_eraser,
    register_exporter,
    register_periodic,
    register_purger,
    register_shutdown,
)
from core.retention import purge_periodically
from core.security import configure_security_headers
from core.signals import register_signal
from core.socketbudget import SocketLimits, budget_connections
from core.socketguard import close_on_malformed_packets
from core.templating import configure_templating
from core.upkeep import seconds_since_maintenance, start_maintenance, stop_maintenance
from forum import member_data as forum_data
from forum.reading import threads_this_week
from forum.reviewable import ForumPosts, tell_about_decision
from forum.search import drop_stale_rows
from forum.web import bp as forum_blueprint
from moderation import member_data as moderation_data
from moderation.alerts import start_alert_check
from moderation.live import configure_moderation_events, drop_former_moderators, pending_count
from moderation.metrics import oldest_crisis_age_seconds
from moderation.retention import purge_expired as purge_moderation
from moderation.reviewable import register_reviewable
from moderation.rota import moderator_signal
from moderation.signals import configure_signals, decided, flagged, sanctioned
from moderation.staff_messages import forget_moderator
from moderation.staff_messages import purge_expired as purge_staff_messages
from moderation.web import bp as moderation_blueprint
from notify.live import configure_member_events, kick_stale_member_sockets, tell_counts
from notify.push import push_notices
from notify.subscriptions import erase_subscriptions, export_subscriptions, forget_browser
from notify.web import bp as notify_blueprint


def create_app(test_config: Mapping | None = None) -> Flask:
    """Build the application: config, extensions, blueprints, erasers, reviewable kinds, notice listeners,
    Socket.IO, error handlers, CLI."""
    app = Flask(__name__, instance_relative_config=True, static_folder="static", template_folder="templates")
    load_config(app, test_config)
    configure_url_converters(app)
    configure_extensions(app)
    configure_blueprints(app)
    configure_account_erasers(app)
    configure_reviewables(app)
    configure_maintenance(app)
    configure_notice_listeners(app)
    configure_metric_sources(app)
    configure_live_signals(app)
    configure_socketio(app)
    configure_error_handlers(app)
    configure_cli(app)
    return app


def configure_url_converters(app: Flask) -> None:
    """Ids in URLs fit the database's integers; anything larger is a 404, not an overflow."""
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
    app.register_blueprint(pages_blueprint)
    app.register_blueprint(health_blueprint)
    app.register_blueprint(metrics_blueprint)
    app.register_blueprint(openapi_blueprint)
    for blueprint in accounts_blueprints:
        app.register_blueprint(blueprint)
    app.register_blueprint(forum_blueprint)
    app.register_blueprint(chat_blueprint)
    app.register_blueprint(moderation_blueprint)
    app.register_blueprint(content_blueprint)
    app.register_blueprint(notify_blueprint)


def configure_account_erasers(app: Flask) -> None:
    """What each feature gives a member's data export, and does with their rows when they delete their
    account (core/registry.py; the forum's eraser first, as the posts are the member's main trace)."""
    for key, exporter in forum_data.EXPORTERS.items():
        register_exporter(app, key, exporter)
    register_exporter(app, "chat_messages", export_messages)
    register_exporter(app, "flags_made", moderation_data.flags_made)
    register_exporter(app, "staff_messages", moderation_data.staff_messages)
    register_eraser(app, forum_data.erase_member_posts)
    register_eraser(app, erase_member_messages)
    register_eraser(app, forget_moderator)
    register_eraser(app, erase_subscriptions)
    register_signout_hook(app, forget_browser)
    register_exporter(app, "push_subscriptions", export_subscriptions)


def configure_reviewables(app: Flask) -> None:
    """What moderation can act on (moderation/reviewable.py), and who hears its committed decisions
    (moderation/signals.py): chat rooms drop hidden lines at once, the forum tells a post's followers."""
    register_reviewable(app, "post", ForumPosts())
    register_reviewable(app, "chat_message", ChatMessages())
    configure_signals()
    decided.connect(tell_the_room, sender=app)
    decided.connect(tell_about_decision, sender=app)
    flagged.connect(tell_the_room_of_a_hide, sender=app)
    sanctioned.connect(tell_the_sanctioned_member, sender=app)


def configure_maintenance(app: Flask) -> None:
    """Each server process's maintenance loop (core/upkeep.py), in order, and every retention rule
    (core/retention.py), with their periods read from the config when they run."""
    config = app.config
    register_periodic(app, "chat heartbeat", heartbeat, every=HEARTBEAT_INTERVAL)
    register_periodic(app, "chat sessions", kick_this_process_stale_sockets)
    register_periodic(app, "member sessions", lambda app: kick_stale_member_sockets())
    register_periodic(app, "age bands", lambda app: remove_outside_bands())
    register_periodic(app, "former moderators", lambda app: drop_former_moderators())
    register_periodic(app, "former room moderators", lambda app: drop_former_room_moderators())
    register_periodic(app, "moderator presence", lambda app: announce_moderator_flip())
    register_periodic(app, "crisis alerts", start_alert_check, every="CRISIS_ALERT_CHECK_SECONDS")
    register_periodic(app, "retention", purge_periodically, every="CHAT_PURGE_INTERVAL_SECONDS")
    register_shutdown(app, stop_chat_maintenance)
    register_purger(app, lambda: {"chat_messages": purge_chat(config["CHAT_RETENTION_DAYS"])})
    register_purger(
        app, lambda: purge_moderation(config["FLAG_RETENTION_DAYS"], config["AUDIT_RETENTION_DAYS"])
    )
    register_purger(
        app, lambda: {"staff_messages": purge_staff_messages(config["STAFF_MESSAGE_RETENTION_DAYS"])}
    )
    register_purger(app, lambda: {"stale_search_rows": drop_stale_rows()})
    register_purger(app, lambda: {"young_until_dates": forget_passed_young_until()})
    register_purger(app, lambda: {"stale_library_uploads": purge_stale_uploads()})


def configure_notice_listeners(app: Flask) -> None:
    """Who passes on what members are told (core/notices.py): the live badge and Web Push."""
    register_notice_listener(app, tell_counts)
    register_notice_listener(app, push_notices)


def configure_metric_sources(app: Flask) -> None:
    """What each feature reports on /metrics, read at scrape time."""
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
    register_signal(app, "in_chat", members_in_chat)
    register_signal(app, "threads_this_week", threads_this_week)
    register_signal(app, "moderator", moderator_signal)


def configure_socketio(app: Flask) -> None:
    """Bind Flask-SocketIO with an explicit async mode and, for scale-out, a message queue."""
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
    configure_error_responses(app)


def configure_cli(app: Flask) -> None:
    """`flask seed`, `flask users ...`, `flask chat ...`, `flask maintenance ...`, `flask content ...`."""
    app.cli.add_command(seed_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(chat_cli)
    app.cli.add_command(maintenance_cli)
    app.cli.add_command(content_cli)


def main() -> None:
    """Serve HTTP and Socket.IO on BRYGGAN_HOST:BRYGGAN_PORT with gevent."""
    # Only the served process loads gevent and its server (imported here, after the monkey-patching above):
    # the tests and the CLI run the same factory in threading mode.
    import gevent
    from gevent import pywsgi

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
    start_maintenance(app)
    settle_long_lived_objects()
    # SIGTERM (systemd, the tests) stops the server loop so the cleanup below runs.
    gevent.signal_handler(signal.SIGTERM, lambda: server.stop(timeout=1))
    try:
        server.serve_forever()
    finally:
        stop_maintenance(app)


if __name__ == "__main__":
    main()
