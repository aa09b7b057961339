"""docs/OPERATIONS.md's set-up, step by step, as CI can run it: the guide's `walkthrough:` shell blocks in
order, in one bash, against a temporary folder standing for `/`, with what needs the network or systemd as
PID 1 replaced by shell functions that do what CI can (see the guide's "What CI runs of these steps").

Also a small command line (`python walkthrough.py venv|pip-install|verify-units|start|certbot|nginx-test|
nginx-start ...`) that those shell functions call; it reads its settings from WALKTHROUGH_* variables.
"""

from __future__ import annotations

import configparser
import os
import re
import shlex
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from contextlib import suppress
from importlib import metadata
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "OPERATIONS.md"
MARKED = re.compile(
    r"<!-- walkthrough: (?P<name>[\w-]+) -->\n(?P<indent> *)```sh\n(?P<body>.*?)\n *```", re.S
)
# Absolute paths of a real server, moved under the temporary folder; each must be in the guide.
MOVED = (
    "/srv/bryggan",
    "/etc/bryggan",
    "/etc/systemd/system",
    "/etc/nginx",
    "/etc/ssl/bryggan",
    "/etc/letsencrypt",
    "/var/cache/nginx/bryggan",
)


def blocks(text: str) -> dict[str, str]:
    """The guide's marked shell blocks by name, in their order, without the list's indentation."""
    return {found["name"]: textwrap.dedent(found["body"]) for found in MARKED.finditer(text)}


def moved(text: str, root: str) -> str:
    """The real server's paths under `root`."""
    for path in MOVED:
        text = re.sub(rf"(?<![\w/.]){re.escape(path)}(?=[/\s'\"]|$)", root + path, text, flags=re.M)
    return text


def localized(script: str, root: str, ports: dict[str, int]) -> str:
    """A block as CI runs it: paths under `root`, the throw-away servers' ports, free app ports."""
    replacements = {
        "127.0.0.1:6379": f"127.0.0.1:{ports['redis']}",
        "@127.0.0.1/bryggan": f"@127.0.0.1:{ports['postgres']}/bryggan",
        "5001": str(ports["app1"]),
        "5002": str(ports["app2"]),
    }
    script = moved(script, root)
    for old, new in replacements.items():
        script = script.replace(old, new)
    return script


def debian_skeleton(folder: Path) -> None:
    """What a Debian 12 server with the step-1 packages already has under `/`: systemd's unit folder, and
    nginx's site folders with its `default` site enabled (step 8 removes it)."""
    for path in (
        "etc/systemd/system",
        "etc/nginx/sites-available",
        "etc/nginx/sites-enabled",
        "var/cache/nginx",
    ):
        (folder / path).mkdir(parents=True, exist_ok=True)
    (folder / "etc/nginx/sites-available/default").write_text("# Debian's default site\n")
    (folder / "etc/nginx/sites-enabled/default").symlink_to(folder / "etc/nginx/sites-available/default")


# Shell functions that stand in for what CI cannot do; each says what it does instead (the guide's table).
SHIMS = r"""
walkthrough() { "$WALKTHROUGH_PYTHON" "$WALKTHROUGH_HELPER" "$@"; }
apt-get() {  # no download: every package named must be installed already
  [ "$1" = install ] || { echo "walkthrough: apt-get $1 is not run" >&2; return 1; }
  shift
  local package
  for package in "$@"; do
    case "$package" in -*) ;; *) dpkg -s "$package" >/dev/null 2>&1 \
      || { echo "walkthrough: package $package is not installed" >&2; return 1; } ;; esac
  done
}
useradd() {  # for real when root, once
  local name="${*: -1}"
  if [ "$(id -u)" != 0 ]; then echo "walkthrough: not root, user $name not created"; return 0; fi
  id "$name" >/dev/null 2>&1 || command useradd "$@"
}
runuser() {  # as root for real (unless the user cannot read the test's packages); otherwise as oneself
  local user="$2"; shift 3
  if [ "$(id -u)" = 0 ] && { [ "$user" = postgres ] || walkthrough can-run-as "$user"; }; then
    command runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}
chown() { if [ "$(id -u)" = 0 ]; then command chown "$@"; fi; }
git() {  # the checked-out tree under test instead of a clone from the network
  [ "$1" = clone ] || { command git "$@"; return; }
  local target="${*: -1}"
  mkdir -p "$target"
  command git -C "$WALKTHROUGH_REPO" ls-files -z --cached --others --exclude-standard \
    | tar -C "$WALKTHROUGH_REPO" --null --ignore-failed-read -T - -cf - | tar -C "$target" -xf -
}
python3() {
  if [ "${1:-}" = -m ] && [ "${2:-}" = venv ]; then walkthrough venv "$3"; else command python3 "$@"; fi
}
systemctl() {  # no systemd as PID 1
  case "$1" in
    daemon-reload) walkthrough verify-units ;;
    enable) shift; [ "$1" = --now ] && shift; walkthrough start "$@" ;;
    reload) [ "$2" = nginx ] && walkthrough nginx-start ;;
    *) echo "walkthrough: systemctl $* is not run" >&2; return 1 ;;
  esac
}
certbot() { walkthrough certbot "$@"; }
nginx() { [ "$1" = -t ] && walkthrough nginx-test; }
"""


