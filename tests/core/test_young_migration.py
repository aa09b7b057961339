"""The young carers' migration moves data, not just columns: the seeded young spaces get their band, and
stored queue urgencies make room for `grooming` right after `crisis` (and back on downgrade). Rows that hang
off posts and chat messages survive both ways (a table rebuilt on SQLite would cascade-delete them)."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from accounts.models import User
from chat.models import ChatMessage, Room
from core.extensions import db
from moderation.models import ReviewItem
from tests.conftest import Api, make_app

BEFORE = "f0ca541771bd"
YOUNG = "3626d0762862"


def rows(sql: str) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_upgrade_bands_the_young_spaces_and_shifts_urgencies_and_downgrade_undoes_it(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'young.sqlite3'}", RATELIMIT_ENABLED=False)
    with app.app_context():
        upgrade()
    assert app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    assert Api(app.test_client()).signup("skribent").status_code == 201
    with app.app_context():
        author = db.session.scalar(select(User))
        room = db.session.scalar(select(Room).where(Room.slug == "allmant"))
        for index in range(6):
            message = ChatMessage(
                room_id=room.id,
                author_id=author.id,
                author_pseudonym_id=author.pseudonym.id,
                body_source=f"{index}",
                body_html=f"<p>{index}</p>",
            )
            db.session.add(message)
            db.session.flush()
            db.session.add(ReviewItem(chat_message_id=message.id, status="pending", reasons=[], flag_count=1))
        db.session.commit()
        # A database as it was before: no bands, urgencies in the old order (crisis 0, personal_info 1,
        # harassment 2, spam 3, other 4, held 5).
        downgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE review_items SET urgency = id - 1"))

        upgrade(revision=YOUNG)
        for table in ("categories", "chat_rooms"):
            banded = rows(f"SELECT slug, age_min, age_max FROM {table} WHERE age_max IS NOT NULL")
            assert banded == [("unga-anhoriga", 16, 25)], table
        assert [row[0] for row in rows("SELECT urgency FROM review_items ORDER BY id")] == [0, 2, 3, 4, 5, 6]

        with db.engine.begin() as connection:  # one item became a grooming item
            connection.execute(text("UPDATE review_items SET urgency = 1 WHERE id = 2"))
            connection.execute(text("UPDATE flags SET reason = 'grooming'"))
        downgrade(revision=BEFORE)
        assert [row[0] for row in rows("SELECT urgency FROM review_items ORDER BY id")] == [0, 4, 2, 3, 4, 5]
        db.engine.dispose()
