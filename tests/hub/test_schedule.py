"""The scheduled jobs (hub/schedule.py) and ``manage.py run_scheduler``, the Procfile's
``scheduler``: declared once, listed, documented, and a failing run never stops the rest."""

import logging
import threading
import time
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from apscheduler.schedulers.background import BackgroundScheduler

from hub import schedule
from hub.schedule import SCHEDULE, build_scheduler, get_job, run_job

LONDON = ZoneInfo("Europe/London")
COMMANDS = [job.command for job in SCHEDULE]


@pytest.fixture
def fake_commands():
    """Replace call_command in hub.schedule; jobs touch no database connection."""
    with (
        mock.patch.object(schedule, "close_old_connections"),
        mock.patch.object(schedule, "connections"),
        mock.patch.object(schedule, "call_command") as call_command,
    ):
        yield call_command


def fire_times(command, start, count):
    trigger = get_job(command).trigger()
    times, previous, now = [], None, start
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, now)
        times.append(previous)
        now = previous
    return times


def wait_for(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def all_scheduled_in_the_future(scheduler):
    now = datetime.now(scheduler.timezone)
    return all(job.next_run_time > now for job in scheduler.get_jobs())


def test_every_scheduled_job_is_a_management_command_listed_once():
    assert sorted(COMMANDS) == sorted(
        [
            "send_outbox",
            "purge_personal_data",
            "purge_search_query_counts",
            "send_benefit_reminders",
            "check_content_upkeep",
            "check_links",
            "send_huddle_digest",
            "flush_page_views",
            "offer_booking_places",
            "send_booking_reminders",
            "send_booking_feedback_requests",
            "send_following_digest",
        ]
    )
    assert set(COMMANDS) <= set(get_commands())


def test_days_of_the_week_are_names_not_numbers():
    # APScheduler 3 counts weekdays from Monday, crontab from Sunday: digits would mislead.
    for job in SCHEDULE:
        day_of_week = job.cron.split()[4]
        assert not any(character.isdigit() for character in day_of_week), job


def test_the_times_in_london():
    # Starting the Saturday before the clocks go forward (29 March 2026).
    start = datetime(2026, 3, 28, 12, 1, tzinfo=LONDON)

    runs = fire_times("send_outbox", start, 3)
    assert [run.strftime("%H:%M") for run in runs] == ["12:05", "12:10", "12:15"]

    purge = fire_times("purge_personal_data", start, 3)
    assert [run.strftime("%Y-%m-%d %H:%M %Z") for run in purge] == [
        "2026-03-29 03:30 BST",  # the night the clocks change: 03:30 still comes once
        "2026-03-30 03:30 BST",
        "2026-03-31 03:30 BST",
    ]

    digests = fire_times("send_huddle_digest", start, 2)
    assert [run.strftime("%a %Y-%m-%d %H:%M") for run in digests] == [
        "Mon 2026-03-30 07:00",
        "Mon 2026-04-06 07:00",
    ]


def test_list_prints_the_declared_schedule():
    out = StringIO()
    call_command("run_scheduler", "--list", stdout=out)
    header, *lines = out.getvalue().splitlines()

    assert header == f"Scheduled jobs (times in {settings.TIME_ZONE}):"
    listed = [(line.split()[0], " ".join(line.split()[1:6])) for line in lines]
    assert listed == [(job.command, job.cron) for job in SCHEDULE]


def test_the_deployment_docs_list_every_job_with_its_time():
    docs = Path(settings.BASE_DIR, "docs", "deploying.md").read_text()
    for job in SCHEDULE:
        lines = [line for line in docs.splitlines() if f"`{job.command}`" in line]
        assert any(f"`{job.cron}`" in line for line in lines), job


def test_jobs_never_overlap_and_run_in_the_hub_time_zone():
    scheduler = build_scheduler()
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert list(jobs) == COMMANDS
    for command, job in jobs.items():
        assert job.func is run_job
        assert job.args == (command,)
        assert job.max_instances == 1
        assert job.coalesce is True
        assert str(job.trigger.timezone) == settings.TIME_ZONE


def test_run_job_logs_output_and_failures_and_never_raises(fake_commands, caplog):
    def fake_command(name, stdout, stderr):
        if name == "send_outbox":
            stdout.write("partial output\n")
            raise RuntimeError("mail server on fire")
        stdout.write(f"{name} did its work\n")

    fake_commands.side_effect = fake_command
    with caplog.at_level(logging.INFO, logger="hub.schedule"):
        assert run_job("purge_personal_data") is True
        assert run_job("send_outbox") is False

    succeeded, failed = caplog.records
    assert succeeded.levelno == logging.INFO
    assert "purge_personal_data finished" in succeeded.getMessage()
    assert "purge_personal_data did its work" in succeeded.getMessage()
    assert failed.levelno == logging.ERROR
    assert "send_outbox failed" in failed.getMessage()
    assert "partial output" in failed.getMessage()
    assert failed.exc_info[0] is RuntimeError  # the traceback is logged


def test_a_job_that_raises_does_not_stop_the_scheduler(fake_commands, caplog):
    """The real APScheduler machinery with every job due at once: no waiting for the clock."""
    ran = []
    finished = threading.Semaphore(0)

    def fake_command(name, **kwargs):
        ran.append(name)
        if name == "send_outbox":
            raise RuntimeError("database on fire")

    scheduler = build_scheduler(scheduler_class=BackgroundScheduler)
    scheduler.add_listener(lambda event: finished.release(), EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)

    def run_all_now(commands):
        now = datetime.now(scheduler.timezone)
        for command in commands:
            scheduler.modify_job(command, next_run_time=now)
        for _ in commands:
            assert finished.acquire(timeout=10), f"only {ran} ran"

    fake_commands.side_effect = fake_command
    with caplog.at_level(logging.ERROR, logger="hub.schedule"):
        scheduler.start()
        try:
            run_all_now(COMMANDS)
            # The failed job, and every other, is still scheduled and runs again.
            assert scheduler.running
            assert wait_for(lambda: all_scheduled_in_the_future(scheduler)), scheduler.get_jobs()
            run_all_now(["send_outbox", "send_huddle_digest"])
        finally:
            scheduler.shutdown()

    assert sorted(ran) == sorted([*COMMANDS, "send_outbox", "send_huddle_digest"])
    assert [record.getMessage().split(" after ")[0] for record in caplog.records] == [
        "Scheduled job send_outbox failed",
        "Scheduled job send_outbox failed",
    ]


def test_run_now_runs_a_job_once_and_fails_loudly(fake_commands):
    call_command("run_scheduler", "--run-now", "send_huddle_digest")
    assert fake_commands.call_args.args == ("send_huddle_digest",)

    fake_commands.side_effect = RuntimeError("broken")
    with pytest.raises(CommandError, match="Failed: purge_personal_data"):
        call_command("run_scheduler", "--run-now", "purge_personal_data")


@pytest.mark.django_db(transaction=True)
def test_run_now_runs_the_real_commands_against_the_database(caplog):
    # transaction=True: run_job closes the thread's connections after each job.
    with caplog.at_level(logging.INFO, logger="hub.schedule"):
        call_command("run_scheduler", *[f"--run-now={command}" for command in COMMANDS])
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == len(COMMANDS)
    assert all(" finished in " in message for message in messages), messages


def test_the_weekly_digest_comes_on_the_next_monday_whatever_day_the_scheduler_starts():
    monday_8am = datetime(2026, 11, 30, 8, 0, tzinfo=LONDON)
    for day in range(7):
        (run,) = fire_times("send_huddle_digest", monday_8am + timedelta(days=day), 1)
        assert run == datetime(2026, 12, 7, 7, 0, tzinfo=LONDON)