def script(root: str, ports: dict[str, int], names: list[str], guide: str | None = None) -> str:
    """The bash script of the named blocks, shims first."""
    found = blocks(guide if guide is not None else GUIDE.read_text())
    missing = [name for name in names if name not in found]
    assert not missing, f"docs/OPERATIONS.md has no walkthrough block {missing}"
    # A root shell's umask on Debian: what the steps create is readable by the service user.
    parts = ["set -euo pipefail", "umask 022", SHIMS]
    for name in names:
        parts.append(
            f"echo '### walkthrough: {name}'; echo \"walkthrough: {name} begins at ${{SECONDS}} s\" >&2"
        )
        parts.append(localized(found[name], root, ports))
    return "\n".join(parts) + "\n"


# --- the helper commands the shims call -------------------------------------------------------------------


def setting(name: str) -> str:
    """A WALKTHROUGH_* setting."""
    return os.environ[f"WALKTHROUGH_{name}"]


def root() -> Path:
    """The folder standing for `/`."""
    return Path(setting("ROOT"))


def make_venv(target: str) -> None:
    """`python3 -m venv`, for real, but without pip (nothing can be downloaded), from the Python the test runs
    on, whose packages `pip install` links in (another Python's would not fit them)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", target], check=True)
    pip = Path(target) / "bin" / "pip"
    pip.write_text(
        f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {shlex.quote(__file__)} pip-install {target} "$@"\n'
    )
    pip.chmod(0o755)


def pip_install(venv: str, *args: str) -> None:
    """`pip install APP` without PyPI: the test run's packages are linked in, every dependency of the project
    must be among them, and the console scripts pip would write are written."""
    assert args and args[0] == "install", f"walkthrough: pip {args} is not run"
    project = tomllib.loads((Path(args[-1]) / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        metadata.version(re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0])  # raises if missing
    python = Path(venv) / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    ours = [path for path in sys.path if path.endswith("site-packages")]
    Path(purelib, "walkthrough-packages.pth").write_text("\n".join(ours) + "\n")
    scripts = {"flask": "flask.cli", "pybabel": "babel.messages.frontend"}
    for name, module in scripts.items():
        path = Path(venv) / "bin" / name
        path.write_text(f"#!{python}\nimport sys\nfrom {module} import main\nsys.exit(main())\n")
        path.chmod(0o755)


def can_run_as(user: str) -> None:
    """Exit 0 when `user` can run the release's Python with its packages (not so when the test's packages
    or its Python live under /root, say). Asked once per walkthrough."""
    import pwd

    answer = root() / "run" / f"can-run-as-{user}"
    if not answer.exists():
        python = root() / "srv" / "bryggan" / "app" / ".venv" / "bin" / "python"
        try:
            pwd.getpwnam(user)
            check = ["runuser", "-u", user, "--", str(python), "-c", "import flask, babel"]
            code = subprocess.run(check, capture_output=True).returncode
        except KeyError:
            code = 1
        if code != 0:
            print(
                f"walkthrough: {user} cannot run {python} with its packages: as root instead", file=sys.stderr
            )
        answer.write_text(str(code))
    sys.exit(int(answer.read_text()))


def unit_files() -> Path:
    """Where step 7 installed the units."""
    return root() / "etc" / "systemd" / "system"


def verify_units() -> None:
    """`systemctl daemon-reload`: `systemd-analyze verify` on the installed units (paths under the folder)."""
    units = root() / "verify"
    units.mkdir(exist_ok=True)
    for path in unit_files().iterdir():
        (units / path.name).write_text(moved(path.read_text(), str(root())))
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", "./bryggan@5001.service", "./bryggan.target"],
        cwd=units, capture_output=True, text=True, env={**os.environ, "SYSTEMD_LOG_COLOR": "0"},
    )  # fmt: skip
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, f"systemd-analyze verify: {output}"


def unit(name: str) -> configparser.ConfigParser:
    """An installed unit file."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read_string((unit_files() / name).read_text())
    return parser


