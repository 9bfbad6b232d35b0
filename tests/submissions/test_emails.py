"""Emails after submit: recorded in the outbox with the idea, queued only after the commit,
escaped, retried, never sent twice. (The outbox's own machinery: tests/hub/test_outbox.py.)"""

import smtplib
from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from hub import outbox
from hub.enums import EmailPurpose, EmailStatus
from hub.models import HubSettings, OutboxEmail
from submissions.models import IdeaSubmission
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
    submission = IdeaSubmission.objects.get()
    assert sorted(submission.outbox_emails.values_list("purpose", flat=True)) == [
        EmailPurpose.HUDDLE_NOTICE,
        EmailPurpose.IDEA_RECEIPT,
    ]
    assert mail.outbox == []
    # Both travel together: one task for the receipt and the huddle's notice.
    assert len(callbacks) == 1

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
    emails = OutboxEmail.objects.all()
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
    assert outbox.send_due_emails() == 0
    later = timezone.now() + timedelta(minutes=2)
    assert outbox.send_due_emails(now=later) == 2
    assert len(mail.outbox) == 2
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}

    # Running the sweep again, or the task for a sent email, sends nothing more.
    assert outbox.send_due_emails(now=later + timedelta(days=1)) == 0
    for email in OutboxEmail.objects.all():
        assert outbox.deliver_email.call(email.pk) == EmailStatus.SENT
    assert len(mail.outbox) == 2


def test_a_retry_after_a_partial_success_does_not_send_twice(
    completed_client, django_capture_on_commit_callbacks
):
    with override_settings(EMAIL_BACKEND="tests.submissions.test_emails.HuddleOnlyBrokenBackend"):
        submit(completed_client, django_capture_on_commit_callbacks)
    receipt = OutboxEmail.objects.get(key__startswith="receipt:")
    notice = OutboxEmail.objects.get(key__startswith="huddle-new:")
    assert receipt.status == EmailStatus.SENT
    assert notice.status == EmailStatus.PENDING
    assert "SMTPRecipientsRefused" in notice.last_error

    outbox.send_due_emails(now=timezone.now() + timedelta(minutes=2))

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [HUDDLE_EMAIL, "jo@example.org"]
    )
    receipt.refresh_from_db()
    assert receipt.attempts == 1


def test_a_sent_email_forgets_its_body(completed_client, django_capture_on_commit_callbacks):
    submit(completed_client, django_capture_on_commit_callbacks)
    receipt = OutboxEmail.objects.get(key__startswith="receipt:")
    assert receipt.status == EmailStatus.SENT
    assert receipt.sent_at is not None
    assert receipt.body == receipt.html_body == ""  # the private link is not kept
