"""Emails after submit: queued only after the commit, escaped, retried, never sent twice."""

import smtplib
from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from hub.models import HubSettings
from submissions import tasks
from submissions.models import EmailStatus, IdeaSubmission, OutgoingEmail
from tests.submissions.conftest import HUDDLE_EMAIL, complete_form, valid_answers

pytestmark = pytest.mark.django_db

CHECK = reverse("submissions:check")


class BrokenBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class HuddleOnlyBrokenBackend:
    """Delivers to everyone except the huddle address: a partial success."""

    def __init__(self, *args, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.real = EmailBackend()

    def send_messages(self, messages):
        if any(HUDDLE_EMAIL in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({HUDDLE_EMAIL: (450, b"Mailbox busy")})
        return self.real.send_messages(messages)


def submit(client, capture):
    with capture(execute=True) as callbacks:
        response = client.post(CHECK)
    assert response.status_code == 302
    return callbacks


def test_emails_are_queued_only_after_the_commit(
    completed_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        completed_client.post(CHECK)
    # Recorded with the submission, but nothing sent while the transaction was open.
    assert OutgoingEmail.objects.count() == 2
    assert mail.outbox == []
    assert len(callbacks) == 2

    for callback in callbacks:
        callback()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        ["jo@example.org", HUDDLE_EMAIL]
    )


def test_the_receipt_has_the_reference_summary_next_steps_and_status_link(
    completed_client, django_capture_on_commit_callbacks
):
    submit(completed_client, django_capture_on_commit_callbacks)
    submission = IdeaSubmission.objects.get()
    receipt = next(m for m in mail.outbox if m.to == ["jo@example.org"])

    assert submission.reference in receipt.subject
    assert submission.reference in receipt.body
    assert "Fewer falls on ward 7" in receipt.body
    assert "What happens next" in receipt.body
    assert "http://testserver/submit-an-idea/status/" in receipt.body
    token = receipt.body.split("/submit-an-idea/status/")[1].split("/")[0]
    assert IdeaSubmission.for_status_token(token) == submission
    html_body, mimetype = receipt.alternatives[0]
    assert mimetype == "text/html"
    assert f"/submit-an-idea/status/{token}/" in html_body


def test_the_huddle_notice_carries_no_personal_details(
    completed_client, django_capture_on_commit_callbacks
):
    submit(completed_client, django_capture_on_commit_callbacks)
    submission = IdeaSubmission.objects.get()
    notice = next(m for m in mail.outbox if m.to == [HUDDLE_EMAIL])

    assert notice.subject == f"New idea: {submission.reference}"
    assert "Fewer falls on ward 7" in notice.body
    assert "http://testserver/admin/" in notice.body
    everything = notice.body + notice.alternatives[0][0]
    for personal in ("Jo Bloggs", "jo@example.org", "Ward sister", "127.0.0.1"):
        assert personal not in everything
    assert "/status/" not in everything


def test_no_huddle_notice_without_a_huddle_address(
    completed_client, hub_site, django_capture_on_commit_callbacks
):
    hub_settings = HubSettings.for_site(hub_site)
    hub_settings.huddle_contact_email = ""
    hub_settings.save()

    submit(completed_client, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["jo@example.org"]]


def test_what_people_type_is_escaped_in_html_emails(
    client, hub_site, django_capture_on_commit_callbacks
):
    answers = valid_answers()
    answers["your-idea"]["title"] = '<script>alert("x")</script> & <b>bold</b>'
    answers["aim"]["aim"] = "<img src=x onerror=alert(1)>"
    complete_form(client, answers)

    submit(client, django_capture_on_commit_callbacks)

    for message in mail.outbox:
        html_body = message.alternatives[0][0]
        assert "<script>" not in html_body
        assert (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
            in (html_body)
        )
        assert "<img" not in html_body
        # The plain text part is text: the title arrives exactly as typed.
        assert '<script>alert("x")</script> & <b>bold</b>' in message.body


@override_settings(EMAIL_BACKEND="tests.submissions.test_emails.BrokenBackend")
def test_a_mail_failure_keeps_the_submission_and_schedules_a_retry(
    completed_client, django_capture_on_commit_callbacks
):
    submit(completed_client, django_capture_on_commit_callbacks)

    assert IdeaSubmission.objects.count() == 1
    emails = OutgoingEmail.objects.all()
    assert len(emails) == 2
    for email in emails:
        assert email.status == EmailStatus.PENDING
        assert email.attempts == 1
        assert "SMTPServerDisconnected" in email.last_error
        assert email.next_attempt_at > timezone.now()
        assert email.body  # kept until it has gone
    # The confirmation page still works.
    response = completed_client.get(reverse("submissions:confirmation"))
    assert IdeaSubmission.objects.get().reference in response.content.decode()


def test_retries_send_each_email_once(completed_client, django_capture_on_commit_callbacks):
    with override_settings(EMAIL_BACKEND="tests.submissions.test_emails.BrokenBackend"):
        submit(completed_client, django_capture_on_commit_callbacks)
    assert mail.outbox == []

    # Not due yet: nothing happens.
    assert tasks.retry_due_emails() == 0
    later = timezone.now() + timedelta(minutes=2)
    assert tasks.retry_due_emails(now=later) == 2
    assert len(mail.outbox) == 2
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}

    # Running the sweep again, or the task for a sent email, sends nothing more.
    assert tasks.retry_due_emails(now=later + timedelta(days=1)) == 0
    for email in OutgoingEmail.objects.all():
        assert tasks.deliver_email.call(email.pk) == EmailStatus.SENT
    assert len(mail.outbox) == 2


def test_a_retry_after_a_partial_success_does_not_send_twice(
    completed_client, django_capture_on_commit_callbacks
):
    with override_settings(EMAIL_BACKEND="tests.submissions.test_emails.HuddleOnlyBrokenBackend"):
        submit(completed_client, django_capture_on_commit_callbacks)
    receipt = OutgoingEmail.objects.get(key__startswith="receipt:")
    notice = OutgoingEmail.objects.get(key__startswith="huddle-new:")
    assert receipt.status == EmailStatus.SENT
    assert notice.status == EmailStatus.PENDING
    assert "SMTPRecipientsRefused" in notice.last_error

    tasks.retry_due_emails(now=timezone.now() + timedelta(minutes=2))

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [HUDDLE_EMAIL, "jo@example.org"]
    )
    receipt.refresh_from_db()
    assert receipt.attempts == 1


