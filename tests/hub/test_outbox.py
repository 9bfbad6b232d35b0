"""The outbox (hub/outbox.py): every email recorded once, sent after the commit through the
"email" task backend (immediate or a database queue), retried with back-off, sent once, and
swept by ``manage.py send_outbox``. What each app's emails say is tested with the app
(tests/submissions/test_emails.py, tests/directory/test_contact.py)."""

import smtplib
from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation

import pytest
from django_tasks_db.models import DBTaskResult

from demo.factories import IdeaSubmissionFactory, OutboxEmailFactory
from hub import outbox
from hub.enums import EmailPurpose, EmailStatus
from hub.models import OutboxEmail

pytestmark = pytest.mark.django_db

IMMEDIATE = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
DATABASE_QUEUE = {
    "default": IMMEDIATE,
    "email": {"BACKEND": "django_tasks_db.backend.DatabaseBackend", "QUEUES": ["email"]},
}


class BrokenBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def record(key="test:1", **fields):
    return outbox.record(
        **{
            "key": key,
            "purpose": EmailPurpose.HUDDLE_NOTICE,
            "to": "sam@example.org",
            "subject": "New idea: QI-7K4M-2Q",
            "body": "Plain text",
            **fields,
        }
    )


def test_an_email_is_recorded_once_and_sent_after_the_commit(django_capture_on_commit_callbacks):
    idea = IdeaSubmissionFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with translation.override("pl"):
            email = record(cause=idea, reply_to="jo@example.org", html_body="<p>Rich text</p>")
        again = record(subject="Recorded twice")
    assert again == email
    assert (email.purpose, email.cause, email.language) == ("huddle_notice", idea, "pl")
    assert list(idea.outbox_emails.all()) == [email]
    assert len(callbacks) == 1  # queued once, and only once the transaction commits
    assert mail.outbox == []

    callbacks[0]()

    (message,) = mail.outbox
    assert (message.subject, message.to, message.body) == (
        "New idea: QI-7K4M-2Q",
        ["sam@example.org"],
        "Plain text",
    )
    assert message.reply_to == ["jo@example.org"]
    assert message.alternatives[0] == ("<p>Rich text</p>", "text/html")
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 1
    assert email.sent_at is not None
    assert email.body == email.html_body == ""  # it may have held a private link


@override_settings(EMAIL_BACKEND="tests.hub.test_outbox.BrokenBackend")
def test_a_mail_server_failure_is_recorded_not_raised(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = record()
    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert email.next_attempt_at > timezone.now()
    assert email.body  # kept until it has gone


@override_settings(EMAIL_BACKEND="tests.hub.test_outbox.BrokenBackend")
def test_back_off_grows_and_gives_up_after_the_last_attempt(caplog):
    email = OutboxEmailFactory()
    now = timezone.now()
    delays = []
    for _attempt in range(outbox.MAX_ATTEMPTS):
        status = outbox.attempt_delivery(email.pk, now=now)
        email.refresh_from_db()
        if email.next_attempt_at:
            delays.append(email.next_attempt_at - now)
            now = email.next_attempt_at
    assert status == EmailStatus.FAILED
    assert email.attempts == outbox.MAX_ATTEMPTS
    assert delays == outbox.RETRY_DELAYS
    assert f"Gave up sending {email.key} after 6 attempts" in caplog.text
    assert outbox.attempt_delivery(email.pk, now=now + timedelta(days=2)) == EmailStatus.FAILED
    assert outbox.send_due_emails(now=now + timedelta(days=30)) == 0
    email.refresh_from_db()
    assert email.attempts == outbox.MAX_ATTEMPTS


def test_retries_send_once_and_never_again():
    with override_settings(EMAIL_BACKEND="tests.hub.test_outbox.BrokenBackend"):
        email = OutboxEmailFactory()
        outbox.attempt_delivery(email.pk)
    email.refresh_from_db()

    assert outbox.send_due_emails() == 0  # not due yet
    later = email.next_attempt_at + timedelta(seconds=1)
    assert outbox.send_due_emails(now=later) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 2, "")

    # The sweep again, or a stray queued task for the sent email, sends nothing more.
    assert outbox.send_due_emails(now=later + timedelta(days=1)) == 0
    assert outbox.deliver_email.call(email.pk) == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_an_email_never_queued_is_sent_by_the_sweep_after_a_grace_period():
    OutboxEmailFactory()  # recorded, but its task never ran (the queue was down)
    assert outbox.send_due_emails() == 0  # its own task may still come
    assert outbox.send_due_emails(now=timezone.now() + outbox.QUEUE_GRACE) == 1
    assert len(mail.outbox) == 1


