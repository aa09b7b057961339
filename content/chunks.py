"""Media bytes as numbered chunks: written a chunk at a time, read back a slice at a time.

A file of N bytes is rows (media_id, 0..⌈N/CHUNK_SIZE⌉-1) in `library_media_chunks`, every chunk CHUNK_SIZE
bytes except the last. Reading position p means chunk p // CHUNK_SIZE at offset p % CHUNK_SIZE, so a Range
request touches only the rows it covers, and takes just its slice of them (`substr`), on SQLite and
PostgreSQL alike. Nothing here holds more than one chunk in memory.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from content.models import LibraryMediaChunk

CHUNK_SIZE = 256 * 1024

chunks = LibraryMediaChunk.__table__


def write_bytes(connection: Connection, media_id: int, data: bytes) -> None:
    """Store a whole (small, already in memory) file as chunks, replacing any it had: the folder import."""
    connection.execute(delete(chunks).where(chunks.c.media_id == media_id))
    rows = [
        {"media_id": media_id, "seq": seq, "data": data[offset : offset + CHUNK_SIZE]}
        for seq, offset in enumerate(range(0, len(data), CHUNK_SIZE))
    ]
    if rows:
        connection.execute(insert(chunks), rows)


class ChunkWriter:
    """Writes a stream of pieces of any size as full chunks, each in its own short transaction, so a long
    upload never holds SQLite's write lock for more than one chunk; keeps the size and SHA-256."""

    def __init__(self, engine: Engine, media_id: int) -> None:
        self.engine, self.media_id = engine, media_id
        self.buffer = bytearray()
        self.seq = 0
        self.size = 0
        self.digest = hashlib.sha256()
        self.head = b""

    def write(self, piece: bytes) -> None:
        """Take a piece of the file; full chunks go to the database at once."""
        self.size += len(piece)
        self.digest.update(piece)
        if len(self.head) < 64 * 1024:
            self.head += piece[: 64 * 1024 - len(self.head)]
        self.buffer += piece
        while len(self.buffer) >= CHUNK_SIZE:
            self.flush(bytes(self.buffer[:CHUNK_SIZE]))
            del self.buffer[:CHUNK_SIZE]

    def close(self) -> None:
        """Store what is left as the last, shorter chunk."""
        if self.buffer:
            self.flush(bytes(self.buffer))
            self.buffer.clear()

    def flush(self, chunk: bytes) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(chunks).values(media_id=self.media_id, seq=self.seq, data=chunk))
        self.seq += 1

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()


class StoredFile(io.RawIOBase):
    """A media file's bytes in the database as a seekable file, read a slice at a time (after the view has
    returned, so through the engine rather than the request's session). A read never crosses a chunk
    boundary: it returns fewer bytes, as raw files may, and the next read goes on from there."""

    def __init__(self, engine: Engine, media_id: int, size: int) -> None:
        super().__init__()
        self.engine, self.media_id, self.size, self.position = engine, media_id, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer) -> int:
        seq, offset = divmod(self.position, CHUNK_SIZE)
        wanted = min(len(buffer), self.size - self.position, CHUNK_SIZE - offset)
        if wanted <= 0:
            return 0
        with self.engine.connect() as connection:
            piece = connection.scalar(
                select(func.substr(chunks.c.data, offset + 1, wanted)).where(
                    chunks.c.media_id == self.media_id, chunks.c.seq == seq
                )
            )
        piece = bytes(piece or b"")
        buffer[: len(piece)] = piece
        self.position += len(piece)
        return len(piece)


def iter_bytes(engine: Engine, media_id: int) -> Iterable[bytes]:
    """A stored file's chunks in order, one query per chunk (for checks that read a small file whole)."""
    seq = 0
    while True:
        with engine.connect() as connection:
            data = connection.scalar(
                select(chunks.c.data).where(chunks.c.media_id == media_id, chunks.c.seq == seq)
            )
        if data is None:
            return
        yield bytes(data)
        seq += 1


def read_all(engine: Engine, media_id: int) -> bytes:
    """A small stored file (captions, a transcript) whole."""
    return b"".join(iter_bytes(engine, media_id))
