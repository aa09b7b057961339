"""Account models: a member, the pseudonyms they have used, and nothing that identifies them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, and_, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.age_gate import AgeBand
from accounts.credentials import new_session_secret
from core.database import UTCDateTime, utcnow
from core.extensions import db

# Editors write the library (content/access.py); they have no moderator powers.
ROLES = ("member", "moderator", "editor", "admin")


class User(db.Model):
    """A member. The login name is private; others only ever see the current pseudonym.

    No birth date is stored: `age_verified_at` records only that the age gate passed, and `young_until` the
    day a member under 26 turns 26 (what young carers' spaces need to know).
    """

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('member', 'moderator', 'editor', 'admin')", name="role_known"),
        # Never reuse an id, not even the newest one after its account was deleted (SQLite would, without
        # AUTOINCREMENT): anything that names an account by id must never come to name another one.
        # PostgreSQL's sequence never gives a number twice anyway.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    recovery_code_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="member", server_default="member")
    # Bumped to cut every session (and later every socket) of the account at once.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Random, made at signup and kept for the account's life; every session cookie must carry it, so a
    # cookie is valid only for the account it was issued to (see accounts/session.py).
    session_secret: Mapped[str] = mapped_column(String(32), default=new_session_secret)
    age_verified_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The day the member turns 26, when young carers' spaces close to them; NULL for members 26 or older.
    # It is on this row (loaded on every request anyway) so checking a space costs no query.
    young_until: Mapped[date | None] = mapped_column(Date)
    # When a birth date was checked for `young_until`: at signup, or the one check allowed on the account
    # page to members who joined before young carers' spaces existed.
    young_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    banned: Mapped[bool] = mapped_column(default=False, server_default=false())
    # A chat mute: the member may read but not write in chat rooms until then.
    chat_muted_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Messages from the moderators the member has not opened: kept here so the header badge costs no query.
    unread_staff_messages: Mapped[int] = mapped_column(default=0, server_default="0")
    # Quick exit signs the member out unless they chose to stay signed in (a shared device is the risk).
    stay_signed_in_on_exit: Mapped[bool] = mapped_column(default=False, server_default=false())

    pseudonym: Mapped[Pseudonym] = relationship(
        primaryjoin=lambda: and_(Pseudonym.user_id == User.id, Pseudonym.retired_at.is_(None)),
        viewonly=True,
        uselist=False,
        lazy="joined",
    )

    def is_suspended(self, now: datetime) -> bool:
        """Banned, or suspended until a time still ahead."""
        return self.banned or (self.suspended_until is not None and self.suspended_until > now)

    def is_muted(self, now: datetime) -> bool:
        """Muted in chat until a time still ahead."""
        return self.chat_muted_until is not None and self.chat_muted_until > now

    def __repr__(self) -> str:  # never the login name: reprs end up in logs
        return f"<User {self.id}>"


class Pseudonym(db.Model):
    """A public name a member has used. Names are never reissued, so nobody can take over an old one.

    Posts and messages point at the pseudonym they were written under; drawing a new one retires the old
    one, which keeps showing on old posts, and nothing public links the two.
    """

    __tablename__ = "pseudonyms"
    __table_args__ = (
        # At most one current pseudonym per member.
        Index(
            "uq_pseudonyms_current_user",
            "user_id",
            unique=True,
            sqlite_where=db.text("retired_at IS NULL"),
            postgresql_where=db.text("retired_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    # Null once the account is deleted: the name stays reserved but belongs to nobody.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<Pseudonym {self.name!r}>"


class AgeBanded:
    """A space (forum category, chat room) with an optional age band: only members inside it may read,
    join or write there; moderators always may."""

    age_min: Mapped[int | None] = mapped_column()
    age_max: Mapped[int | None] = mapped_column()

    @property
    def age_band(self) -> AgeBand | None:
        """The band, or None for a space open to every member."""
        if self.age_min is None or self.age_max is None:
            return None
        return AgeBand(self.age_min, self.age_max)

    @age_band.setter
    def age_band(self, band: AgeBand | None) -> None:
        self.age_min, self.age_max = (band.min, band.max) if band is not None else (None, None)

    def age_band_json(self) -> dict | None:
        """`{min, max}` or null, as the API shows it."""
        band = self.age_band
        return band.as_json() if band is not None else None
