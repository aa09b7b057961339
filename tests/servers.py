"""Real servers started by the tests: a throw-away PostgreSQL cluster and Bryggan itself (`python app.py`)."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parent.parent
# Set by `make test-fast`: that run promises in-process tests only, so starting a server is a mistake.
IN_PROCESS_ONLY = "BRYGGAN_TESTS_IN_PROCESS_ONLY"


def refuse_in_fast_run(what: str) -> None:
    """Fail a test that starts `what` in `make test-fast`: it lacks its marker (server, postgres, browser)."""
    if os.environ.get(IN_PROCESS_ONLY) == "1":
        pytest.fail(
            f"this test starts {what}, which `make test-fast` does not allow: mark it "
            "`pytest.mark.server`, `postgres` or `browser` (see tests/README.md)",
            pytrace=False,
        )


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0, process: subprocess.Popen | None = None) -> None:
    """Block until something accepts connections on the port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on port {port} after {timeout} s")


class PostgresServer:
    """A PostgreSQL cluster in a temporary folder, on loopback, with trust authentication."""

    def __init__(self, bin_dir: str) -> None:
        self.bin_dir = bin_dir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="bryggan-pg-"))
        self.data = self.root / "data"
        self.user = None
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root; Debian's package provides the postgres user.
            self.user = "postgres"
            pw = pwd.getpwnam(self.user)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)

    def run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        """Run a PostgreSQL binary as the cluster's owner."""
        command = [os.path.join(self.bin_dir, args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)

    def start(self) -> None:
        """initdb and start on loopback."""
        refuse_in_fast_run("PostgreSQL")
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        self.start_again()

    def start_again(self) -> None:
        """Start the existing cluster (after initdb, or after stop_immediately)."""
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop_immediately(self) -> None:
        """Shut down at once, as a crash would: every connection is cut."""
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")

    def create_database(self, name: str) -> str:
        """Create a database and return its SQLAlchemy URL."""
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def url(self, name: str) -> str:
        """SQLAlchemy URL of a database in this cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        """Stop immediately and remove every file."""
        with suppress(subprocess.CalledProcessError):
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


class PostgresTemplates:
    """Template databases on a PostgreSQL server, each prepared once by a function of its URL (migrate,
    then seed or import on a copy of the migrated one), and fresh copies of them for tests."""

    def __init__(self, server: PostgresServer, preparations: dict) -> None:
        self.server = server
        self.preparations = preparations  # kind -> prepare(url); "migrated" first, the rest on its copy
        self.ready: set[str] = set()

    def admin(self):
        """An autocommit connection to the maintenance database (CREATE/DROP DATABASE need one)."""
        import psycopg

        return psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.server.port}/postgres", autocommit=True
        )

    def template(self, kind: str) -> str:
        """The name of the template database of this kind, made on first use."""
        name = f"bryggan_template_{kind}"
        if kind not in self.ready:
            if kind == "migrated":
                self.server.create_database(name)
            else:
                self.copy(self.template("migrated"), name)
            self.preparations[kind](self.server.url(name))
            self.ready.add(kind)
        return name

    def copy(self, template: str, name: str) -> None:
        """(Re)create `name` as a copy of `template`; connections left to the old one are cut."""
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def fresh_copy(self, name: str, kind: str) -> str:
        """A new database `name` copied from the template of this kind; its SQLAlchemy URL."""
        self.copy(self.template(kind), name)
        return self.server.url(name)


@contextmanager
def server_process(
    command: list[str],
    env: dict[str, str],
    ready_path: str,
    port: int | None = None,
    log_path: Path | None = None,
):
    """Run a server on a loopback port (given to it as BRYGGAN_PORT), wait until `ready_path` answers, and
    yield its base URL and process; stop it with SIGTERM afterwards. Output goes to `log_path` if given."""
    refuse_in_fast_run(f"a server process ({command[-1]})")
    port = port or free_port()
    full_env = {**os.environ, **env, "BRYGGAN_HOST": "127.0.0.1", "BRYGGAN_PORT": str(port)}
    base_url = f"http://127.0.0.1:{port}"
    with open(log_path, "w+b") if log_path else tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT)
        try:
            try:
                wait_for_port(port, timeout=60, process=process)
                requests.get(base_url + ready_path, timeout=30).raise_for_status()
            except Exception:
                log.seek(0)
                raise RuntimeError("server did not start:\n" + log.read().decode(errors="replace")) from None
            yield base_url, process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def app_server(env: dict[str, str], port: int | None = None, log_path: Path | None = None):
    """Run `python app.py` (gevent) as a real server and yield its base URL."""
    command = [sys.executable, "app.py"]
    with server_process(command, env, "/api/v1/session", port, log_path) as (base_url, _process):
        yield base_url


class RedisServer:
    """A throw-away Redis on loopback, without persistence."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="bryggan-redis-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The redis:// URL of database 0."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (again) and wait until it accepts connections."""
        refuse_in_fast_run("Redis")
        self.root.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process)

    def halt(self) -> None:
        """Stop the server, keeping its port and folder for a later start."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def stop(self) -> None:
        """Stop and remove its folder."""
        self.halt()
        shutil.rmtree(self.root, ignore_errors=True)
