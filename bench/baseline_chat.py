"""The chat baseline: a bare Flask-SocketIO server on gevent that only joins rooms and broadcasts.

No accounts, database, validation or moderation: what is left is the cost of Socket.IO fan-out on the same
server stack as `python app.py`. Same events and payload shape as Bryggan's `/chat` namespace.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import itertools  # noqa: E402
import os  # noqa: E402
from collections import deque  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402
from gevent import pywsgi  # noqa: E402

from core.serving import settle_long_lived_objects, websocket_handler  # noqa: E402

NAMESPACE = "/chat"


def create_baseline() -> tuple[Flask, SocketIO]:
    """join → join_room; send → one emit to the room."""
    app = Flask(__name__)
    socketio = SocketIO(app, async_mode="gevent", cors_allowed_origins=None)
    ids = itertools.count(1)
    # Recent messages in memory, so a reconnect with since_id gets what it missed (the storm benchmark
    # checks that nothing is lost, on this server too).
    recent: deque[dict] = deque(maxlen=2000)

    @app.get("/")
    def ready():
        return "ok"

    @socketio.on("join", namespace=NAMESPACE)
    def join(data):
        join_room(f"room:{data['room']}")
        since = data.get("since_id")
        shown = [m for m in recent if m["room"] == data["room"] and (since is None or m["id"] > since)]
        return {"ok": True, "history": shown if since is not None else shown[-50:], "online": 0}

    @socketio.on("send", namespace=NAMESPACE)
    def send(data):
        message = {
            "id": next(ids),
            "room": data["room"],
            "author": {"pseudonym": "Bänkgäst"},
            "body_html": f"<p>{data['body']}</p>",
            "created_at": datetime.now(UTC).isoformat(),
        }
        recent.append(message)
        socketio.emit("message", message, to=f"room:{data['room']}", namespace=NAMESPACE)
        return {"ok": True, "message": message}

    return app, socketio


if __name__ == "__main__":
    app, _ = create_baseline()
    server = pywsgi.WSGIServer(
        ("127.0.0.1", int(os.environ["BRYGGAN_PORT"])), app, handler_class=websocket_handler(None), log=None
    )
    settle_long_lived_objects()  # the same serving set-up as `python app.py`
    server.serve_forever()
