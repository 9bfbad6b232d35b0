"""The outbox's emails (the idea portal's, here) through a real SMTP server (aiosmtpd in
its own process), configured the way production reads EMAIL_HOST, EMAIL_PORT and
EMAIL_USE_TLS: each email arrives once, a server that is down delays the emails but never
the idea, and the sweep sends what is due exactly once."""

import re
from datetime import timedelta
from email.utils import parseaddr
from io import StringIO
from urllib.parse import urlsplit

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from hub.enums import EmailStatus
from hub.models import OutboxEmail
from hub.outbox import send_due_emails
from submissions.models import IdeaSubmission
from tests.services.conftest import use_smtp
from tests.submissions.conftest import HUDDLE_EMAIL, complete_form

pytestmark = [pytest.mark.services, pytest.mark.django_db]

CHECK = reverse("submissions:check")
SUBMITTER = "jo@example.org"
TITLE = "Mniej upadków nocą na oddziale 7 — «Nachtwache» 🩺"


@pytest.fixture
def idea_answers(answers):
    answers["your-idea"]["title"] = TITLE
    return answers


def submit(client, answers, capture) -> IdeaSubmission:
    complete_form(client, answers)
    with capture(execute=True):
        response = client.post(CHECK)
    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:confirmation")
    return IdeaSubmission.objects.get()


def by_recipient(messages) -> dict[str, list[dict]]:
    received: dict[str, list[dict]] = {}
    for record in messages:
        for address in record["rcpt_tos"]:
            received.setdefault(address, []).append(record)
    return received


def text_of(record) -> str:
    return record["message"].get_body(preferencelist=("plain",)).get_content()


def html_of(record) -> str:
    return record["message"].get_body(preferencelist=("html",)).get_content()


def send_due_command() -> str:
    out = StringIO()
    call_command("send_outbox", stdout=out)
    return out.getvalue().strip()


def test_an_idea_sends_its_receipt_and_huddle_notice_once(
    client, hub_site, idea_answers, smtp_outbox, settings, django_capture_on_commit_callbacks
):
    idea = submit(client, idea_answers, django_capture_on_commit_callbacks)

    received = by_recipient(smtp_outbox.messages())
    assert sorted(received) == sorted([SUBMITTER, HUDDLE_EMAIL])
    assert all(len(copies) == 1 for copies in received.values())
    receipt, notice = received[SUBMITTER][0], received[HUDDLE_EMAIL][0]
    sender = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    assert receipt["mail_from"] == notice["mail_from"] == sender

    assert receipt["message"]["Subject"] == f"Your idea has been received: {idea.reference}"
    assert receipt["message"]["To"] == SUBMITTER
    # The private status link in the email that arrived opens the status page.
    link = re.search(r"https?://\S+/submit-an-idea/status/[\w-]+/", text_of(receipt))
    assert link, text_of(receipt)
    assert link.group(0) in html_of(receipt)
    assert client.get(urlsplit(link.group(0)).path).status_code == 200

    assert notice["message"]["Subject"] == f"New idea: {idea.reference}"
    assert TITLE in text_of(notice)  # non-ASCII text survives the trip through SMTP
    assert TITLE in html_of(notice)
    notice_text = f"{notice['message']['Subject']}{text_of(notice)}{html_of(notice)}"
    for personal in ("Jo Bloggs", SUBMITTER, "/status/"):
        assert personal not in notice_text

    emails = idea.outbox_emails.all()
    assert {(e.status, e.attempts, e.body) for e in emails} == {(EmailStatus.SENT, 1, "")}

    # Nothing is sent again: not by the retry sweep, nor by a replayed submit.
    assert send_due_emails(now=timezone.now() + timedelta(days=1)) == 0
    assert send_due_command() == "Outbox emails attempted: 0."
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(CHECK).status_code == 302
    assert len(smtp_outbox.messages()) == 2


def test_when_the_mail_server_is_down_the_idea_is_kept_and_its_emails_follow_once(
    client,
    hub_site,
    idea_answers,
    smtp_sinks,
    settings,
    services_var_dir,
    django_capture_on_commit_callbacks,
):
    server = smtp_sinks(start=False)  # its port is chosen, nothing listens on it yet
    use_smtp(settings, server, services_var_dir)

    before = timezone.now()
    idea = submit(client, idea_answers, django_capture_on_commit_callbacks)

    confirmation = client.get(reverse("submissions:confirmation"))
    assert confirmation.status_code == 200
    assert idea.reference in confirmation.content.decode()
    emails = list(idea.outbox_emails.all())
    assert len(emails) == 2
    for email in emails:
        assert email.status == EmailStatus.PENDING
        assert email.attempts == 1
        assert "ConnectionRefusedError" in email.last_error
        assert before + timedelta(minutes=1) <= email.next_attempt_at
        assert email.next_attempt_at <= timezone.now() + timedelta(minutes=1)
        assert email.body  # kept until it has gone
    assert send_due_emails() == 0  # not due yet

    server.start()
    later = timezone.now() + timedelta(minutes=2)
    assert send_due_emails(now=later) == 2

    received = by_recipient(server.messages())
    assert sorted(received) == sorted([SUBMITTER, HUDDLE_EMAIL])
    assert all(len(copies) == 1 for copies in received.values())
    assert received[SUBMITTER][0]["message"]["Subject"] == (
        f"Your idea has been received: {idea.reference}"
    )
    assert all(
        (email.status, email.attempts) == (EmailStatus.SENT, 2)
        for email in idea.outbox_emails.all()
    )

    # Running the sweep again (as cron does) sends nothing more.
    assert send_due_emails(now=later + timedelta(hours=1)) == 0
    assert send_due_command() == "Outbox emails attempted: 0."
    assert len(server.messages()) == 2


def test_a_refused_recipient_is_retried_alone(
    client, hub_site, idea_answers, smtp_outbox, django_capture_on_commit_callbacks
):
    smtp_outbox.refuse(SUBMITTER)  # 451: the server is busy for this mailbox

    idea = submit(client, idea_answers, django_capture_on_commit_callbacks)

    assert sorted(by_recipient(smtp_outbox.messages())) == [HUDDLE_EMAIL]
    receipt = OutboxEmail.objects.get(key=f"receipt:{idea.reference}")
    assert receipt.status == EmailStatus.PENDING
    assert "451" in receipt.last_error

    smtp_outbox.refuse()
    assert send_due_emails(now=timezone.now() + timedelta(minutes=2)) == 1

    received = by_recipient(smtp_outbox.messages())
    assert sorted(received) == sorted([SUBMITTER, HUDDLE_EMAIL])
    assert all(len(copies) == 1 for copies in received.values())
    assert send_due_emails(now=timezone.now() + timedelta(days=1)) == 0
    assert len(smtp_outbox.messages()) == 2
