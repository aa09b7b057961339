"""Prerequisites that pip cannot install: locally a missing one skips its tests, in CI it fails them."""

from __future__ import annotations

import glob
import os
import shutil

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def in_ci() -> bool:
    """CI sets CI=true; there nothing may be skipped for a missing tool."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing(what: str, hint: str) -> None:
    """Fail in CI, skip elsewhere, always saying how to get the tool."""
    message = f"{what} is not installed ({hint}); .ci/run installs it"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def chromium_path() -> str:
    """Debian's Chromium (Playwright's own browser download does not work here)."""
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    missing("Chromium", "apt-get install -y chromium")
    raise AssertionError("unreachable")


def postgres_bin_dir() -> str:
    """The directory holding initdb and pg_ctl of the newest installed PostgreSQL."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return os.path.dirname(found[-1])
    if shutil.which("initdb"):
        return os.path.dirname(shutil.which("initdb"))
    missing("PostgreSQL server", "apt-get install -y postgresql")
    raise AssertionError("unreachable")


def redis_server_path() -> str:
    """Debian's redis-server."""
    found = shutil.which("redis-server")
    if found:
        return found
    missing("Redis", "apt-get install -y redis-server")
    raise AssertionError("unreachable")


def nginx_path() -> str:
    """Debian's nginx (the deploy test runs the shipped site configuration with it)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if found:
        return found
    missing("nginx", "apt-get install -y nginx")
    raise AssertionError("unreachable")


def openssl_path() -> str:
    """The openssl command, for a certificate made at test time."""
    found = shutil.which("openssl")
    if found:
        return found
    missing("openssl", "apt-get install -y openssl")
    raise AssertionError("unreachable")


def systemd_analyze_path() -> str:
    """systemd-analyze, to check the shipped unit files."""
    found = shutil.which("systemd-analyze")
    if found:
        return found
    missing("systemd-analyze", "apt-get install -y systemd")
    raise AssertionError("unreachable")
