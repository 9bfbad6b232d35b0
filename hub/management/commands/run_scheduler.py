import logging
import signal
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.schedule import SCHEDULE, build_scheduler, run_job

logger = logging.getLogger("hub.schedule")


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs declared in hub/schedule.py until stopped (SIGTERM or "
        "Ctrl+C): the Procfile's scheduler process. Run exactly one scheduler per site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--list",
            action="store_true",
            help="Print each job, its crontab time and its next run, and exit.",
        )
        parser.add_argument(
            "--run-now",
            action="append",
            metavar="JOB",
            choices=[job.command for job in SCHEDULE],
            help="Run this job once, now, as the scheduler runs it, and exit: non-zero if it "
            "failed. May be given more than once.",
        )

    def handle(self, *args, **options):
        if options["list"]:
            self.print_schedule()
            return
        if options["run_now"]:
            failed = [command for command in options["run_now"] if not run_job(command)]
            if failed:
                raise CommandError(f"Failed: {', '.join(failed)} (see the log above).")
            return

        if options["verbosity"] < 2:
            # hub.schedule logs one line per run; APScheduler's own lines about adding and
            # running jobs are noise. Its warnings (a run skipped or late) still show.
            logging.getLogger("apscheduler").setLevel(logging.WARNING)
        scheduler = build_scheduler()

        def stop(signum, frame):
            logger.info(
                "Received %s: stopping; running jobs finish first.", signal.strsignal(signum)
            )
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        for line in self.schedule_lines():
            logger.info("%s", line)
        scheduler.start()
        logger.info("Scheduler stopped; the process exits once running jobs finish.")

    def print_schedule(self):
        self.stdout.write("\n  ".join(self.schedule_lines()))

    def schedule_lines(self):
        zone = ZoneInfo(settings.TIME_ZONE)
        now = datetime.now(zone)
        yield f"Scheduled jobs (times in {settings.TIME_ZONE}):"
        for job in SCHEDULE:
            next_run = job.trigger().get_next_fire_time(None, now)
            yield (
                f"{job.command:<32} {job.cron:<13} next {next_run:%a %Y-%m-%d %H:%M}  "
                f"{job.description}"
            )
