"""Chat models: rooms, messages, and who is connected where (shared by every server process)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import AgeBanded, Pseudonym
from core.database import UTCDateTime, utcnow
from core.extensions import db


class Room(AgeBanded, db.Model):
    """A chat room. Closed rooms keep their history but take no new messages; an age-banded room (young
    carers) admits only members inside its band, and moderators."""

    __tablename__ = "chat_rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name_sv: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    description_sv: Mapped[str] = mapped_column(String(300), default="")
    description_en: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    # Seconds between two messages of one member; 0 is off. Moderators set it.
    slow_mode_seconds: Mapped[int] = mapped_column(default=0, server_default="0")
    closed: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ChatMessage(db.Model):
    """One message, stored before it is broadcast. Purged after the retention period."""

    __tablename__ = "chat_messages"
    __table_args__ = (
        Index("ix_chat_messages_room_id_id", "room_id", "id"),
        # A retry after a reconnect carries the same client id and is stored once.
        UniqueConstraint("author_id", "client_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("chat_rooms.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    author_pseudonym_id: Mapped[int] = mapped_column(ForeignKey("pseudonyms.id"))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    client_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Hidden after enough flags, until a moderator decides.
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    removed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Written by a moderator or admin: in age-banded rooms, young members see who is staff.
    by_staff: Mapped[bool] = mapped_column(default=False, server_default=false())

    author_pseudonym: Mapped[Pseudonym] = relationship(lazy="joined", innerjoin=True)
    room: Mapped[Room] = relationship(lazy="joined", innerjoin=True)


class ChatProcess(db.Model):
    """A running server process; its connections count only while its heartbeat is fresh."""

    __tablename__ = "chat_processes"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ChatConnection(db.Model):
    """A live socket of a signed-in member."""

    __tablename__ = "chat_connections"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    process_id: Mapped[str] = mapped_column(ForeignKey("chat_processes.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    session_version: Mapped[int] = mapped_column()
    is_moderator: Mapped[bool] = mapped_column(default=False)
    connected_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ChatRoomMember(db.Model):
    """A socket that has joined a room."""

    __tablename__ = "chat_room_members"

    sid: Mapped[str] = mapped_column(ForeignKey("chat_connections.sid", ondelete="CASCADE"), primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("chat_rooms.id", ondelete="CASCADE"), primary_key=True)
