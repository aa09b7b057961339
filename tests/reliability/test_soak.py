"""A bounded soak on loopback: 200 chat members in four rooms and 20 forum writers at once against the
embedded set-up (one gevent process on SQLite). No error, no lost message, no write stored twice, and the
server's memory flat between the first third and the end. BRYGGAN_SOAK_SECONDS sets the length."""

from __future__ import annotations

import os
import random
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.reliability.writers import (
    WRITE_LOAD_SETTINGS,
    Writer,
    acknowledged_by,
    assert_clean_log,
    assert_stored_exactly_once,
    integrity,
    seeded_copy,
    stored_client_ids,
)
from tests.servers import server_process
from tests.support.processes import resident_kib

pytestmark = [pytest.mark.server, pytest.mark.slow]

SOAK_SECONDS = float(os.environ.get("BRYGGAN_SOAK_SECONDS", "90"))
# The longest a load worker may go without finishing a round: a chat message or a reply with its page takes
# well under a second on a quiet machine and a few on a loaded one; a stalled server takes longer.
MAX_PAUSE_SECONDS = 20.0
ROOMS = ["allmant", "natten", "demens", "beroende"]
CHAT_MEMBERS = 200
FORUM_WRITERS = 20
# Growth allowed between the first third and the end: caches filling, SQLite's page cache, allocator slack.
MEMORY_GROWTH_LIMIT_KIB = 12 * 1024


