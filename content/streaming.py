"""Reading an upload's body in pieces, never whole: a raw PUT body, or the file part of a multipart form
decoded as it arrives (Werkzeug's own form parsing would spool the file first). Also the request-side checks
an upload needs: the editor, the CSRF token, and whether the session still stands when the bytes are in."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from flask import request, session
from flask_wtf.csrf import CSRFError, validate_csrf
from werkzeug.exceptions import ClientDisconnected
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from accounts.models import User
from accounts.session import require_member, session_account
from content.access import can_edit_library
from core.database import utcnow
from core.exceptions import BadRequest, Forbidden
from core.extensions import db

READ_PIECE = 64 * 1024
# Room for the form's other fields and part headers around the file.
FORM_OVERHEAD = 64 * 1024
MAX_FIELD_BYTES = 4096


def require_editor() -> User:
    """The signed-in editor (or admin): 401 for strangers, 403 for other members."""
    user = require_member()
    if not can_edit_library(user):
        raise Forbidden()
    return user


def session_check(user: User) -> Callable[[], bool]:
    """A check, run once the bytes are in, that the uploader is still signed in on this session, still an
    editor and not suspended: an upload whose session ended meanwhile is discarded."""
    user_id = user.id
    data = dict(session)

    def stands() -> bool:
        current = db.session.get(User, user_id, populate_existing=True)
        return (
            current is not None
            and session_account(data) is current
            and can_edit_library(current)
            and not current.is_suspended(utcnow())
        )

    return stands


def allow_body(limit: int) -> None:
    """Raise Flask's request-body limit for this request only (MAX_CONTENT_LENGTH stays for the rest)."""
    request.max_content_length = limit


def raw_pieces() -> Iterator[bytes]:
    """A PUT body in pieces of at most READ_PIECE bytes."""
    stream = request.stream
    while True:
        try:
            piece = stream.read(READ_PIECE)
        except ClientDisconnected:
            raise BadRequest("upload_interrupted") from None
        if not piece:
            return
        yield piece


class MultipartUpload:
    """One file from a multipart form, decoded while it arrives. The fields before the file (the CSRF
    token) are read first; `pieces()` then yields the file's bytes."""

    def __init__(self) -> None:
        boundary = request.mimetype_params.get("boundary", "")
        if request.mimetype != "multipart/form-data" or not boundary:
            raise BadRequest("bad_request")
        # The decoder's buffer never holds more than one piece read plus what it has not yet handed out;
        # this bound (not MAX_FIELD_BYTES, which read_fields applies) stops a form with no boundaries.
        self.decoder = MultipartDecoder(
            boundary.encode("latin-1"), max_form_memory_size=4 * READ_PIECE, max_parts=20
        )
        self.stream = request.stream
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        self.events = self.read_events()
        self.read_fields()

    def read_events(self):
        """The decoder's events, feeding it the stream as it asks for data."""
        while True:
            try:
                event = self.decoder.next_event()
            except ValueError:  # a truncated or malformed form
                raise BadRequest("upload_interrupted") from None
            if isinstance(event, NeedData):
                try:
                    piece = self.stream.read(READ_PIECE)
                except ClientDisconnected:
                    raise BadRequest("upload_interrupted") from None
                self.decoder.receive_data(piece or None)
                continue
            yield event
            if isinstance(event, Epilogue):
                return

    def read_fields(self) -> None:
        """Read the small fields up to the file part called `file`."""
        current: str | None = None
        value = bytearray()
        for event in self.events:
            if isinstance(event, File):
                if event.name == "file":
                    self.filename = event.filename
                    return
                current = None
            elif isinstance(event, Field):
                current, value = event.name, bytearray()
            elif isinstance(event, Data) and current is not None:
                value += event.data
                if len(value) > MAX_FIELD_BYTES:
                    raise BadRequest("bad_request")
                if not event.more_data:
                    self.fields[current] = value.decode("utf-8", "replace")
                    current = None
        raise BadRequest("no_file")

    def check_csrf(self) -> None:
        """The form's CSRF token, as CSRFProtect would have checked it (400 csrf_failed)."""
        try:
            validate_csrf(self.fields.get("csrf_token"))
        except Exception as error:  # ValidationError with the reason
            raise CSRFError(str(error)) from None

    def pieces(self) -> Iterator[bytes]:
        """The file's bytes as they arrive; the rest of the form is read and ignored."""
        for event in self.events:
            if isinstance(event, Data):
                if event.data:
                    yield event.data
                if not event.more_data:
                    break
        for _event in self.events:
            pass
