"""Log output of `python app.py`: Python's defaults, or one JSON object per line with
BRYGGAN_LOG_FORMAT=json (logging records and gevent's own error output alike). No log line holds a client
address, user agent or member text, in either format (tests/test_privacy.py)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import TextIO

from core.serving import without_addresses

LOG_FORMATS = ("text", "json")
# Loggers whose INFO lines are access logs (client address, path and query string): warnings only.
ACCESS_LOGGERS = ("geventwebsocket.handler",)


def now_iso() -> str:
    """The time of an entry, in UTC."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    """`{"time", "level", "logger", "message"}` plus `error` (the traceback) when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": now_iso(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": without_addresses(record.getMessage()),
        }
        if record.exc_info:
            entry["error"] = without_addresses(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class JsonLines:
    """A file-like stream for gevent's error log and exception output: each line it is given becomes one
    JSON entry (logger `gevent`, level `error`)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> None:
        self.pending += text
        while "\n" in self.pending:
            line, self.pending = self.pending.split("\n", 1)
            if line.strip():
                entry = {"time": now_iso(), "level": "error", "logger": "gevent", "message": line.rstrip()}
                self.stream.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.stream.flush()


def configure_logging(log_format: str, stream: TextIO) -> TextIO:
    """Set up the process's logging; returns the stream gevent's own output should go to."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"BRYGGAN_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
    if log_format == "text":
        return stream  # Python's defaults: warnings and errors on stderr, as before
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.INFO)
    for name in ACCESS_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return JsonLines(stream)
