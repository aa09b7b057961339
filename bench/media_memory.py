"""Resident memory of a real server (`python app.py`, gevent, SQLite) while an editor uploads a large film and
while many clients stream it with Range requests: uploads and reads go through the database a chunk at a
time, so memory must stay flat, whatever the film's size.

    .venv/bin/python -m bench.media_memory                      # 200 MB film, 20 streaming clients
    .venv/bin/python -m bench.media_memory --megabytes 20       # the small version the tests run

The film is the shipped one grown with an MP4 `free` box (still a valid H.264/AAC MP4), generated while it
is sent, so the benchmark itself holds no film in memory either. It exits non-zero when the server's
resident memory rises more than --allowed-mb above its idle baseline.
"""

from __future__ import annotations

import argparse
import random
import struct
import sys
import tempfile
import threading
import time
from dataclasses import dataclass

import requests

from bench.dataset import add_members, prepare_database
from bench.harness import Server, app_server, print_table
from tests.servers import REPO

FILM = "vad-gor-en-anhorigkonsulent"
PIECE = 1024 * 1024
RANGE = 2 * 1024 * 1024


def film_pieces(size: int):
    """The padded film in 1 MiB pieces (never whole in memory)."""
    video = (REPO / "content" / "library" / FILM / "video.mp4").read_bytes()
    padding = size - len(video)
    yield video + struct.pack(">I", padding) + b"free"
    left = padding - 8
    zeros = bytes(PIECE)
    while left > 0:
        yield zeros[: min(PIECE, left)]
        left -= min(PIECE, left)


@dataclass
class Sampler:
    """Samples the server's resident memory every 20 ms in a thread; keeps the peak."""

    server: Server
    peak_kib: int = 0
    running: bool = False

    def __enter__(self) -> Sampler:
        self.running = True
        self.peak_kib = self.server.rss_kib()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        return self

    def run(self) -> None:
        while self.running:
            self.peak_kib = max(self.peak_kib, self.server.rss_kib())
            time.sleep(0.02)

    def __exit__(self, *exc) -> None:
        self.running = False
        self.thread.join()
        self.peak_kib = max(self.peak_kib, self.server.rss_kib())


def idle_baseline(server: Server, session: requests.Session) -> int:
    """Resident memory after every code path has run once (pages, API, a small upload, ranges)."""
    for path in ("/library", f"/library/{FILM}", f"/api/v1/library/{FILM}", f"/library/edit/{FILM}/media"):
        assert session.get(server.url + path, timeout=30).status_code == 200, path
    small = b"".join(film_pieces(600_000))
    response = session.put(f"{server.url}/api/v1/library/{FILM}/media/video", data=small, timeout=60)
    assert response.status_code == 200, response.text
    for _ in range(3):
        session.get(
            f"{server.url}/library/{FILM}/files/video.mp4", headers={"Range": "bytes=0-99999"}, timeout=30
        )
    time.sleep(0.5)
    return max(server.rss_kib() for _ in range(5))


def stream_clients(url: str, size: int, clients: int, seconds: float) -> tuple[int, int]:
    """`clients` threads, each reading the film in RANGE-sized Range requests from a random place onwards,
    in 64 KiB pieces as a player would, for `seconds`; returns (requests, bytes)."""
    deadline = time.monotonic() + seconds
    totals = [0, 0]
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        http = requests.Session()
        position = rng.randrange(0, size - RANGE)
        while time.monotonic() < deadline:
            end = min(size - 1, position + RANGE - 1)
            response = http.get(url, headers={"Range": f"bytes={position}-{end}"}, stream=True, timeout=60)
            assert response.status_code == 206, response.status_code
            got = sum(len(piece) for piece in response.iter_content(64 * 1024))
            assert got == end - position + 1
            with lock:
                totals[0] += 1
                totals[1] += got
            position = end + 1 if end + 1 < size else 0

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return totals[0], totals[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200, help="the film's size in MB")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the clients stream")
    parser.add_argument("--allowed-mb", type=float, default=30.0)
    arguments = parser.parse_args()
    size = arguments.megabytes * 1_000_000

    with tempfile.TemporaryDirectory(prefix="bryggan-media-") as scratch:
        database_url = f"sqlite:///{scratch}/bench.sqlite3"
        app = prepare_database(database_url)
        editor = add_members(app, 1, prefix="redaktor", role="admin")[0]
        extra = {"BRYGGAN_LIBRARY_UPLOAD_MAX_BYTES": str(size + 1_000_000)}
        with app_server(database_url, extra) as server:
            # The cookie is Secure (production mode), so it is carried in the header by hand, and the one
            # the server sets with the CSRF token in it replaces the first.
            session = requests.Session()
            answer = session.get(
                server.url + "/api/v1/session", headers={"Cookie": editor.cookie}, timeout=30
            )
            cookie = answer.headers.get("Set-Cookie", editor.cookie).split(";")[0]
            session.headers.update({"Cookie": cookie, "X-CSRF-Token": answer.json()["csrf_token"]})
            baseline = idle_baseline(server, session)

            with Sampler(server) as upload:
                started = time.monotonic()
                response = session.put(
                    f"{server.url}/api/v1/library/{FILM}/media/video",
                    data=film_pieces(size),
                    headers={"Content-Type": "video/mp4"},
                    timeout=600,
                )
                upload_seconds = time.monotonic() - started
            assert response.status_code == 200, response.text
            stored = next(f["file"] for f in response.json()["files"] if f["slot"] == "video")
            assert stored["size"] == size, stored

            src = requests.get(f"{server.url}/api/v1/library/{FILM}", timeout=30).json()["video"]["src"]
            with Sampler(server) as streaming:
                started = time.monotonic()
                count, total = stream_clients(server.url + src, size, arguments.clients, arguments.seconds)
                stream_seconds = time.monotonic() - started

    allowed = arguments.allowed_mb * 1024
    rows = [
        ["idle (after warm-up)", f"{baseline / 1024:.1f}", "", ""],
        [
            f"uploading {arguments.megabytes} MB",
            f"{upload.peak_kib / 1024:.1f}",
            f"{(upload.peak_kib - baseline) / 1024:+.1f}",
            f"{size / 1e6 / upload_seconds:.0f} MB/s in {upload_seconds:.1f} s",
        ],
        [
            f"{arguments.clients} clients streaming ranges",
            f"{streaming.peak_kib / 1024:.1f}",
            f"{(streaming.peak_kib - baseline) / 1024:+.1f}",
            f"{count} ranges, {total / 1e6 / stream_seconds:.0f} MB/s in {stream_seconds:.1f} s",
        ],
    ]
    print_table(
        f"Server resident memory (MiB), film of {arguments.megabytes} MB",
        ["phase", "peak RSS", "vs idle", "throughput"],
        rows,
    )
    worst = max(upload.peak_kib, streaming.peak_kib) - baseline
    if worst > allowed:
        print(f"FAIL: memory rose {worst / 1024:.1f} MiB above idle (allowed {arguments.allowed_mb} MiB)")
        return 1
    print(f"OK: memory stayed within {worst / 1024:.1f} MiB of idle (allowed {arguments.allowed_mb} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
