"""Socket.IO frames that cannot be decoded end their connection quietly.

python-socketio raises from its packet decoder on a malformed frame, and Engine.IO logs a full traceback
for each one: a client sending garbage would fill the log and keep its connection. Here the decoding (and
the library's own checks on the decoded packet) is watched: such a frame closes that one connection, as the
reference JavaScript server does, with one line in the log. Members on other connections never notice.
Anything else that goes wrong while dispatching, such as a bug in a connect handler, still surfaces with its
traceback; our event handlers answer every outcome through `chat.events.acked`.
"""

from __future__ import annotations

import logging

import socketio
from socketio import packet

log = logging.getLogger(__name__)

# What decoding a frame that is not a Socket.IO packet raises: a bad type digit, broken or too deeply
# nested JSON, a namespace or placeholder of the wrong type, attachments that do not fit.
DECODING_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)
# The library's own refusals of a decoded packet, raised from its message handler.
REFUSED_PACKETS = ("Unexpected binary packet", "Unexpected CONNECT_ERROR packet.", "Unknown packet type.")


class MalformedPacket(Exception):
    """The client sent a frame that is not a valid Socket.IO packet."""


class CheckedPacket(packet.Packet):
    """A packet whose decoding failures are MalformedPacket, whatever the decoder raised."""

    def __init__(self, *args, encoded_packet=None, **kwargs):
        if encoded_packet is None:  # a packet we are about to send: nothing to check
            super().__init__(*args, **kwargs)
            return
        try:
            super().__init__(*args, encoded_packet=encoded_packet, **kwargs)
        except DECODING_ERRORS as error:
            raise MalformedPacket(error.__class__.__name__) from error
        if not self.well_formed():
            raise MalformedPacket("shape")

    def well_formed(self) -> bool:
        """What the server's dispatch takes for granted: an event is a list starting with its name, an
        acknowledgement a list."""
        if self.packet_type in (packet.EVENT, packet.BINARY_EVENT):
            return isinstance(self.data, list) and bool(self.data) and isinstance(self.data[0], str)
        if self.packet_type in (packet.ACK, packet.BINARY_ACK):
            return isinstance(self.data, list)
        return True

    def add_attachment(self, attachment):
        try:
            return super().add_attachment(attachment)
        except DECODING_ERRORS as error:
            raise MalformedPacket(error.__class__.__name__) from error


def close_on_malformed_packets(server: socketio.Server) -> None:
    """Decode with CheckedPacket and close the connection of any client whose frame does not decode."""
    server.packet_class = CheckedPacket
    handle = server._handle_eio_message

    def guarded(eio_sid: str, data) -> None:
        try:
            handle(eio_sid, data)
        except MalformedPacket as error:
            refuse(eio_sid, str(error))
        except ValueError as error:
            if str(error) not in REFUSED_PACKETS:
                raise
            refuse(eio_sid, str(error))

    def refuse(eio_sid: str, why: str) -> None:
        log.warning("malformed Socket.IO packet (%s); closing that connection", why)
        server._binary_packet.pop(eio_sid, None)
        server.eio.disconnect(eio_sid)

    server.eio.on("message", guarded)