def test_a_sent_email_forgets_its_body(completed_client, django_capture_on_commit_callbacks):
    submit(completed_client, django_capture_on_commit_callbacks)
    receipt = OutgoingEmail.objects.get(key__startswith="receipt:")
    assert receipt.status == EmailStatus.SENT
    assert receipt.sent_at is not None
    assert receipt.body == receipt.html_body == ""  # the private link is not kept


@override_settings(EMAIL_BACKEND="tests.submissions.test_emails.BrokenBackend")
def test_back_off_grows_and_gives_up_after_the_last_attempt(caplog):
    from tests.factories import OutgoingEmailFactory

    email = OutgoingEmailFactory()
    now = timezone.now()
    delays = []
    for _attempt in range(tasks.MAX_ATTEMPTS):
        status = tasks.attempt_delivery(email.pk, now=now)
        email.refresh_from_db()
        if email.next_attempt_at:
            delays.append(email.next_attempt_at - now)
            now = email.next_attempt_at
    assert status == EmailStatus.FAILED
    assert email.attempts == tasks.MAX_ATTEMPTS
    assert delays == tasks.RETRY_DELAYS
    assert "Gave up sending" in caplog.text
    assert tasks.attempt_delivery(email.pk, now=now + timedelta(days=2)) == EmailStatus.FAILED
    assert email.attempts == tasks.MAX_ATTEMPTS


def test_an_email_being_sent_by_another_worker_is_left_alone():
    from tests.factories import OutgoingEmailFactory

    email = OutgoingEmailFactory(status=EmailStatus.SENDING)
    assert tasks.attempt_delivery(email.pk) == EmailStatus.SENDING
    assert mail.outbox == []
    # ...unless that worker died: a stale claim is retried.
    stale = timezone.now() + tasks.STALE_CLAIM + timedelta(minutes=1)
    assert tasks.retry_due_emails(now=stale) == 1
    assert len(mail.outbox) == 1


def test_the_database_queue_defers_the_retry(settings):
    """With a backend that can defer (the database queue), a failure re-queues itself."""
    from django_tasks_db.models import DBTaskResult

    from tests.factories import OutgoingEmailFactory

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "email": {"BACKEND": "django_tasks_db.backend.DatabaseBackend", "QUEUES": ["email"]},
    }
    settings.EMAIL_BACKEND = "tests.submissions.test_emails.BrokenBackend"
    email = OutgoingEmailFactory()

    tasks.attempt_delivery(email.pk)

    email.refresh_from_db()
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [email.pk]
    assert queued.run_after == email.next_attempt_at


def test_the_send_command_runs_the_sweep(completed_client, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with override_settings(EMAIL_BACKEND="tests.submissions.test_emails.BrokenBackend"):
        submit(completed_client, django_capture_on_commit_callbacks)
    OutgoingEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))

    call_command("send_submission_emails", verbosity=0)

    assert len(mail.outbox) == 2
