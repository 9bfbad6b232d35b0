"""The scheduled jobs, declared once.

``manage.py run_scheduler`` runs them (the Procfile's ``scheduler`` process) and
``run_scheduler --list`` prints them; docs/deploying.md lists them and
tests/hub/test_schedule.py checks that the three agree.

Each job is a management command, run without arguments, at times given as a crontab
expression (minute, hour, day of month, month, day of week) in ``settings.TIME_ZONE``
(Europe/London: the times follow British Summer Time). Days of the week are written as names
(``mon``): APScheduler 3 numbers them from Monday, crontab from Sunday, so digits would mean
different days to different readers. Nightly jobs avoid 01:00 to 03:00, the hours the clocks
change.

The scheduler runs each job through :func:`run_job`: fresh database connections, output and
failures logged, never raised, so a failed run never stops the scheduler. A job never runs
twice at once (``max_instances=1``) and runs missed while the process was busy or asleep are
made up once, not once per miss (``coalesce``).
"""

import logging
import time
from dataclasses import dataclass
from io import StringIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connections

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    command: str  # a management command, run without arguments
    cron: str  # minute hour day-of-month month day-of-week, in settings.TIME_ZONE
    description: str

    def trigger(self) -> CronTrigger:
        return CronTrigger.from_crontab(self.cron, timezone=ZoneInfo(settings.TIME_ZONE))


SCHEDULE: tuple[ScheduledJob, ...] = (
    ScheduledJob(
        "send_outbox",
        "*/5 * * * *",
        "every 5 minutes: outbox emails that are due (failed earlier, never queued, "
        "or stopped mid-send)",
    ),
    ScheduledJob(
        "purge_personal_data",
        "30 3 * * *",
        "daily at 03:30: every kind of personal data past its retention period "
        "(hub.personal_data; ideas after SUBMISSIONS_RETENTION_MONTHS, expired drafts, "
        "contact requests, spread-register contacts, bookings of events past "
        "BOOKINGS_RETENTION_DAYS with their feedback comments, subscriptions never confirmed "
        "within HUB_FOLLOW_CONFIRM_DAYS, outbox and sign-in records)",
    ),
    ScheduledJob(
        "purge_search_query_counts",
        "45 3 * * *",
        "daily at 03:45: search term counts older than eight weeks",
    ),
    ScheduledJob(
        "flush_page_views",
        "*/10 * * * *",
        "every 10 minutes: page views counted in the shared cache, written to the database",
    ),
    ScheduledJob(
        "send_benefit_reminders",
        "0 7 * * *",
        "daily at 07:00: the huddle's reminders of benefits due for review (once per "
        "benefit and review date)",
    ),
    ScheduledJob(
        "check_content_upkeep",
        "0 6 * * *",
        "daily at 06:00: review dates of live pages and coach profiles (and the editor "
        "checks of pages), those whose owner left passed to their team, review reminders "
        "(once per item and review period)",
    ),
    ScheduledJob(
        "check_links",
        "15 4 * * *",
        "daily at 04:15: every link in live content checked (one request per host per "
        "second) and the results stored",
    ),
    ScheduledJob(
        "offer_booking_places",
        "*/15 * * * *",
        "every 15 minutes: event places whose offer lapsed (BOOKINGS_OFFER_HOURS) passed "
        "to the next person waiting, and free places offered",
    ),
    ScheduledJob(
        "send_booking_reminders",
        "0 9 * * *",
        "daily at 09:00: a reminder to everyone booked on an event in the next two days "
        "(once per booking)",
    ),
    ScheduledJob(
        "send_booking_feedback_requests",
        "0 10 * * *",
        "daily at 10:00: a short feedback form to everyone booked on an event that ended "
        "in the last week (once per booking)",
    ),
    ScheduledJob(
        "send_huddle_digest",
        "0 7 * * mon",
        "Mondays at 07:00: the huddle's weekly digest (once per member per ISO week)",
    ),
    ScheduledJob(
        "send_following_digest",
        "30 7 * * mon",
        "Mondays at 07:30: weekly digests to people following topics by email "
        "(once per address per ISO week)",
    ),
)

JOB_OPTIONS = {
    # Never two copies of the same job at once: a run still going when the next is due
    # makes the scheduler skip that one (and log a warning).
    "max_instances": 1,
    # Runs missed while the process was busy or suspended are made up once, however late.
    "coalesce": True,
    "misfire_grace_time": None,
}


def get_job(command: str) -> ScheduledJob:
    for job in SCHEDULE:
        if job.command == command:
            return job
    raise KeyError(command)


def run_job(command: str) -> bool:
    """Run one scheduled command as the scheduler does, and say whether it succeeded.

    The thread starts and ends without a database connection: a connection kept from a run
    five minutes (or a week) ago may have been cut by a database restart in between. The
    command's output is logged when it succeeds; a failure is logged with its traceback and
    never raised, so one failed run never stops the scheduler or the other jobs.
    """
    close_old_connections()
    output = StringIO()
    started = time.monotonic()
    try:
        call_command(command, stdout=output, stderr=output)
    except Exception:
        logger.exception(
            "Scheduled job %s failed after %.1f s%s",
            command,
            time.monotonic() - started,
            f"; its output: {output.getvalue().strip()}" if output.getvalue().strip() else "",
        )
        return False
    else:
        logger.info(
            "Scheduled job %s finished in %.1f s: %s",
            command,
            time.monotonic() - started,
            " ".join(output.getvalue().split()) or "no output",
        )
        return True
    finally:
        connections.close_all()  # this thread's connections only


def build_scheduler(jobs=SCHEDULE, scheduler_class=BlockingScheduler, **options):
    """A scheduler (not started) holding ``jobs``, each running :func:`run_job`."""
    scheduler = scheduler_class(timezone=ZoneInfo(settings.TIME_ZONE), **options)
    for job in jobs:
        scheduler.add_job(
            run_job,
            job.trigger(),
            args=[job.command],
            id=job.command,
            name=job.command,
            **JOB_OPTIONS,
        )
    return scheduler
