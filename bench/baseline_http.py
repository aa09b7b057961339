"""The HTTP baseline: a bare Flask route returning a fixed string, served as `python app.py` serves."""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import os  # noqa: E402

from flask import Flask  # noqa: E402
from gevent import pywsgi  # noqa: E402

from core.serving import settle_long_lived_objects, websocket_handler  # noqa: E402


def create_baseline() -> Flask:
    """One route, nothing else."""
    app = Flask(__name__)

    @app.get("/")
    def hello():
        return "Hej!"

    return app


if __name__ == "__main__":
    server = pywsgi.WSGIServer(
        ("127.0.0.1", int(os.environ["BRYGGAN_PORT"])),
        create_baseline(),
        handler_class=websocket_handler(None),
        log=None,
    )
    settle_long_lived_objects()  # the same serving set-up as `python app.py`
    server.serve_forever()
