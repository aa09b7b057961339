"""The systemd units pass `systemd-analyze verify` and are hardened; the compose file (which cannot be started
here: no container runtime) matches nginx's upstreams, README's configuration table and docs/OPERATIONS.md."""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.prereq import systemd_analyze_path
from tests.servers import REPO

DEPLOY = REPO / "deploy"
UNITS = DEPLOY / "systemd"
COMPOSE = DEPLOY / "containers" / "compose.yaml"
NGINX = DEPLOY / "nginx" / "bryggan.conf"
OPERATIONS = (REPO / "docs" / "OPERATIONS.md").read_text()
README = (REPO / "README.md").read_text()


def unit(name: str) -> configparser.ConfigParser:
    """A unit file as sections of case-sensitive keys."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def test_the_units_pass_systemd_analyze_verify_without_a_warning(tmp_path: Path):
    app = tmp_path / "app"
    (app / ".venv" / "bin").mkdir(parents=True)
    (app / ".venv" / "bin" / "python").symlink_to(sys.executable)
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "bryggan.env").write_text("")
    units = tmp_path / "units"
    units.mkdir()
    service = (UNITS / "bryggan@.service").read_text()
    for path in ("/srv/bryggan/app", "/etc/bryggan/"):
        assert path in service
    service = service.replace("/srv/bryggan/app", str(app)).replace("/etc/bryggan/", f"{tmp_path}/etc/")
    (units / "bryggan@.service").write_text(service)
    (units / "bryggan.target").write_text((UNITS / "bryggan.target").read_text())
    result = subprocess.run(
        [systemd_analyze_path(), "verify", "--man=no", "./bryggan@5001.service", "./bryggan.target"],
        cwd=units, capture_output=True, text=True, env={**os.environ, "SYSTEMD_LOG_COLOR": "0"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "" and result.stdout.strip() == "", result.stderr + result.stdout


def test_the_service_runs_hardened_as_its_own_user():
    service = unit("bryggan@.service")["Service"]
    expected = {
        "User": "bryggan",
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "CapabilityBoundingSet": "",
        "KillSignal": "SIGTERM",
        "Restart": "on-failure",
    }
    assert {key: service.get(key) for key in expected} == expected
    assert "BRYGGAN_PORT=%i" in service["Environment"] and "BRYGGAN_HOST=127.0.0.1" in service["Environment"]
    assert service["ExecStart"].endswith("python app.py")
    assert unit("bryggan@.service")["Install"]["WantedBy"] == "bryggan.target"
    assert unit("bryggan.target")["Install"]["WantedBy"] == "multi-user.target"


@pytest.fixture(scope="module")
def compose() -> dict:
    """compose.yaml with its anchors and merge keys resolved."""
    return yaml.safe_load(COMPOSE.read_text())


def upstream_ports(name: str) -> set[str]:
    """The loopback ports of one upstream block in the nginx site."""
    block = re.search(rf"upstream {name} \{{(.*?)\}}", NGINX.read_text(), re.S).group(1)
    return set(re.findall(r"server 127\.0\.0\.1:(\d+)", block))


def test_compose_has_every_service_the_docs_name(compose):
    services = set(compose["services"])
    assert services == {"nginx", "app1", "app2", "migrate", "postgres", "redis"}
    for service in services:
        assert f"`{service}`" in OPERATIONS, f"{service} is not in docs/OPERATIONS.md"


def test_compose_apps_are_the_upstreams_of_the_unchanged_nginx_site(compose):
    services = compose["services"]
    apps = {name: spec for name, spec in services.items() if name.startswith("app")}
    ports = {spec["environment"]["BRYGGAN_PORT"] for spec in apps.values()}
    assert ports == upstream_ports("bryggan_http") == upstream_ports("bryggan_socketio")
    for spec in apps.values():
        assert spec["network_mode"] == "service:nginx"
        assert spec["environment"]["BRYGGAN_HOST"] == "127.0.0.1"
        assert spec["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        for port in ports:
            assert f"`{port}`" in OPERATIONS
    nginx = services["nginx"]
    assert "../nginx/bryggan.conf:/etc/nginx/conf.d/default.conf:ro" in nginx["volumes"]
    assert set(nginx["ports"]) == {"80:80", "443:443"}
    for port in ("80", "443"):
        assert f"`{port}`" in OPERATIONS


def test_compose_volumes_exist_and_are_documented(compose):
    declared = set(compose["volumes"])
    used = set()
    for name, spec in compose["services"].items():
        for volume in spec.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                # Bind mounts: files of the repository, except the certificates the operator provides.
                if source != "./certs":
                    assert (COMPOSE.parent / source).exists(), f"{name}: {source} does not exist"
                assert f"`{source}`" in OPERATIONS, f"{source} is not in docs/OPERATIONS.md"
            else:
                used.add(source)
    assert used == declared
    for volume in declared:
        assert f"`{volume}`" in OPERATIONS, f"volume {volume} is not in docs/OPERATIONS.md"


def test_compose_variables_are_documented(compose):
    text = COMPOSE.read_text()
    for variable in set(re.findall(r"\$\{(\w+)\}", text)):
        assert f"`{variable}`" in OPERATIONS, f"${{{variable}}} is not in docs/OPERATIONS.md"
    for spec in compose["services"].values():
        for variable in spec.get("environment", {}):
            if variable.startswith("BRYGGAN_"):
                assert f"`{variable}`" in README, f"{variable} is not in README's configuration table"


def test_the_container_image_runs_the_app_as_its_own_user():
    containerfile = (DEPLOY / "containers" / "Containerfile").read_text()
    assert "USER bryggan" in containerfile
    assert 'CMD [".venv/bin/python", "app.py"]' in containerfile
    assert "/healthz" in containerfile
