"""The server's VAPID key pair (RFC 8292), which signs every push so push services know it is us.

From `BRYGGAN_VAPID_PRIVATE_KEY` (PEM, or base64url DER or raw 32 bytes, as `vapid --gen` writes) when
set; otherwise, outside production, generated once into `instance/vapid_private_key.pem` like the secret key
(config/__init__.py).
In production without the variable, push is off: several processes generating their own keys would make
every subscription fail on the other processes. Never committed (instance/ is ignored).
"""

from __future__ import annotations

import base64
import logging

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from flask import current_app
from py_vapid import Vapid

log = logging.getLogger(__name__)
CACHE_KEY = "bryggan.vapid"


def b64url(data: bytes) -> str:
    """Unpadded base64url, as the Push API uses."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def parse_private_key(value: str) -> Vapid:
    """A VAPID key from PEM or base64url text."""
    text = value.strip()
    if text.startswith("-----BEGIN"):
        return Vapid.from_pem(text.encode())
    return Vapid.from_string(private_key=text)


def server_key() -> Vapid | None:
    """This process's VAPID key, or None when push is off."""
    app = current_app._get_current_object()
    if CACHE_KEY not in app.extensions:
        configured = app.config.get("VAPID_PRIVATE_KEY")
        if not configured:
            log.warning("Web Push is off: BRYGGAN_VAPID_PRIVATE_KEY is not set")
        app.extensions[CACHE_KEY] = parse_private_key(configured) if configured else None
    return app.extensions[CACHE_KEY]


def application_server_key() -> str | None:
    """The public key browsers subscribe with (uncompressed P-256 point, base64url)."""
    key = server_key()
    if key is None:
        return None
    return b64url(key.public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint))


def subject() -> str:
    """Who push services can contact about our pushes (a mailto: or https: URL)."""
    configured = current_app.config.get("VAPID_SUBJECT") or current_app.config.get("PUBLIC_URL")
    return configured or "mailto:push@bryggan.invalid"
