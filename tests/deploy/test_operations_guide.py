"""docs/OPERATIONS.md's set-up followed step by step, every step: the guide's marked shell blocks run in order
in one bash against a temporary folder standing for `/` (tests/deploy/walkthrough.py; what CI cannot do, such
as downloading or systemd as PID 1, is done the way the guide's "What CI runs" table says). At the end nginx
answers over HTTPS in front of the two processes the unit started, a member signs up through it with a
Secure cookie, the first-admin step makes them admin, and the monitoring step reads both processes' metrics.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import requests

from tests.conftest import STRONG_PASSWORD
from tests.deploy import walkthrough
from tests.prereq import missing, nginx_path, openssl_path, postgres_bin_dir, systemd_analyze_path
from tests.servers import REPO, PostgresServer, free_port

pytestmark = [pytest.mark.server, pytest.mark.postgres]

GUIDE = walkthrough.GUIDE.read_text()
README = (REPO / "README.md").read_text()
SET_UP = ["packages", "user-and-code", "environment", "database", "secrets", "schema", "systemd", "nginx"]


def step_output(output: str, name: str) -> str:
    """What one block printed (the script marks where each begins)."""
    return output.split(f"### walkthrough: {name}\n", 1)[1].split("### walkthrough: ", 1)[0]


def run(script: str, env: dict[str, str]) -> str:
    """Run a walkthrough script; its output, or a failure with all of it."""
    result = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=240, start_new_session=True
    )
    assert result.returncode == 0, f"the walkthrough failed:\n{result.stdout}\n{result.stderr}"
    print(result.stderr)  # the steps' timings and notes, shown with -s
    return result.stdout


def packages_missing() -> list[str]:
    """Packages step 1 names that are not installed (locally they skip this test; in CI they fail it)."""
    step = walkthrough.blocks(GUIDE)["packages"]
    names = [word for word in step.split()[3:] if not word.startswith("-")]
    return [name for name in names if subprocess.run(["dpkg", "-s", name], capture_output=True).returncode]


@pytest.fixture
def folder():
    """The folder standing for `/` (readable by the service user), and whatever the walkthrough started
    stopped afterwards."""
    path = Path(tempfile.mkdtemp(prefix="bryggan-walkthrough-"))
    path.chmod(0o755)
    (path / "run").mkdir()
    walkthrough.debian_skeleton(path)
    yield path
    walkthrough.stop_everything(path)
    subprocess.run(["rm", "-rf", str(path)], check=False)


def test_every_step_of_the_guide_runs_and_gives_a_service_behind_nginx(folder, redis_server):
    for tool in (nginx_path, openssl_path, systemd_analyze_path):
        tool()
    if packages_missing():
        missing(
            f"packages {packages_missing()} named in step 1",
            "apt-get install -y " + " ".join(packages_missing()),
        )
    blocks = walkthrough.blocks(GUIDE)
    assert list(blocks) == [*SET_UP, "first-admin", "monitoring"], "the guide's steps are not all marked"
    for path in walkthrough.MOVED:
        assert path in "".join(blocks.values()), f"{path} is no longer in the guide: update the walkthrough"
    environment = re.search(r"<<EOF\n(.*?)\nEOF", blocks["secrets"], re.S).group(1)
    for name in (line.split("=", 1)[0] for line in environment.splitlines()):
        assert f"`{name}`" in README, f"{name} from the guide is not in README's configuration table"

    postgres = PostgresServer(postgres_bin_dir())  # its own cluster: the guide creates a role and `bryggan`
    postgres.start()
    try:
        ports = {
            "redis": redis_server.port,
            "postgres": postgres.port,
            "app1": free_port(),
            "app2": free_port(),
        }
        https_port = free_port()
        env = {
            "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": str(folder),
            "LANG": "C.UTF-8",
            "PGHOST": "127.0.0.1",
            "PGPORT": str(postgres.port),
            "PGUSER": "postgres",
            "CI": os.environ.get("CI", ""),
            "WALKTHROUGH_ROOT": str(folder),
            "WALKTHROUGH_REPO": str(REPO),
            "WALKTHROUGH_PYTHON": sys.executable,
            "WALKTHROUGH_HELPER": walkthrough.__file__,
            "WALKTHROUGH_HTTP_PORT": str(free_port()),
            "WALKTHROUGH_HTTPS_PORT": str(https_port),
            "WALKTHROUGH_APP1_PORT": str(ports["app1"]),
            "WALKTHROUGH_APP2_PORT": str(ports["app2"]),
        }
        output = run(walkthrough.script(str(folder), ports, SET_UP), env)

        # Step 7's own check says what the guide's comment says.
        said = step_output(output, "systemd").strip()
        assert f"# {said}" in blocks["systemd"] and said == '{"database":"ok","queue":"ok"}', said
        secrets_file = folder / "etc" / "bryggan" / "bryggan.env"
        assert oct(secrets_file.stat().st_mode & 0o777) == "0o640"

        # Through nginx over HTTPS, as the browser comes: ready, and production cookies are Secure.
        site = f"https://127.0.0.1:{https_port}"
        certificate = folder / "etc" / "ssl" / "bryggan" / "fullchain.pem"
        http = requests.Session()
        http.trust_env = False  # a CA bundle in the environment would override the session's own
        http.verify = str(certificate)
        assert http.get(site + "/readyz", timeout=10).json() == {"database": "ok", "queue": "ok"}
        first = http.get(site + "/api/v1/session", timeout=10)
        assert "Secure" in first.headers["Set-Cookie"]
        signup = http.post(
            site + "/api/v1/signup",
            json={"username": "forsta", "password": STRONG_PASSWORD, "birth_date": "1970-05-31",
                  "accept_guidelines": True},
            headers={"X-CSRF-Token": first.json()["csrf_token"]},
            timeout=30,
        )  # fmt: skip
        assert signup.status_code == 201, signup.text

        named = GUIDE.replace("set-role NAME admin", "set-role forsta admin")
        assert named != GUIDE
        output = run(walkthrough.script(str(folder), ports, ["first-admin", "monitoring"], named), env)
        assert "is now admin" in step_output(output, "first-admin")
        assert http.get(site + "/api/v1/session", timeout=10).json()["user"]["role"] == "admin"
        counts = step_output(output, "monitoring").split()
        assert len(counts) == 2 and all(int(count) > 5 for count in counts), counts
    finally:
        walkthrough.stop_everything(folder)
        postgres.stop()