def test_an_email_being_sent_by_another_worker_is_left_alone():
    email = OutboxEmailFactory(status=EmailStatus.SENDING)
    assert outbox.attempt_delivery(email.pk) == EmailStatus.SENDING
    assert mail.outbox == []
    # ...unless that worker died: a stale claim is retried.
    stale = timezone.now() + outbox.STALE_CLAIM + timedelta(minutes=1)
    assert outbox.send_due_emails(now=stale) == 1
    assert len(mail.outbox) == 1


def test_an_email_with_nowhere_to_go_is_failed_at_once_and_never_attempted(caplog):
    email = record(to="", undeliverable="Coach profile 7 has no email address")
    assert email.status == EmailStatus.FAILED
    assert email.last_error == "Coach profile 7 has no email address"
    assert "Cannot send test:1" in caplog.text
    assert outbox.send_due_emails(now=timezone.now() + timedelta(days=1)) == 0
    assert email.attempts == 0 and mail.outbox == []


def test_an_email_deleted_while_it_is_sent_stays_deleted(monkeypatch):
    """Retention (or a deleted contact request) may remove a row mid-send: the outcome must
    not write it back."""
    email = OutboxEmailFactory()
    real_send = outbox._send

    def send_then_lose_the_row(claimed):
        real_send(claimed)
        OutboxEmail.objects.filter(pk=claimed.pk).delete()

    monkeypatch.setattr(outbox, "_send", send_then_lose_the_row)
    assert outbox.attempt_delivery(email.pk) == EmailStatus.SENT
    assert not OutboxEmail.objects.exists()
    assert outbox.attempt_delivery(email.pk) == "missing"


def test_the_database_queue_defers_the_retry(settings):
    """With a backend that can defer (the database queue), a failure re-queues itself."""
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "tests.hub.test_outbox.BrokenBackend"
    email = OutboxEmailFactory()

    outbox.attempt_delivery(email.pk)

    email.refresh_from_db()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "hub.outbox.deliver_email"
    assert queued.args_kwargs["args"] == [email.pk]
    assert queued.run_after == email.next_attempt_at


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_the_database_queue_holds_the_email_until_the_worker_sends_it():
    email = record()  # autocommit: queued at once
    assert DBTaskResult.objects.filter(queue_name="email").count() == 1
    assert mail.outbox == []

    call_command(
        "db_worker",
        "--backend",
        "email",
        "--queue-name",
        "email",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )
    assert [m.subject for m in mail.outbox] == ["New idea: QI-7K4M-2Q"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


def test_the_send_outbox_command_sends_what_is_due():
    due = OutboxEmailFactory.create_batch(2)
    OutboxEmail.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    OutboxEmailFactory(status=EmailStatus.SENT)
    OutboxEmailFactory()  # just recorded: left to its own task

    out = StringIO()
    call_command("send_outbox", stdout=out)

    assert out.getvalue().strip() == "Outbox emails attempted: 2."
    assert len(mail.outbox) == 2
    assert {email.status for email in OutboxEmail.objects.filter(pk__in=[e.pk for e in due])} == {
        EmailStatus.SENT
    }
