"""Real servers for the service tests: started as separate processes on free ports of
127.0.0.1, waited for until they answer, stopped at the end.

A server whose package is missing (or, for Redis, the machine's server that is down) skips
its tests with the reason, except in CI (``CI`` set), where it fails them: CI must not go
green by skipping what it was meant to check.
"""

import os
import socket
import subprocess
import sys
import time
from importlib.util import find_spec, module_from_spec
from pathlib import Path
from unittest import mock

import pytest

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"

# Every variable that switches an optional service on in hub/settings/base.py.
SERVICE_VARIABLES = (
    "DATABASE_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "EMAIL_QUEUE",
    "ELASTICSEARCH_URL",
    "OPENSEARCH_URL",
)


def unavailable(reason: str):
    """Skip, or fail under CI."""
    if os.environ.get("CI"):  # as tests/browser does
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def require_module(module: str, package: str) -> None:
    if find_spec(module) is None:
        unavailable(f"{package} is not installed: pip install -e '.[test]'")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def service_environment(**variables: str) -> dict[str, str]:
    """This process's environment without any service variable, plus ``variables``."""
    environ = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    environ.update(variables)
    return environ


def production_settings(var_dir: Path, **variables: str) -> dict:
    """The settings hub/settings/base.py builds from these environment variables.

    The module is run afresh in a module object of its own (the running settings and
    ``sys.modules`` are left alone), so the tests configure each service exactly as
    production does from its variables, not from a copy of that logic.
    """
    spec = find_spec("hub.settings.base")
    module = module_from_spec(spec)
    environ = service_environment(HUB_VAR_DIR=str(var_dir), **variables)
    with mock.patch.dict(os.environ, environ, clear=True):
        spec.loader.exec_module(module)
    return vars(module)


class ServerProcess:
    """One server in its own process, its output in a log file."""

    def __init__(self, name: str, command: list[str], port: int, log_path: Path, **popen):
        self.name = name
        self.command = command
        self.port = port
        self.log_path = log_path
        self.popen = popen
        self.process: subprocess.Popen | None = None

    def start(self, ready, timeout: float = 20.0) -> None:
        """Start it and wait until ``ready()`` is true (exceptions count as not yet)."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command of our own
            self.command,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            **self.popen,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if ready():
                    return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        pytest.fail(
            f"{self.name} did not start on {HOST}:{self.port} within {timeout:.0f} s:\n"
            f"{self.log_tail()}",
            pytrace=False,
        )

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def python_command(*args: str) -> list[str]:
    return [sys.executable, *args]


def answers_on_port(port: int, expect: bytes = b"") -> bool:
    """A TCP connection is accepted (and, with ``expect``, the greeting starts with it)."""
    with socket.create_connection((HOST, port), timeout=1) as sock:
        if not expect:
            return True
        sock.settimeout(2)
        return sock.recv(64).startswith(expect)