def in_parallel(function, items, workers: int = 20) -> list:
    """Call function on every item from a few threads; results in order."""
    results: list = [None] * len(items)
    positions = iter(range(len(items)))
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                position = next(positions, None)
            if position is None:
                return
            results[position] = function(items[position])

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_soak_200_chat_members_and_20_forum_writers(migrated_sqlite, tmp_path: Path):
    database = seeded_copy(migrated_sqlite, tmp_path)
    settings = tmp_path / "settings.py"
    settings.write_text(WRITE_LOAD_SETTINGS)
    env = {
        "BRYGGAN_DATABASE_URL": f"sqlite:///{database}",
        "BRYGGAN_SECRET_KEY": "soak-test-key",
        "BRYGGAN_RATELIMIT_ENABLED": "false",
        "BRYGGAN_CONFIG_FILE": str(settings),
    }
    log = tmp_path / "server.log"
    command = [sys.executable, "app.py"]
    with server_process(command, env, "/api/v1/session", log_path=log) as (url, process):
        chatters = in_parallel(
            lambda number: Writer(url, f"soakchatt{number}").signup(), list(range(CHAT_MEMBERS))
        )
        writers = in_parallel(
            lambda number: Writer(url, f"soakskriv{number}").signup(), list(range(FORUM_WRITERS))
        )
        room_of = {chatter.username: ROOMS[number % len(ROOMS)] for number, chatter in enumerate(chatters)}
        received: dict[str, set[int]] = {chatter.username: set() for chatter in chatters}
        guard = threading.Lock()

        def connect(chatter: Writer) -> None:
            chatter.connect_chat(room_of[chatter.username])

            def record(data, name=chatter.username):
                with guard:
                    received[name].add(data["id"])

            chatter.chat.on("message", record, namespace="/chat")

        in_parallel(connect, chatters)
        first = writers[0]
        threads = [first.start_thread(f"Soaktråd {number}") for number in range(4)]

        stop = threading.Event()
        errors: list[str] = []
        sent_in: dict[str, set[int]] = {room: set() for room in ROOMS}
        rounds: dict[str, list[float]] = {}

        def guarded(name: str, work, *args) -> threading.Thread:
            """A load thread whose death is an error and whose rounds are timed."""

            def run() -> None:
                rounds[name] = []
                try:
                    for _ in work(*args):
                        rounds[name].append(time.monotonic())
                except Exception as error:  # noqa: BLE001 - a dying worker must fail the soak
                    errors.append(f"{name}: {error!r}")

            return threading.Thread(target=run, name=name)

        def chat_load(worker: int) -> None:
            chance = random.Random(worker)
            index = 0
            while not stop.is_set():
                chatter = chance.choice(chatters)
                room = room_of[chatter.username]
                answer = chatter.send(
                    room, f"soak-{worker}-{index}", f"Hur har ni det i kväll? ({worker}/{index})"
                )
                if answer.get("ok"):
                    with guard:
                        sent_in[room].add(answer["message"]["id"])
                index += 1
                yield
                time.sleep(chance.uniform(0.3, 0.9))

        def forum_load(writer: Writer, number: int) -> None:
            chance = random.Random(1000 + number)
            index = 0
            while not stop.is_set():
                thread_id = chance.choice(threads)
                response = writer.reply(
                    thread_id, f"svar-{number}-{index}", f"Jag känner igen mig ({number}/{index})."
                )
                if response.status_code not in (200, 201):
                    errors.append(f"reply {response.status_code}")
                page = writer.http.get(f"{url}/threads/{thread_id}?page=1", timeout=30)
                if page.status_code != 200:
                    errors.append(f"thread page {page.status_code}")
                index += 1
                yield
                time.sleep(chance.uniform(0.2, 1.0))

        def churn(walkers: list[Writer], worker: int):
            """Members who come and go: every socket opened and closed must leave nothing behind."""
            chance = random.Random(2000 + worker)
            while not stop.is_set():
                walker = chance.choice(walkers)
                walker.connect_chat(chance.choice(ROOMS))
                time.sleep(chance.uniform(0.2, 1.0))
                walker.close()
                yield

        walkers = in_parallel(lambda number: Writer(url, f"soakvandrare{number}").signup(), list(range(20)))
        load = (
            [guarded(f"chat{worker}", chat_load, worker) for worker in range(6)]
            + [guarded(f"forum{number}", forum_load, writer, number) for number, writer in enumerate(writers)]
            + [guarded(f"churn{worker}", churn, walkers[worker::2], worker) for worker in range(2)]
        )
        started = time.monotonic()
        for worker in load:
            worker.start()
        time.sleep(SOAK_SECONDS / 3)
        memory_early = resident_kib(process.pid)
        time.sleep(max(0.0, SOAK_SECONDS - (time.monotonic() - started)))
        stop.set()
        stopped = time.monotonic()
        for worker in load:
            worker.join(timeout=60)
        memory_late = resident_kib(process.pid)

        assert not [worker.name for worker in load if worker.is_alive()]
        assert errors == []
        # Every worker kept going from the start to the end: no pause between two of its rounds (or before
        # the first, or after the last) as long as MAX_PAUSE. A server that stalls fails this however fast it
        # is otherwise; one that is merely slower on a loaded machine (a round of a few seconds) does not.
        pauses = {}
        for name, times in rounds.items():
            edges = zip([started, *times], [*times, stopped], strict=True)
            pauses[name] = max(later - earlier for earlier, later in edges)
        assert {name: round(pause, 1) for name, pause in pauses.items() if pause > MAX_PAUSE_SECONDS} == {}
        assert [problem for member in chatters + writers for problem in member.refused] == []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(
            received[name] != sent_in[room_of[name]] for name in received
        ):
            time.sleep(0.2)
        missing = {name: len(sent_in[room_of[name]] - ids) for name, ids in received.items()}
        assert sum(missing.values()) == 0, {name: count for name, count in missing.items() if count}
        total_messages = sum(len(ids) for ids in sent_in.values())
        assert total_messages > SOAK_SECONDS * 3  # real load, not an idle server
        assert process.poll() is None
        for each in chatters:
            each.close()

    posts, messages = stored_client_ids(database)
    assert_stored_exactly_once(posts, acknowledged_by(writers))
    assert_stored_exactly_once(messages, acknowledged_by(chatters))
    assert integrity(database) == "ok"
    assert memory_late - memory_early < MEMORY_GROWTH_LIMIT_KIB, (memory_early, memory_late)
    assert_clean_log(log.read_text(errors="replace"))
    print(
        f"soak {SOAK_SECONDS:.0f} s: {total_messages} chat messages to {CHAT_MEMBERS} members, "
        f"{len(posts)} forum replies; memory {memory_early} → {memory_late} KiB"
    )