def start(*names: str) -> None:
    """`systemctl enable --now`: each instance must be wanted by bryggan.target; its ExecStart line runs by
    hand with the unit's user, directory and environment, and must answer /healthz."""
    assert "bryggan.target" in names and (unit_files() / "bryggan.target").exists()
    template = unit("bryggan@.service")
    assert template["Install"]["WantedBy"] == "bryggan.target"
    service = template["Service"]
    started = []
    for name in names:
        if name == "bryggan.target":
            continue
        port = re.fullmatch(r"bryggan@(\d+)(?:\.service)?", name)
        assert port, f"walkthrough: unknown unit {name}"
        instance = port.group(1)
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        env_file = Path(moved(service["EnvironmentFile"], str(root())))
        for line in env_file.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, value = line.split("=", 1)
                env[key] = value
        for pair in service["Environment"].split():
            key, value = pair.split("=", 1)
            env[key] = value.replace("%i", instance)
        command = shlex.split(moved(service["ExecStart"], str(root())))
        user = service["User"]
        as_user = (
            os.geteuid() == 0
            and subprocess.run([sys.executable, __file__, "can-run-as", user], env=os.environ).returncode == 0
        )
        if as_user:
            command = ["runuser", "-u", user, "--", *command]
        log = open(root() / "run" / f"{name}.log", "wb")  # noqa: SIM115 - the process keeps it
        process = subprocess.Popen(
            command, cwd=moved(service["WorkingDirectory"], str(root())), env=env,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        (root() / "run" / f"{name}.pid").write_text(str(process.pid))
        started.append((f"http://127.0.0.1:{instance}/healthz", process, root() / "run" / f"{name}.log"))
    for url, process, log_path in started:  # started together, as systemd starts them
        wait_until_ready(url, process, log_path)


def wait_until_ready(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    """Until the URL answers 200 (or the process died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"walkthrough: {process.args} exited:\n{log.read_text(errors='replace')}")
        try:
            if requests.get(url, timeout=2, verify=False).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise SystemExit(f"walkthrough: {url} did not answer:\n{log.read_text(errors='replace')}")


def certbot(*args: str) -> None:
    """`certbot certonly -d NAME`: a self-signed certificate for 127.0.0.1 where certbot would put one."""
    name = args[args.index("-d") + 1]
    live = root() / "etc" / "letsencrypt" / "live" / name
    live.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(live / "privkey.pem"), "-out", str(live / "fullchain.pem"), "-subj", "/CN=127.0.0.1",
         "-addext", f"subjectAltName=IP:127.0.0.1,DNS:{name}"],
        check=True, capture_output=True,
    )  # fmt: skip


def nginx_files() -> tuple[list[str], Path]:
    """nginx's command line around the installed site, with listening ports and paths moved."""
    enabled = root() / "etc" / "nginx" / "sites-enabled"
    assert not (enabled / "default").exists(), "the default site is still enabled"
    text = (enabled / "bryggan").read_text()
    run = root() / "run"
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{setting('HTTP_PORT')};",
        "listen 443 ssl;": f"listen 127.0.0.1:{setting('HTTPS_PORT')} ssl;",
        "return 301 https://$host$request_uri;": f"return 301 https://$host:{setting('HTTPS_PORT')}$request_uri;",
        "127.0.0.1:5001": f"127.0.0.1:{setting('APP1_PORT')}",
        "127.0.0.1:5002": f"127.0.0.1:{setting('APP2_PORT')}",
        "/var/log/nginx/": f"{run}/",
    }
    for old, new in replacements.items():
        assert old in text, f"{old!r} is no longer in the site file: update the walkthrough"
        text = text.replace(old, new)
    site = run / "bryggan.conf"
    site.write_text(moved(text, str(root())))
    temp = "\n".join(
        f"    {kind}_temp_path {run}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = run / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(
        f"daemon off;\nworker_processes 1;\npid {run}/nginx.pid;\n{user}\n"
        f"events {{ worker_connections 64; }}\nhttp {{\n    include /etc/nginx/mime.types;\n{temp}\n"
        f"    access_log off;\n    include {site};\n}}\n"
    )
    return ["/usr/sbin/nginx", "-p", str(run), "-c", str(conf), "-e", str(run / "nginx-main-error.log")], run


def nginx_test() -> None:
    """`nginx -t` on the installed site."""
    command, _run = nginx_files()
    result = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def nginx_start() -> None:
    """`systemctl reload nginx`: nginx starts in the foreground (detached) on the installed site."""
    command, run = nginx_files()
    log = open(run / "nginx.log", "wb")  # noqa: SIM115 - the process keeps it
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    (run / "nginx.pid.walkthrough").write_text(str(process.pid))
    wait_until_ready(f"https://127.0.0.1:{setting('HTTPS_PORT')}/healthz", process, run / "nginx.log")


def stop_everything(folder: Path) -> None:
    """Stop the processes the walkthrough started (by the pids it wrote), SIGTERM then SIGKILL."""
    pids = [int(path.read_text()) for path in (folder / "run").glob("*.pid*") if path.read_text().strip()]
    for pid in pids:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for pid in pids:
        while time.monotonic() < deadline:
            try:
                os.killpg(pid, 0)
            except (ProcessLookupError, PermissionError):
                break
            time.sleep(0.1)
        else:
            with suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)


COMMANDS = {
    "venv": make_venv,
    "pip-install": pip_install,
    "can-run-as": can_run_as,
    "verify-units": verify_units,
    "start": start,
    "certbot": certbot,
    "nginx-test": nginx_test,
    "nginx-start": nginx_start,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
