"""The production set-up for real: deploy/nginx/bryggan.conf in front of two `python app.py` processes on
PostgreSQL and Redis, TLS with a certificate made at test time, driven over HTTPS and WSS; then one process
is killed and the site goes on with the other."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import ssl
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import socketio
from sqlalchemy import select, update

from accounts.models import User
from chat.models import ChatConnection
from core.extensions import db
from tests.browser.conftest import seed
from tests.chat.conftest import NAMESPACE, Member, server_env
from tests.conftest import make_app, migrate_to_head
from tests.content.conftest import FILM
from tests.prereq import nginx_path, openssl_path
from tests.servers import REPO, free_port, server_process, wait_for_port

pytestmark = [pytest.mark.server, pytest.mark.postgres]

SITE = REPO / "deploy" / "nginx" / "bryggan.conf"
ROOM = "allmant"
APP_SETTINGS = """
PROXY_FIX_X_FOR = 1
PROXY_FIX_X_PROTO = 1
CHAT_UNMODERATED_SLOW_MODE_SECONDS = 0
CHAT_SWEEP_INTERVAL_SECONDS = 0.2
"""


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the clients trust it as their only CA)."""
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        [openssl_path(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def render_site(folder: Path, http_port: int, https_port: int, app_ports: list[int], cert: Path, key: Path):
    """The shipped site file with this test's ports and paths; every replaced text must be there."""
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "return 301 https://$host$request_uri;": f"return 301 https://$host:{https_port}$request_uri;",
        "127.0.0.1:5001": f"127.0.0.1:{app_ports[0]}",
        "127.0.0.1:5002": f"127.0.0.1:{app_ports[1]}",
        "/etc/ssl/bryggan/fullchain.pem": str(cert),
        "/etc/ssl/bryggan/privkey.pem": str(key),
        "/srv/bryggan/app/static/": f"{REPO}/static/",
        "/var/cache/nginx/bryggan": str(folder / "cache"),
        "/var/log/nginx/": f"{folder}/",
    }
    text = SITE.read_text()
    for old, new in replacements.items():
        assert old in text, f"{old!r} is no longer in {SITE.name}: update the test"
        text = text.replace(old, new)
    site = folder / "bryggan.conf"
    site.write_text(text)
    return site


@contextmanager
def nginx(folder: Path, site: Path, https_port: int):
    """nginx in the foreground with a configuration of its own around the site file."""
    temp = {name: folder / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {temp["client_body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    access_log off;
    include {site};
}}
"""
    )
    command = [nginx_path(), "-p", str(folder), "-c", str(conf), "-e", str(folder / "main-error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(https_port, process=process)
        yield process
    finally:
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Stack:
    """What the fixture started: nginx's addresses, the app processes and the database."""

    https: str
    http: str
    apps: list[subprocess.Popen]
    database_url: str
    folder: Path


@pytest.fixture(scope="module")
def stack(postgres_server, redis_server, tmp_path_factory):
    """nginx on HTTP and HTTPS ports in front of two app processes on PostgreSQL and Redis."""
    folder = tmp_path_factory.mktemp("nginx")
    url = postgres_server.create_database("bryggan_nginx")
    migrate_to_head(url)
    seed(url)
    settings = folder / "settings.py"
    settings.write_text(APP_SETTINGS)
    # JSON logs at INFO, as docs/OPERATIONS.md recommends: a refused socket says why in app1.log/app2.log.
    env = server_env(url, settings, BRYGGAN_MESSAGE_QUEUE=redis_server.url, BRYGGAN_ENV="production")
    env["BRYGGAN_LOG_FORMAT"] = "json"
    cert, key = make_certificate(folder)
    http_port, https_port, app_ports = free_port(), free_port(), [free_port(), free_port()]
    site = render_site(folder, http_port, https_port, app_ports, cert, key)
    command = [sys.executable, "app.py"]
    previous = os.environ.get("REQUESTS_CA_BUNDLE")
    os.environ["REQUESTS_CA_BUNDLE"] = str(cert)  # every requests session trusts the test certificate only
    try:
        with (
            server_process(command, env, "/readyz", app_ports[0], folder / "app1.log") as (_one, first),
            server_process(command, env, "/readyz", app_ports[1], folder / "app2.log") as (_two, second),
            nginx(folder, site, https_port),
        ):
            https, http = f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}"
            yield Stack(https, http, [first, second], url, folder)
    finally:
        if previous is None:
            os.environ.pop("REQUESTS_CA_BUNDLE", None)
        else:
            os.environ["REQUESTS_CA_BUNDLE"] = previous


class ProxiedMember(Member):
    """A member whose Socket.IO client goes through nginx with the member's HTTP session (and its CA)."""

    def connect(self, origin: str | None = None, transports=("websocket",)) -> socketio.Client:
        self.http.verify = os.environ["REQUESTS_CA_BUNDLE"]
        client = socketio.Client(reconnection=False, http_session=self.http)
        for event in ("message", "presence"):
            client.on(event, self.recorder(event), namespace=NAMESPACE)
        client.connect(self.base_url, namespaces=[NAMESPACE], transports=list(transports), wait_timeout=10)
        self.client = client
        return client


def process_of(database_url: str, member: Member) -> str:
    """The server process that holds the member's newest socket."""
    app = make_app(database_url)
    with app.app_context():
        process = db.session.scalar(
            select(ChatConnection.process_id)
            .join(User, User.id == ChatConnection.user_id)
            .where(User.username == member.username)
            .order_by(ChatConnection.connected_at.desc())
            .limit(1)
        )
        db.engine.dispose()
    return process


def chat_between(sender: Member, receiver: Member, body: str) -> None:
    """The sender's message reaches the receiver."""
    ack = sender.call("send", {"room": ROOM, "body": body}, timeout=10)
    assert ack["ok"], ack
    receiver.wait_for("message", lambda data: data["id"] == ack["message"]["id"], timeout=10)


def test_plain_http_is_only_a_redirect_to_https(stack):
    response = requests.get(stack.http + "/forum?page=2", allow_redirects=False, timeout=10)
    assert response.status_code == 301
    assert response.headers["Location"] == stack.https + "/forum?page=2"


def test_https_answers_with_each_security_header_once_and_hsts(stack):
    response = requests.get(stack.https + "/", timeout=10)
    assert response.status_code == 200
    headers = response.raw.headers
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert len(headers.getlist(name)) == 1, name
    assert headers.getlist("Strict-Transport-Security") == ["max-age=31536000"]
    assert headers["Server"] == "nginx"  # no version
    assert requests.get(stack.https + "/metrics", timeout=10).status_code == 403  # scraped per process

    static = requests.get(stack.https + "/static/css/site.css", timeout=10)
    assert static.status_code == 200 and "max-age=3600" in static.headers["Cache-Control"]
    assert static.raw.headers.getlist("X-Content-Type-Options") == ["nosniff"]


def test_bodies_over_the_apps_limit_are_refused_by_nginx_in_the_apis_shape(stack):
    response = requests.post(
        stack.https + "/api/v1/signup", data=b"x" * (300 * 1024), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_an_editor_uploads_a_film_through_nginx_streamed_past_the_apps_body_limit(stack):
    editor = Member(stack.https)
    app = make_app(stack.database_url)
    with app.app_context():
        db.session.execute(update(User).where(User.username == editor.username).values(role="admin"))
        db.session.commit()
        db.engine.dispose()
    video = (REPO / "content" / "library" / FILM / "video.mp4").read_bytes()
    assert len(video) > 256 * 1024  # more than client_max_body_size everywhere else

    def chunked():  # no Content-Length: nginx passes it on unbuffered, the app stops at its own limit
        for start in range(0, len(video), 50_000):
            yield video[start : start + 50_000]

    response = editor.http.put(
        f"{stack.https}/api/v1/library/{FILM}/media/video", data=chunked(),
        headers={"X-CSRF-Token": editor.token(), "Content-Type": "video/mp4"}, timeout=60,
    )
    assert response.status_code == 200, response.text
    film = requests.get(f"{stack.https}/api/v1/library/{FILM}", timeout=10).json()
    assert requests.get(stack.https + film["video"]["src"], timeout=10).content == video


def test_a_claimed_two_gigabyte_upload_is_refused_by_nginx_before_any_byte(stack):
    connection = http.client.HTTPSConnection(
        "127.0.0.1", int(stack.https.rsplit(":", 1)[1]),
        context=ssl.create_default_context(cafile=os.environ["REQUESTS_CA_BUNDLE"]), timeout=10,
    )
    connection.putrequest("PUT", f"/api/v1/library/{FILM}/media/video")
    connection.putheader("Content-Length", str(2 * 1024**3))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    assert json.loads(response.read())["error"]["code"] == "upload_too_large"
    connection.close()


def test_signup_thread_and_chat_across_processes_over_https_and_wss(stack):
    anna, bertil = ProxiedMember(stack.https), ProxiedMember(stack.https)
    token = anna.token()
    category = anna.http.get(stack.https + "/api/v1/categories", timeout=10).json()["categories"][0]["slug"]
    created = anna.http.post(
        f"{stack.https}/api/v1/categories/{category}/threads",
        json={"title": "Genom nginx", "body": "Första inlägget, över HTTPS."},
        headers={"X-CSRF-Token": token},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    thread = bertil.http.get(f"{stack.https}/api/v1/threads/{created.json()['thread']['id']}", timeout=10)
    assert thread.json()["posts"][0]["author"]["pseudonym"] == anna.pseudonym
    # Secure cookies: the app knows it is reached over HTTPS (X-Forwarded-Proto).
    assert all(cookie.secure for cookie in anna.http.cookies if cookie.name.startswith("bryggan"))

    try:
        anna.connect()
        bertil.connect()
        # WebSockets land on either process; reconnect until the two members are on different ones.
        for _attempt in range(20):
            if process_of(stack.database_url, anna) != process_of(stack.database_url, bertil):
                break
            bertil.close()
            bertil.connect()
        else:
            pytest.fail("every WebSocket went to the same process")
        assert anna.call("join", {"room": ROOM})["ok"]
        assert bertil.call("join", {"room": ROOM})["ok"]
        chat_between(anna, bertil, "Hej från ena processen")
        chat_between(bertil, anna, "Hej från den andra")
    finally:
        anna.close()
        bertil.close()


def test_the_polling_fallback_stays_on_one_process(stack):
    anna, cecilia = ProxiedMember(stack.https), ProxiedMember(stack.https)
    try:
        anna.connect()
        cecilia.connect(transports=("polling",))  # many requests: each must reach the same process
        assert anna.call("join", {"room": ROOM})["ok"]
        assert cecilia.call("join", {"room": ROOM})["ok"]
        for index in range(5):
            chat_between(anna, cecilia, f"Till den som pollar {index}")
            chat_between(cecilia, anna, f"Från den som pollar {index}")
        assert "bryggan_route" in {cookie.name for cookie in cecilia.http.cookies}
    finally:
        anna.close()
        cecilia.close()


def test_a_killed_process_leaves_new_connections_and_chat_to_the_other(stack):
    anna, bertil = ProxiedMember(stack.https), ProxiedMember(stack.https)
    try:
        anna.connect()
        bertil.connect()
        for _attempt in range(20):
            if process_of(stack.database_url, anna) != process_of(stack.database_url, bertil):
                break
            bertil.close()
            bertil.connect()
        assert anna.call("join", {"room": ROOM})["ok"]
        assert bertil.call("join", {"room": ROOM})["ok"]

        stack.apps[0].kill()
        stack.apps[0].wait()
        deadline = time.monotonic() + 10
        while anna.client.connected and bertil.client.connected:
            assert time.monotonic() < deadline, "nobody's socket noticed the dead process"
            time.sleep(0.05)

        # Every new request is answered, by the process that is left.
        started = time.monotonic()
        statuses = [requests.get(stack.https + "/readyz", timeout=10).status_code for _ in range(20)]
        assert statuses == [200] * 20
        assert time.monotonic() - started < 10

        for member in (anna, bertil):
            if not member.client.connected:
                member.connect()
                assert member.call("join", {"room": ROOM})["ok"]
        assert process_of(stack.database_url, anna) == process_of(stack.database_url, bertil)
        chat_between(anna, bertil, "Vi är kvar")
        chat_between(bertil, anna, "Ja, på den andra processen")
    finally:
        anna.close()
        bertil.close()


def test_nginx_logs_hold_no_client_address_or_query(stack):
    requests.get(stack.https + "/library?q=kanariefagel", timeout=10)
    lines = (stack.folder / "bryggan-access.log").read_text().splitlines()
    assert lines
    pattern = re.compile(r"^\S+ [A-Z]+ /\S* \d{3} \d+ [\d.]+ upstream=.*$")
    for line in lines:
        assert pattern.match(line), line
    assert not any("kanariefagel" in line for line in lines)
    error_log = stack.folder / "bryggan-error.log"
    assert "client:" not in (error_log.read_text() if error_log.exists() else "")
