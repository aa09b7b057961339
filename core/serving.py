"""Serving with gevent: pywsgi with gevent-websocket, checking a WebSocket's Origin before the upgrade,
sockets without Nagle's delay, a garbage collector that does not stop the process for long, and logs that
never hold a client's address.

Engine.IO checks the Origin of every request itself, but with gevent-websocket the upgrade (101) happens
before the application runs; refusing a cross-site handshake here means it never opens at all.

gevent writes client addresses in three places: a malformed request ("(from ('127.0.0.1', 46576)) Invalid
HTTP method: …", the handler's `log_error`), an error escaping the application (the request's environ,
`AddresslessEnviron`) and a connection's greenlet dying (its arguments, through the hub). The handler says
only what kind of request it refused, and the server's error log and the hub's exception stream pass through
`AddresslessLog`, which removes any address that still gets there.
"""

from __future__ import annotations

import gc
import logging
import re
import socket
from collections.abc import Iterable
from contextlib import suppress

from gevent.pywsgi import WSGISecureEnviron
from geventwebsocket.handler import WebSocketHandler

log = logging.getLogger(__name__)


def settle_long_lived_objects() -> None:
    """Move everything built at start-up (modules, the app, templates, mappers) out of the collector's view.

    A full (generation 2) collection walks every tracked object: with the app loaded, some 146,000 and
    70–95 ms, during which one gevent process answers no request and delivers no chat message. Frozen
    objects are never walked again, so those collections take a few milliseconds. Nothing is leaked:
    what is frozen lives as long as the process anyway.
    """
    gc.collect()
    gc.freeze()


# A client address as gevent and Python print it: ('127.0.0.1', 46576), ('::1', 46576, 0, 0), 127.0.0.1:46576,
# [::1]:46576, or a bare IPv4 address.
ADDRESS = re.compile(
    r"\(\s*'[^']*'\s*,\s*\d+(?:\s*,\s*\d+)*\s*\)"
    r"|\[[0-9A-Fa-f:.%]+\](?::\d+)?"
    r"|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b"
)
# Where gevent's description of a malformed request turns to what the client sent.
CLIENT_TEXT = re.compile(r"[:;'\"(\[]")


def without_addresses(text: str) -> str:
    """The text with every client address replaced by a placeholder."""
    return ADDRESS.sub("<address>", text)


class AddresslessLog:
    """A file-like log for gevent (the server's error log, the hub's exception stream) that writes to
    another stream with every client address removed."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(without_addresses(text))

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.stream.flush()


def refused_request_kind(message: str) -> str:
    """What kind of malformed request gevent refused ("Invalid HTTP method"), without the client's text."""
    return CLIENT_TEXT.split(message, maxsplit=1)[0].strip()[:80] or "unreadable request"


class AddresslessEnviron(WSGISecureEnviron):
    """How gevent prints a request when an error escapes the application: without the client's address
    and port, which gevent shows by default and which must never reach a log."""

    default_whitelist_keys = ("REQUEST_METHOD", "PATH_INFO")
    default_print_masked_keys = False


def own_origins(environ: dict) -> list[str]:
    """The site's own origin as this request reached us (and as the proxy says, when there is one)."""
    origins = [f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"]
    if "HTTP_X_FORWARDED_PROTO" in environ or "HTTP_X_FORWARDED_HOST" in environ:
        scheme = environ.get("HTTP_X_FORWARDED_PROTO", environ.get("wsgi.url_scheme", "http")).split(",")[0]
        host = environ.get("HTTP_X_FORWARDED_HOST", environ.get("HTTP_HOST", "")).split(",")[0]
        origins.append(f"{scheme.strip()}://{host.strip()}")
    return origins


def origin_allowed(environ: dict, allowed: Iterable[str] | str | None) -> bool:
    """The same rule as Engine.IO: no Origin (not a browser) passes; None means the site's own origin."""
    origin = environ.get("HTTP_ORIGIN")
    if not origin or allowed == "*":
        return True
    candidates = (
        own_origins(environ) if allowed is None else [allowed] if isinstance(allowed, str) else allowed
    )
    return origin in candidates


def websocket_handler(allowed_origins: Iterable[str] | str | None) -> type[WebSocketHandler]:
    """A gevent-websocket handler class that refuses cross-site upgrades with 403."""

    class OriginCheckingWebSocketHandler(WebSocketHandler):
        def handle(self):
            # pywsgi writes headers and body in separate sends; with Nagle's algorithm on, a keep-alive
            # client's delayed ACK then holds every response back by about 40 ms.
            with suppress(OSError):
                self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return super().handle()

        def log_error(self, msg, *args):
            # gevent calls this for malformed requests only, with the client's address and what it sent.
            what = refused_request_kind(str(args[-1]) if args else msg)
            log.warning("refused a malformed HTTP request (%s)", what)

        def upgrade_websocket(self):
            wants_upgrade = self.environ.get("HTTP_UPGRADE", "").lower() == "websocket"
            if wants_upgrade and not origin_allowed(self.environ, allowed_origins):
                self.start_response("403 Forbidden", [("Content-Type", "text/plain")])
                return [b"Not an accepted origin."]
            return super().upgrade_websocket()

    return OriginCheckingWebSocketHandler
