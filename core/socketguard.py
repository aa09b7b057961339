"""Socket.IO packets that cannot be decoded end their connection quietly.

python-socketio raises from its packet decoder on a malformed frame, and Engine.IO logs a full traceback
for each one: a client sending garbage would fill the log and keep its connection. Here such a frame
closes that one connection, as the reference JavaScript server does, with one line in the log. Members on
other connections never notice. Errors from our own event handlers never get this far: every handler
answers through `chat.events.acked` or the moderation namespace's own guard.
"""

from __future__ import annotations

import logging

import socketio

log = logging.getLogger(__name__)

# What socketio.packet raises on a frame that is not a Socket.IO packet (bad type digit, broken JSON,
# unexpected binary attachments, a namespace that is not text).
MALFORMED = (ValueError, TypeError, KeyError, IndexError, AttributeError, UnicodeDecodeError)


def close_on_malformed_packets(server: socketio.Server) -> None:
    """Put a guard around the server's Engine.IO message handler."""
    handle = server._handle_eio_message

    def guarded(eio_sid: str, data) -> None:
        try:
            handle(eio_sid, data)
        except MALFORMED as error:
            log.warning("malformed Socket.IO packet (%s); closing that connection", error.__class__.__name__)
            server._binary_packet.pop(eio_sid, None)
            server.eio.disconnect(eio_sid)

    server.eio.on("message", guarded)
