"""Four server processes write to one SQLite file at once: every acknowledged post and chat message is
stored exactly once, no member ever sees "database is locked", and the file is sound afterwards."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.reliability.writers import (
    Writer,
    acknowledged_by,
    assert_clean_log,
    assert_stored_exactly_once,
    integrity,
    seeded_copy,
    stored_client_ids,
    write_load_env,
)
from tests.servers import app_server

pytestmark = pytest.mark.server

PROCESSES = 4
POSTS_PER_PROCESS = 125
MESSAGES_PER_PROCESS = 125
ROOM = "allmant"


def test_four_processes_writing_at_once_store_everything_exactly_once(migrated_sqlite, tmp_path: Path):
    database = seeded_copy(migrated_sqlite, tmp_path)
    env = write_load_env(f"sqlite:///{database}", tmp_path / "settings.py")
    logs = [tmp_path / f"server-{number}.log" for number in range(PROCESSES)]
    with ExitStack() as servers:
        urls = [servers.enter_context(app_server(env, log_path=log)) for log in logs]
        writers = [Writer(url, f"skrivare{number}").signup() for number, url in enumerate(urls)]
        thread_id = writers[0].start_thread("Många skriver samtidigt")
        chatters = [Writer(url, f"chattare{number}").signup() for number, url in enumerate(urls)]
        for chatter in chatters:
            chatter.connect_chat(ROOM)

        start = threading.Barrier(3 * PROCESSES)

        def write_posts(writer: Writer, number: int, half: int) -> None:
            start.wait()
            for index in range(half, POSTS_PER_PROCESS, 2):
                writer.reply(thread_id, f"post-{number}-{index}", f"Svar {index} via process {number}.")

        def send_messages(chatter: Writer, number: int) -> None:
            start.wait()
            for index in range(MESSAGES_PER_PROCESS):
                chatter.send(ROOM, f"chat-{number}-{index}", f"Hej {index} via process {number}.")

        # Per process: two members' tabs replying at once and one member chatting.
        workers = [
            threading.Thread(target=write_posts, args=(writer, number, half))
            for number, writer in enumerate(writers)
            for half in (0, 1)
        ] + [
            threading.Thread(target=send_messages, args=(chatter, number))
            for number, chatter in enumerate(chatters)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=240)
        assert not any(worker.is_alive() for worker in workers), "writers did not finish in 4 minutes"
        for chatter in chatters:
            chatter.close()

    everyone = writers + chatters
    assert [problem for member in everyone for problem in member.refused] == []
    assert sum(len(member.acknowledged) for member in everyone) == PROCESSES * (
        POSTS_PER_PROCESS + MESSAGES_PER_PROCESS
    )
    posts, messages = stored_client_ids(database)
    assert_stored_exactly_once(posts, acknowledged_by(writers))
    assert_stored_exactly_once(messages, acknowledged_by(chatters))
    assert integrity(database) == "ok"
    with sqlite3.connect(database) as connection:
        reply_count = connection.execute(
            "SELECT reply_count FROM threads WHERE id = ?", (thread_id,)
        ).fetchone()[0]
    assert reply_count == PROCESSES * POSTS_PER_PROCESS  # counters lose nothing either
    for log in logs:
        assert_clean_log(log.read_text(errors="replace"))
