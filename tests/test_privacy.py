"""No client address or user agent is ever written down: a real server is used with a canary address and
browser name through every kind of request, then every file it could have written is searched for them."""

from __future__ import annotations

import json
import re
import shutil
import socket
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
import socketio

from tests.browser.conftest import seed
from tests.conftest import STRONG_PASSWORD
from tests.servers import app_server

pytestmark = pytest.mark.server

CANARY_ADDRESS = "203.0.113.77"
CANARY_AGENT = "KanarieWebblasare/9.7 (canary-ua-5d1f)"
HEADERS = {"X-Forwarded-For": CANARY_ADDRESS, "User-Agent": CANARY_AGENT}
# Requests gevent refuses before the application sees them, which it reports with the client's address.
MALFORMED_REQUESTS = [
    b"BLAH / HTTP/1.1\r\n\r\n",
    b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n",
    b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 9000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
    b"POST /x\r\n\r\n",
    b"POST /api/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
    b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(40),  # TLS spoken to plain HTTP, no newline
]


def send_raw(url: str, request: bytes) -> int:
    """Send bytes over a new TCP connection, read what comes back; the client port that was used."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as connection:
        port = connection.getsockname()[1]
        connection.sendall(request)
        connection.shutdown(socket.SHUT_WR)  # a request without a newline is read to its end
        with suppress(OSError):
            while connection.recv(65536):
                pass
    return port


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_a_canary_address_and_user_agent_are_nowhere_on_disk(migrated_sqlite, tmp_path: Path, log_format):
    database = tmp_path / "bryggan.sqlite3"
    shutil.copy(migrated_sqlite, database)
    seed(f"sqlite:///{database}")
    settings = tmp_path / "settings.py"
    # As behind a reverse proxy: the forwarded address becomes the client address the app sees.
    settings.write_text("PROXY_FIX_X_FOR = 1\nCHAT_UNMODERATED_SLOW_MODE_SECONDS = 0\n")
    env = {
        "BRYGGAN_DATABASE_URL": f"sqlite:///{database}",
        "BRYGGAN_SECRET_KEY": "privacy-test-key",
        "BRYGGAN_CONFIG_FILE": str(settings),
        "BRYGGAN_LOG_FORMAT": log_format,
    }
    log = tmp_path / "server.log"
    with app_server(env, log_path=log) as url:
        web = requests.Session()
        web.headers.update(HEADERS)
        token = web.get(url + "/api/v1/session", timeout=10).json()["csrf_token"]
        signup = web.post(
            url + "/api/v1/signup",
            json={
                "username": "kanarie",
                "password": STRONG_PASSWORD,
                "birth_date": "1970-05-31",
                "accept_guidelines": True,
            },
            headers={"X-CSRF-Token": token},
            timeout=30,
        )
        assert signup.status_code == 201, signup.text
        token = signup.json()["csrf_token"]
        write = {"X-CSRF-Token": token}
        categories = web.get(url + "/api/v1/categories", timeout=10).json()["categories"]
        thread = web.post(
            url + f"/api/v1/categories/{categories[0]['slug']}/threads",
            json={"title": "Kanarietråd", "body": "Ett inlägg"},
            headers=write,
            timeout=10,
        )
        assert thread.status_code == 201, thread.text
        thread_id = thread.json()["thread"]["id"]
        assert (
            web.post(
                url + f"/api/v1/threads/{thread_id}/posts",
                json={"body": "Ett svar"},
                headers=write,
                timeout=10,
            ).status_code
            == 201
        )
        for path in (
            "/",
            "/forum",
            f"/threads/{thread_id}",
            "/library?q=demens",
            "/finns-inte",
            "/api/v1/search?q=inlägg",
            "/api/v1/me/export",
        ):
            web.get(url + path, timeout=10)
        web.post(
            url + "/api/v1/login",
            json={"username": "kanarie", "password": "fel lösenord"},
            headers=write,
            timeout=30,
        )  # a refused login is counted by the rate limiter, in memory
        web.post(url + "/api/v1/threads/999999/posts", data=b"\xff", headers=write, timeout=10)

        cookie = "; ".join(f"{name}={value}" for name, value in web.cookies.items())
        client = socketio.Client(reconnection=False)
        client.connect(
            url, namespaces=["/chat"], transports=["websocket"], headers={**HEADERS, "Cookie": cookie}
        )
        assert client.call("join", {"room": "allmant"}, namespace="/chat", timeout=10)["ok"]
        assert client.call(
            "send", {"room": "allmant", "body": "Hej från kanarien"}, namespace="/chat", timeout=10
        )["ok"]
        client.disconnect()
        ports = [send_raw(url, request) for request in MALFORMED_REQUESTS]

    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert database in written and log in written
    for path in written:
        data = path.read_bytes()
        for canary in (CANARY_ADDRESS, CANARY_AGENT, "canary-ua-5d1f"):
            assert canary.encode() not in data, f"{canary!r} was written to {path.name}"
    # Requests refused before the application ran are logged without the real address (loopback here) or
    # the client's port.
    text = log.read_text(errors="replace")
    assert text.count("refused a malformed HTTP request") >= 6, text
    assert "127.0.0.1" not in text, text
    for port in ports:
        assert not re.search(rf"\b{port}\b", text), f"client port {port} in the log:\n{text}"
    # Nor anything a member wrote, in either format; with json every line is one JSON object.
    for member_text in ("Kanarietråd", "Ett inlägg", "Ett svar", "Hej från kanarien", "kanarie"):
        assert member_text not in text, f"{member_text!r} in the log"
    if log_format == "json":
        entries = [json.loads(line) for line in text.splitlines() if line.strip()]
        assert entries and all({"time", "level", "logger", "message"} <= set(entry) for entry in entries)
    # The canary would have been found: what the members wrote is in the database.
    assert b"Hej fr\xc3\xa5n kanarien" in database.read_bytes() or any(
        b"Hej fr\xc3\xa5n kanarien" in path.read_bytes() for path in written
    )


def test_the_privacy_page_says_what_is_stored_in_both_languages(client):
    swedish = client.get("/privacy").get_data(as_text=True)
    assert "<h1>Integritet: vad vi sparar och hur länge</h1>" in swedish
    for promise in ("Ingen IP-adress", "efter 30 dagar", "ett år efter", "efter två år", "ladda ner allt"):
        assert promise in swedish
    english = client.get("/privacy?lang=en").get_data(as_text=True)
    assert "<h1>Privacy: what we store and for how long</h1>" in english
    assert "deleted automatically after 30 days" in english
    assert 'href="/privacy"' in client.get("/").get_data(as_text=True)


def test_gevent_error_output_loses_every_client_address():
    from core.serving import AddresslessLog, refused_request_kind

    written = []

    class Stream:
        def write(self, text):
            written.append(text)

    stream = AddresslessLog(Stream())
    stream.write("<Greenlet: handle(<socket>, ('203.0.113.77', 4711))> failed with OSError\n")
    stream.write("('2001:db8::7', 4712, 0, 0) [2001:db8::7]:4713 203.0.113.77:4714 10.1.2.3\n")
    text = "".join(written)
    for leak in ("203.0.113.77", "2001:db8::7", "4711", "4712", "4713", "4714", "10.1.2.3"):
        assert leak not in text, text
    assert "failed with OSError" in text and "Greenlet" in text
    assert refused_request_kind("Invalid HTTP method: 'BLAH 203.0.113.77'") == "Invalid HTTP method"
    assert refused_request_kind("Expected GET method; Got command='POST'") == "Expected GET method"


def test_gevent_never_prints_a_client_address_for_an_escaping_error():
    from core.serving import AddresslessEnviron

    shown = repr(
        AddresslessEnviron(
            {
                "REMOTE_ADDR": CANARY_ADDRESS,
                "REMOTE_PORT": "4711",
                "HTTP_USER_AGENT": CANARY_AGENT,
                "PATH_INFO": "/x",
            }
        )
    )
    assert CANARY_ADDRESS not in shown and "4711" not in shown and CANARY_AGENT not in shown
    assert "/x" in shown
