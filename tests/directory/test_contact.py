"""'Contact this coach': stored, relayed by email with Reply-To the requester, retried
without duplicates; abuse limits; closed when the coach is not taking requests."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone

import pytest

from demo.factories import ContactRequestFactory
from directory.enums import Capacity
from directory.models import ContactRequest
from hub import outbox
from hub.enums import EmailPurpose, EmailStatus
from hub.models import OutboxEmail

pytestmark = pytest.mark.django_db

VALID = {
    "support_wanted": "coaching",
    "message": "We want to test a new falls huddle on ward 7.\nCould you coach us?",
    "name": "Grace Mensah",
    "email": "grace.mensah@example.org",
    "organisation": "Ward 7, Kingsmead",
}


def contact_url(coach):
    return coach.get_url() + "contact/"


@pytest.fixture
def send(client, coach, django_capture_on_commit_callbacks):
    """POST the contact form and run what its commit runs (queuing the email to the coach),
    as a real request would: the test's own transaction never commits."""

    def send(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(contact_url(coach), data)

    return send


class FailingBackend:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_form_shows_the_coach_offers_and_a_not_sure_option(client, coach):
    response = client.get(contact_url(coach))
    assert response.status_code == 200
    choices = [value for value, _label in response.context["form"].fields["support_wanted"].choices]
    assert choices == ["coaching", "not_sure"]
    assert 'name="website"' in response.content.decode()  # the honeypot


def test_request_is_stored_and_relayed_with_reply_to(client, coach, send):
    response = send(VALID)
    assert response.status_code == 302
    assert response["Location"] == "/coaches/hannah-lowe/contact/sent/"

    contact = ContactRequest.objects.get()
    assert (contact.coach, contact.name, contact.email) == (coach, "Grace Mensah", VALID["email"])
    relay = contact.relay  # the one email in the outbox, caused by the request
    assert (relay.key, relay.purpose, relay.cause) == (
        f"coach-contact:{contact.pk}",
        EmailPurpose.COACH_CONTACT,
        contact,
    )
    assert relay.status == EmailStatus.SENT
    assert relay.sent_at is not None and relay.attempts == 1
    assert contact.relay_status() == "Sent"

    (email,) = mail.outbox
    assert email.to == [coach.contact_email]
    assert email.reply_to == [VALID["email"]]
    assert "Grace Mensah would like to talk to you" in email.subject
    for text in (
        "Grace Mensah",
        VALID["email"],
        "Ward 7, Kingsmead",
        "Could you coach us?",
        "Reply to this email",
    ):
        assert text in email.body, text

    confirmation = client.get(response["Location"]).content.decode()
    assert "Your message is on its way" in confirmation
    assert VALID["email"] not in confirmation


def test_relay_goes_to_the_account_email_without_a_private_one(coach, coach_user, send):
    coach.contact_email = ""
    coach.save()
    send(VALID)
    assert mail.outbox[0].to == [coach_user.email]


def test_what_people_type_is_escaped_in_the_html_email(send):
    send({**VALID, "name": "Eve <b>Bold</b>", "message": '<script>alert("x")</script> & more'})
    (email,) = mail.outbox
    html = email.alternatives[0][0]
    assert "<script>" not in html and "<b>Bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in html
    # The plain text version is plain text: no entities.
    assert '<script>alert("x")</script> & more' in email.body


def test_a_name_cannot_break_the_subject_line(send):
    send({**VALID, "name": "Grace\r\nBcc: victim@example.org"})
    (email,) = mail.outbox
    assert "\n" not in email.subject and "\r" not in email.subject
    assert email.bcc == []


def test_errors_are_shown_and_typed_data_kept(client, coach):
    response = client.post(contact_url(coach), {**VALID, "email": "not-an-email", "message": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_email">' in html and 'href="#id_message">' in html
    assert "Enter an email address like name@example.nhs.uk." in html  # next to the field
    assert "Enter your message." in html
    assert 'value="not-an-email"' in html
    assert 'value="Grace Mensah"' in html
    assert html.count("nhsuk-form-group--error") == 2
    assert "<title>Error:" in html
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


def test_error_summary_links_show_the_message_text(client, coach):
    html = client.post(contact_url(coach), {**VALID, "message": ""}).content.decode()
    assert 'href="#id_message">Enter your message.</a>' in html


def test_error_summary_links_a_radio_group_to_its_first_radio(client, coach):
    html = client.post(contact_url(coach), {**VALID, "support_wanted": ""}).content.decode()
    assert 'href="#id_support_wanted_0"' in html


def test_support_must_be_one_the_coach_offers(client, coach):
    response = client.post(contact_url(coach), {**VALID, "support_wanted": "go_and_see"})
    assert response.status_code == 200
    assert response.context["form"].errors["support_wanted"]


def test_honeypot_pretends_success_and_stores_nothing(client, coach):
    response = client.post(contact_url(coach), {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


@override_settings(HUB_PUBLIC_FORM_RATE_LIMIT=2)
def test_rate_limit_per_address(client, coach):
    for _ in range(2):
        assert client.post(contact_url(coach), VALID).status_code == 302
    response = client.post(contact_url(coach), VALID)
    assert response.status_code == 429
    # The time left in the hour that was counted (issue 17: the 429 had no Retry-After).
    assert 3500 < int(response["Retry-After"]) <= 3600
    assert "Too many messages" in response.content.decode()
    assert ContactRequest.objects.count() == 2
    # Another address is not affected.
    other = client.post(contact_url(coach), VALID, REMOTE_ADDR="192.0.2.99")
    assert other.status_code == 302


def test_closed_form_when_not_taking_requests(client, coach):
    coach.capacity = Capacity.CLOSED
    coach.save_revision().publish()

    profile = client.get(coach.get_url()).content.decode()
    assert "not taking requests at the moment" in profile
    assert 'href="/coaches/hannah-lowe/contact/"' not in profile

    response = client.get(contact_url(coach))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not taking requests now" in html
    assert '<form method="post"' not in html

    response = client.post(contact_url(coach), VALID)
    assert response.status_code == 403
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


def test_the_request_and_its_email_are_stored_in_one_transaction(
    client, coach, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(contact_url(coach), VALID)
    contact = ContactRequest.objects.get()
    assert contact.relay.status == EmailStatus.PENDING
    assert contact.relay.to == coach.contact_email
    assert contact.relay.reply_to == VALID["email"]
    assert not mail.outbox  # queued only once the request is committed
    assert len(callbacks) == 1


def test_email_failure_keeps_the_request_and_the_retry_sends_it_once(coach, send, caplog):
    with override_settings(EMAIL_BACKEND="tests.directory.test_contact.FailingBackend"):
        response = send(VALID)
    # The visitor is not told about our mail server: the request is safe and will go.
    assert response.status_code == 302
    relay = ContactRequest.objects.get().relay
    assert relay.status == EmailStatus.PENDING
    assert relay.attempts == 1
    assert "ConnectionRefusedError: mail server down" in relay.last_error
    assert relay.next_attempt_at is not None
    assert not mail.outbox

    # Not due yet: nothing happens.
    assert outbox.send_due_emails() == 0

    later = relay.next_attempt_at + timedelta(seconds=1)
    with override_settings(EMAIL_BACKEND="tests.directory.test_contact.FailingBackend"):
        assert outbox.send_due_emails(now=later) == 1
    relay.refresh_from_db()
    assert (relay.attempts, relay.status) == (2, EmailStatus.PENDING)
    assert relay.next_attempt_at - later == outbox.RETRY_DELAYS[1]

    much_later = relay.next_attempt_at + timedelta(seconds=1)
    assert outbox.send_due_emails(now=much_later) == 1
    relay.refresh_from_db()
    assert relay.status == EmailStatus.SENT
    assert relay.last_error == ""
    (email,) = mail.outbox
    assert email.reply_to == [VALID["email"]]

    # Running again, or a stray queued task, sends nothing more.
    assert outbox.send_due_emails(now=much_later + timedelta(days=1)) == 0
    assert outbox.attempt_delivery(relay.pk) == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_gives_up_after_the_last_attempt_and_the_admin_says_so(coach, caplog):
    contact = ContactRequestFactory(coach=coach)
    now = timezone.now()
    with override_settings(EMAIL_BACKEND="tests.directory.test_contact.FailingBackend"):
        for _ in range(outbox.MAX_ATTEMPTS):
            outbox.attempt_delivery(contact.relay.pk, now=now)
            now += timedelta(days=1)
    contact = ContactRequest.objects.get()
    assert contact.relay.status == EmailStatus.FAILED
    assert contact.relay_status() == "Could not be sent"
    assert contact.relay_attempts() == outbox.MAX_ATTEMPTS
    assert "mail server down" in contact.relay_error()
    assert f"Gave up sending coach-contact:{contact.pk}" in caplog.text
    # The relay is never tried again; what is due is the email telling the requester.
    assert outbox.send_due_emails(now=now + timedelta(days=30)) == 1
    assert [email.to for email in mail.outbox] == [[contact.email]]
    assert outbox.send_due_emails(now=now + timedelta(days=60)) == 0


def test_a_request_never_queued_is_picked_up_by_the_sweep(coach):
    contact = ContactRequestFactory(coach=coach)  # stored, but the queue was down
    assert outbox.send_due_emails() == 0  # within the grace period of its own task
    assert outbox.send_due_emails(now=timezone.now() + outbox.QUEUE_GRACE) == 1
    contact.relay.refresh_from_db()
    assert contact.relay.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_a_claim_in_progress_is_not_sent_twice(coach):
    contact = ContactRequestFactory(coach=coach)
    OutboxEmail.objects.filter(pk=contact.relay.pk).update(status=EmailStatus.SENDING)
    assert outbox.attempt_delivery(contact.relay.pk) == EmailStatus.SENDING
    assert not mail.outbox
    # A worker that died mid-send is retried once the claim is stale.
    stale = timezone.now() + outbox.STALE_CLAIM + timedelta(seconds=1)
    assert outbox.send_due_emails(now=stale) == 1
    assert len(mail.outbox) == 1


def test_coach_without_an_address_is_reported(coach, caplog):
    coach.contact_email = ""
    coach.user = None
    coach.save()
    contact = ContactRequestFactory(coach=coach)
    assert contact.relay.status == EmailStatus.FAILED  # nothing to retry
    assert "has no email address" in contact.relay_error()
    assert "has no email address" in caplog.text
    # Nothing goes to the coach; the requester is told (tests/directory/test_undelivered.py).
    assert outbox.send_due_emails(now=timezone.now() + timedelta(days=1)) == 1
    assert [email.to for email in mail.outbox] == [[contact.email]]


def test_deleting_a_request_deletes_its_email(coach):
    contact = ContactRequestFactory(coach=coach)
    other = ContactRequestFactory(coach=coach)
    contact.delete()
    assert list(OutboxEmail.objects.all()) == [other.relay]


def test_the_sweep_command_sends_relays_too(coach, capsys):
    from django.core.management import call_command

    ContactRequestFactory(coach=coach)
    OutboxEmail.objects.update(created_at=timezone.now() - timedelta(hours=1))
    call_command("send_outbox")
    assert "Outbox emails attempted: 1." in capsys.readouterr().out
    assert len(mail.outbox) == 1
