"""Domain exceptions of the library's uploads: unusable, too large or required files. Each is
worded by the caller for the request (`text`), with its numbers; no Flask import.
"""

from __future__ import annotations

from core.exceptions import DomainError


class InvalidMedia(DomainError):
    """An uploaded film file cannot be used (its bytes are not what its place needs); `text` says why, in the
    request's language, next to the field."""

    code = "invalid_media"
    status = 422

    def __init__(self, field: str, text: str) -> None:
        super().__init__("invalid_media", field=field, text=text)


class UploadTooLarge(DomainError):
    """An upload over its limit, refused from its Content-Length or as soon as it passes the limit."""

    code = "upload_too_large"
    status = 413

    def __init__(self, field: str, text: str, max_bytes: int) -> None:
        super().__init__("upload_too_large", field=field, text=text, max_bytes=max_bytes)


class RequiredFile(DomainError):
    """A film's video or Swedish captions cannot be removed, only replaced."""

    code = "required_file"
    status = 409

    def __init__(self, field: str, text: str) -> None:
        super().__init__("required_file", field=field, text=text)
