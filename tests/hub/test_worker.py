"""The email worker (``manage.py run_worker``, the Procfile's ``worker``) outlives database
restarts.

The end-to-end test runs a throwaway PostgreSQL cluster of its own (never the shared server
that other tests use), migrates a database there, starts ``run_worker`` against it as a
separate process, restarts the cluster and checks that an email queued afterwards is
delivered (an .eml file from the file email backend) by the same, still running, worker.
It needs PostgreSQL's server binaries (/usr/lib/postgresql/<version>/bin, Debian's
postgresql package): it skips without them, except in CI (``CI`` set), where it fails.
"""

import glob
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from email import message_from_bytes
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.db import OperationalError

import psycopg
import pytest

from hub.management.commands import run_worker

logger = logging.getLogger(__name__)

MANAGE = Path(settings.BASE_DIR, "manage.py")
DELIVERY_TIMEOUT = 30  # seconds
WORKER_ARGS = "--backend email --queue-name email --no-reload --interval 0.2"
# Unset for the worker: no SMTP server, cache, search engine or object storage in this test.
SERVICE_VARIABLES = {
    "EMAIL_HOST",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "OPENSEARCH_URL",
    "AWS_STORAGE_BUCKET_NAME",
}
# An email recorded in the outbox: outside a transaction, queued for the worker at once.
EMAIL_SHELL = (
    "from hub import outbox; outbox.record(key={subject!r}, purpose='huddle_notice', "
    "to='a@example.org', subject={subject!r}, body='Body')"
)


# Unit level: the reconnect loop, without a database ----------------------------------------


def make_worker():
    return run_worker.ReconnectingWorker(
        queue_names=["email"],
        interval=0,
        batch=False,
        backend_name="email",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def test_worker_waits_with_backoff_until_the_database_answers_then_carries_on(caplog):
    worker = make_worker()
    # db_worker's loop fails once (the database went away), then runs until it stops.
    library_run = mock.Mock(side_effect=[OperationalError("server closed the connection"), None])
    database = mock.MagicMock()
    # The database stays down for six tries, then answers.
    database.__getitem__.return_value.ensure_connection.side_effect = [
        *[OperationalError("connection refused")] * 6,
        None,
    ]
    with (
        mock.patch.object(run_worker.db_worker.Worker, "run", library_run),
        mock.patch.object(run_worker, "connections", database),
        mock.patch.object(run_worker.time, "sleep") as sleep,
        caplog.at_level(logging.WARNING, logger="hub.worker"),
    ):
        worker.run()

    assert library_run.call_count == 2  # resumed after the failure
    assert [call.args[0] for call in sleep.call_args_list] == [1, 2, 4, 8, 10, 10, 10]
    messages = [record.getMessage() for record in caplog.records]
    assert messages[0].startswith("Database unavailable (server closed the connection)")
    assert messages[-1] == "Database reachable again: worker_id=test-worker resumes."


def test_worker_stops_instead_of_reconnecting_when_asked_to_stop():
    worker = make_worker()
    worker.running = False  # SIGTERM arrived during a task, then the database failed

    failing_run = mock.Mock(side_effect=OperationalError("gone"))
    with (
        mock.patch.object(run_worker.db_worker.Worker, "run", failing_run),
        mock.patch.object(run_worker.time, "sleep") as sleep,
    ):
        worker.run()
    sleep.assert_not_called()


def test_procfile_runs_the_reconnecting_worker_and_the_scheduler():
    procfile = Path(settings.BASE_DIR, "Procfile").read_text()
    processes = dict(line.split(":", 1) for line in procfile.splitlines() if line.strip())
    assert set(processes) == {"web", "worker", "scheduler"}
    assert processes["web"].split()[:2] == ["gunicorn", "hub.wsgi"]
    assert "manage.py run_worker --backend email --queue-name email" in processes["worker"]
    assert "manage.py run_scheduler" in processes["scheduler"]


# End to end: a real PostgreSQL restart -----------------------------------------------------


def _pg_bin() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda path: int(Path(path).parts[-3]),
    )
    reason = None
    if not found:
        reason = "PostgreSQL's server binaries (/usr/lib/postgresql/*/bin) are not installed"
    elif os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            reason = "running as root and there is no postgres user to run PostgreSQL as"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and the restart test must run, but {reason}", pytrace=False)
        pytest.skip(reason)
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


