"""Outgoing email goes through the "email" task backend: immediate or a database queue."""

from django.core import mail
from django.core.management import call_command
from django.test import override_settings

import pytest
from django_tasks_db.models import DBTaskResult

from hub.email import queue_email

IMMEDIATE = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
DATABASE_QUEUE = {
    "default": IMMEDIATE,
    "email": {"BACKEND": "django_tasks_db.backend.DatabaseBackend", "QUEUES": ["email"]},
}


def test_immediate_backend_sends_at_once():
    result = queue_email("Your idea has been received", "Thank you.", ["sam@example.org"])
    assert result.status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your idea has been received"
    assert mail.outbox[0].to == ["sam@example.org"]


def test_html_alternative_and_reply_to():
    queue_email(
        "Contact request",
        "Plain text",
        ["coach@example.org"],
        html_body="<p>Rich text</p>",
        reply_to=["requester@example.org"],
    )
    message = mail.outbox[0]
    assert message.alternatives[0][0] == "<p>Rich text</p>"
    assert message.reply_to == ["requester@example.org"]


@override_settings(EMAIL_BACKEND="tests.hub.test_email_queue.BrokenBackend")
def test_a_mail_server_failure_is_recorded_not_raised():
    result = queue_email("Subject", "Body", ["sam@example.org"])
    assert result.status == "FAILED"
    assert "SMTPServerDisconnected" in result.errors[0].exception_class_path


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_database_queue_holds_email_until_the_worker_sends_it():
    result = queue_email("Queued", "Body", ["sam@example.org"])
    assert result.status == "READY"
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
    assert [m.subject for m in mail.outbox] == ["Queued"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
