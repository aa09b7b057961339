"""Benchmark data written straight into a fresh database: members with ready-made session cookies, and a
forum of many threads and posts. Bulk inserts, so 200,000 posts take seconds rather than an hour of HTTP."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, insert, select, update

from accounts.credentials import new_session_secret
from accounts.hashing import hash_secret
from accounts.models import Pseudonym, User
from accounts.session import SESSION_SECRET_KEY, SESSION_VERSION_KEY, USER_ID_KEY
from app import create_app
from bench.harness import SECRET_KEY
from core.database import utcnow
from core.extensions import db
from core.markdown import render_markdown
from forum.models import Category, Post, Thread

BATCH = 5_000
BODIES = [
    "Min mamma har fått diagnosen **demens** och jag vet inte hur jag ska orka. Hur gör ni andra?",
    "Det hjälper att skriva här. Jag sover dåligt och tänker på pappa hela tiden.",
    "Vi har ansökt om avlösning hos kommunen. Anhörigkonsulenten var *jättebra*.",
    "Tack för att du delar. Jag känner igen mig i varje ord.\n\n- sömn\n- skuld\n- oro",
    "Min bror dricker igen. Jag har satt gränser, men det är svårt att hålla dem.",
]


@dataclass
class Member:
    """A benchmark member and the cookie that signs them in."""

    user_id: int
    cookie: str


def bench_app(database_url: str) -> Flask:
    """The app in this process, pointed at the benchmark database, signing with the servers' key."""
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET_KEY})


def prepare_database(database_url: str) -> Flask:
    """Migrate and seed (categories, rooms, library)."""
    app = bench_app(database_url)
    with app.app_context():
        upgrade(directory=str(app.root_path + "/migrations"))
        result = app.test_cli_runner().invoke(args=["seed"])
        assert result.exit_code == 0, result.output
    return app


def session_cookie(app: Flask, user_id: int, session_secret: str) -> str:
    """A signed session cookie, as the server sets after login, for the Cookie header: permanent, and
    holding the CSRF token the login answer made (as a browser's cookie does from then on)."""
    serializer = app.session_interface.get_signing_serializer(app)
    value = serializer.dumps(
        {
            USER_ID_KEY: user_id,
            SESSION_VERSION_KEY: 1,
            SESSION_SECRET_KEY: session_secret,
            "_permanent": True,
            "csrf_token": secrets.token_hex(20),
        }
    )
    return f"{app.config['SESSION_COOKIE_NAME']}={value}"


def add_members(app: Flask, count: int, prefix: str = "bank", role: str = "member") -> list[Member]:
    """Members with one shared password hash (hashing thousands would take minutes) and their cookies."""
    with app.app_context():
        password_hash = hash_secret("benchmark password that nobody uses")
        now = utcnow()
        first = (db.session.scalar(select(func.max(User.id))) or 0) + 1
        ids = list(range(first, first + count))
        session_secrets = {user_id: new_session_secret() for user_id in ids}
        for start in range(0, count, BATCH):
            chunk = ids[start : start + BATCH]
            db.session.execute(
                insert(User),
                [
                    {
                        "id": user_id,
                        "username": f"{prefix}{user_id}",
                        "password_hash": password_hash,
                        "recovery_code_hash": password_hash,
                        "role": role,
                        "session_version": 1,
                        "session_secret": session_secrets[user_id],
                        "age_verified_at": now,
                        "created_at": now - timedelta(days=30),
                    }
                    for user_id in chunk
                ],
            )
            db.session.execute(
                insert(Pseudonym),
                [
                    {"name": f"Bänkgäst {prefix} {user_id}", "user_id": user_id, "created_at": now}
                    for user_id in chunk
                ],
            )
        db.session.commit()
        return [Member(user_id, session_cookie(app, user_id, session_secrets[user_id])) for user_id in ids]


def add_forum(app: Flask, threads: int, posts_per_thread: int) -> int:
    """Threads spread over the categories, each with its posts; returns the id of a thread to read."""
    authors = add_members(app, 200, prefix="skribent")
    with app.app_context():
        pseudonyms = dict(db.session.execute(select(Pseudonym.user_id, Pseudonym.id)).all())
        categories = list(db.session.scalars(select(Category.id).order_by(Category.id)))
        rendered = [render_markdown(body) for body in BODIES]
        start = utcnow() - timedelta(days=365)
        thread_rows, post_rows = [], []
        post_id = 0
        for thread_index in range(threads):
            thread_id = thread_index + 1
            author = authors[thread_index % len(authors)].user_id
            created = start + timedelta(minutes=thread_index * 30)
            first_post = post_id + 1
            for position in range(posts_per_thread):
                post_id += 1
                writer = authors[(thread_index + position) % len(authors)].user_id
                post_rows.append(
                    {
                        "id": post_id,
                        "thread_id": thread_id,
                        "author_id": writer,
                        "author_pseudonym_id": pseudonyms[writer],
                        "body_source": BODIES[post_id % len(BODIES)],
                        "body_html": rendered[post_id % len(BODIES)],
                        "created_at": created + timedelta(minutes=position),
                    }
                )
            thread_rows.append(
                {
                    "id": thread_id,
                    "category_id": categories[thread_index % len(categories)],
                    "title": f"Tråd {thread_id}: hur orkar ni?",
                    "author_id": author,
                    "author_pseudonym_id": pseudonyms[author],
                    "created_at": created,
                    "last_post_at": created + timedelta(minutes=posts_per_thread),
                    "first_post_id": first_post,
                    "last_post_id": post_id,
                    "reply_count": posts_per_thread - 1,
                }
            )
        for begin in range(0, len(thread_rows), BATCH):
            db.session.execute(insert(Thread), thread_rows[begin : begin + BATCH])
        for begin in range(0, len(post_rows), BATCH):
            db.session.execute(insert(Post), post_rows[begin : begin + BATCH])
        for category_id in categories:
            count = db.session.scalar(
                select(func.count()).select_from(Thread).where(Thread.category_id == category_id)
            )
            db.session.execute(update(Category).where(Category.id == category_id).values(thread_count=count))
        db.session.commit()
    # A thread in the middle: neither the newest nor the oldest.
    return threads // 2
