"""docs/OPERATIONS.md's steps 5 to 7, followed as written: its environment file (placeholders filled with this
test's PostgreSQL, Redis and a fresh secret), its settings file, `flask db upgrade`, `flask seed`,
`users set-role`, and a process started the way bryggan@.service starts it, whose /readyz says what the
guide says. Steps that need root, systemd as PID 1 or the network (packages, users, certbot) are not run."""

from __future__ import annotations

import configparser
import re
import secrets
import subprocess
import sys

import pytest
import requests

from tests.conftest import STRONG_PASSWORD
from tests.servers import REPO, free_port, server_process

pytestmark = [pytest.mark.server, pytest.mark.postgres]

GUIDE = (REPO / "docs" / "OPERATIONS.md").read_text()
README = (REPO / "README.md").read_text()


def documented_environment() -> dict[str, str]:
    """The KEY=VALUE lines of the guide's `bryggan.env` block."""
    block = re.search(r"Secrets in `/etc/bryggan/bryggan\.env`.*?```sh\n(.*?)```", GUIDE, re.S).group(1)
    pairs = [line.strip().split("=", 1) for line in block.splitlines() if line.strip()]
    return dict(pairs)


def unit_environment() -> dict[str, str]:
    """What bryggan@.service adds for instance 5001 (`%i` is the port)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(REPO / "deploy" / "systemd" / "bryggan@.service")
    return dict(pair.split("=", 1) for pair in parser["Service"]["Environment"].split())


def flask(env: dict[str, str], *args: str) -> str:
    """`.venv/bin/flask --app app ...` with the given environment, as step 6 runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_guides_environment_settings_and_commands_give_a_ready_service(
    postgres_server, redis_server, tmp_path
):
    documented = documented_environment()
    for name in documented:
        assert f"`{name}`" in README, f"{name} from the guide is not in README's configuration table"
    settings_lines = ["PROXY_FIX_X_FOR = 1", "PROXY_FIX_X_PROTO = 1"]
    assert all(f"`{line}`" in GUIDE for line in settings_lines)
    settings = tmp_path / "settings.py"
    settings.write_text("\n".join(settings_lines) + "\n")

    filled = {
        **documented,
        "BRYGGAN_SECRET_KEY": secrets.token_hex(32),
        "BRYGGAN_DATABASE_URL": postgres_server.create_database("bryggan_guide"),
        "BRYGGAN_MESSAGE_QUEUE": redis_server.url,
        "BRYGGAN_CONFIG_FILE": str(settings),
    }
    assert documented["BRYGGAN_ENV"] == "production"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **filled}
    flask(env, "db", "upgrade")
    flask(env, "seed")

    port = free_port()
    unit = {key: value.replace("%i", str(port)) for key, value in unit_environment().items()}
    service_env = {**env, **unit}
    assert service_env["BRYGGAN_HOST"] == "127.0.0.1"
    with server_process([sys.executable, "app.py"], service_env, "/healthz", port) as (base, _process):
        ready = requests.get(base + "/readyz", timeout=10)
        assert ready.status_code == 200
        assert f"`{ready.text.strip().replace(' ', '').replace(chr(10), '')}`" in GUIDE.replace("\n   ", "")
        # As nginx forwards it: over HTTPS, so the production cookies are Secure and sent back by hand here.
        proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
        first = requests.get(base + "/api/v1/session", headers=proxied, timeout=10)
        assert "Secure" in first.headers["Set-Cookie"]
        cookie = "; ".join(f"{name}={value}" for name, value in first.cookies.items())
        signup = requests.post(
            base + "/api/v1/signup",
            json={"username": "forsta", "password": STRONG_PASSWORD, "birth_date": "1970-05-31",
                  "accept_guidelines": True},
            headers={**proxied, "Cookie": cookie, "X-CSRF-Token": first.json()["csrf_token"]},
            timeout=30,
        )  # fmt: skip
        assert signup.status_code == 201, signup.text
    flask(env, "users", "set-role", "forsta", "admin")