INITDB_ARGS = ("-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")


class Cluster:
    """A PostgreSQL cluster in a temporary folder, on a free port, with trust auth.

    PostgreSQL refuses to run as root: as root, its programs run as the postgres user.
    """

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="hub-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgresql.log"
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/hub"

    def run(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603

    def pg_ctl(self, action: str, *args: str) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        server_options = ["-o", options] if action in {"start", "restart"} else []
        self.run(
            "pg_ctl",
            action,
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            *args,
            *server_options,
        )

    def create(self) -> None:
        self.run("initdb", "-D", str(self.data), *INITDB_ARGS)
        self.pg_ctl("start")
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute("CREATE DATABASE hub")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self.pg_ctl("stop", "-m", "immediate")
            except subprocess.SubprocessError:
                logger.warning("Could not stop the test cluster in %s", self.root)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def cluster():
    server = Cluster(_pg_bin())
    try:
        server.create()
        yield server
    finally:
        server.destroy()


def _wait_for(condition, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def test_worker_delivers_email_after_postgresql_restarts(cluster, tmp_path):
    started = time.monotonic()
    var_dir = tmp_path / "var"
    mail_dir = var_dir / "mail"
    environment = {
        key: value for key, value in os.environ.items() if key not in SERVICE_VARIABLES
    } | {
        # The worker as deployed: production settings, persistent database connections.
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": "test-only-insecure-key-for-the-worker-restart-test",
        "ALLOWED_HOSTS": "localhost",
        "HUB_BASE_URL": "http://localhost",
        "DATABASE_URL": cluster.url,
        "DATABASE_CONN_MAX_AGE": "60",
        "EMAIL_QUEUE": "database",
        "HUB_VAR_DIR": str(var_dir),  # EMAIL_HOST unset: emails become .eml files here
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }

    def manage(*args: str) -> None:
        result = subprocess.run(  # noqa: S603 - our own manage.py, test-controlled arguments
            [sys.executable, str(MANAGE), *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stderr}"

    def delivered(count: int) -> bool:
        return len(list(mail_dir.glob("*.eml"))) >= count

    manage("migrate", "--noinput", "--skip-checks", "-v", "0")
    migrated = time.monotonic()
    worker_log = tmp_path / "worker.log"
    with worker_log.open("wb") as log_file:
        worker = subprocess.Popen(  # noqa: S603 - a fixed command of our own
            [sys.executable, str(MANAGE), "run_worker", *WORKER_ARGS.split()],
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )

    def log() -> str:
        return worker_log.read_text()

    try:
        assert _wait_for(lambda: "Starting worker" in log(), 30), log()

        # A restart as an operator or a minor-version upgrade does it: the worker's open
        # connection is cut and the server is briefly gone.
        restart = time.monotonic()
        cluster.pg_ctl("restart", "-m", "fast")
        restarted = time.monotonic()
        manage("shell", "-c", EMAIL_SHELL.format(subject="After a restart"))
        assert _wait_for(lambda: delivered(1), DELIVERY_TIMEOUT), log()
        first_delivery = time.monotonic()
        assert worker.poll() is None, log()

        # An outage longer than the worker's polling interval, so it certainly meets a
        # refused connection (a quick restart may fall between two polls).
        outages = log().count("Database unavailable")
        cluster.pg_ctl("stop", "-m", "fast")
        assert _wait_for(lambda: log().count("Database unavailable") > outages, 10), log()
        cluster.pg_ctl("start")
        manage("shell", "-c", EMAIL_SHELL.format(subject="After an outage"))
        assert _wait_for(lambda: delivered(2), DELIVERY_TIMEOUT), log()
        second_delivery = time.monotonic()
        assert worker.poll() is None, log()
        assert log().count("Database reachable again") == outages + 1, log()

        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0, log()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()

    subjects = sorted(
        message_from_bytes(path.read_bytes())["Subject"] for path in mail_dir.glob("*.eml")
    )
    assert subjects == ["After a restart", "After an outage"]
    logger.info(
        "migrate %.1f s; restart %.1f s; delivered %.1f s after the restart; outage and "
        "delivery %.1f s; whole test %.1f s",
        migrated - started,
        restarted - restart,
        first_delivery - restarted,
        second_delivery - first_delivery,
        time.monotonic() - started,
    )
