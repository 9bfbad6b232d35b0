"""``db_worker`` that survives the database going away: the Procfile's ``worker`` process.

django-tasks-db's worker exits on the first ``OperationalError``, so a PostgreSQL restart
(even half a second), a failover or a dropped connection stops the queue until something
restarts the worker, and under honcho takes every other process down with it. This command
takes the same options and runs the same worker; when the database fails, it closes the
connections, waits (1, 2, 4, 8, then every 10 seconds) until the database answers again, and
carries on. SIGTERM and SIGINT stop it as they stop ``db_worker``: at once when it is idle or
waiting for the database, after the current task otherwise.
"""

import logging
import os
import time
from contextlib import suppress
from itertools import chain, repeat

from django.core.management.base import CommandError
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("hub.worker")

RECONNECT_DELAYS = (1, 2, 4, 8, 10)  # seconds; the last repeats until the database answers
DATABASE_DOWN = (OperationalError, InterfaceError)


class ReconnectingWorker(db_worker.Worker):
    def run(self) -> None:
        while True:
            try:
                return super().run()
            except DATABASE_DOWN as exc:
                if not self.running:  # asked to stop while the database failed
                    return None
                logger.warning(
                    "Database unavailable (%s): worker_id=%s will reconnect.",
                    _first_line(exc),
                    self.worker_id,
                )
                self.wait_for_database()

    def wait_for_database(self) -> None:
        alias = DBTaskResult.objects.db
        for attempt, delay in enumerate(chain(RECONNECT_DELAYS, repeat(RECONNECT_DELAYS[-1]))):
            _close_connections()
            time.sleep(delay)
            try:
                connections[alias].ensure_connection()
            except DATABASE_DOWN as exc:
                logger.warning(
                    "Database still unavailable after %d attempt(s) (%s).",
                    attempt + 1,
                    _first_line(exc),
                )
            else:
                logger.warning("Database reachable again: worker_id=%s resumes.", self.worker_id)
                return


def _close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        with suppress(DatabaseError):  # already broken: closing it is all that was wanted
            connection.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Command(db_worker.Command):
    help = (
        "Run a database task worker that reconnects when the database restarts "
        "(django-tasks-db's db_worker exits instead). Same options as db_worker."
    )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        # As db_worker's handle(), with the reconnecting worker.
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning("--reload and --batch cannot be used together: not reloading.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")

        worker = ReconnectingWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the reloader's child process
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
