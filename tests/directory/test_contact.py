"""'Contact this coach': stored, relayed by email with Reply-To the requester, retried
without duplicates; abuse limits; closed when the coach is not taking requests."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone

import pytest

from directory import tasks
from directory.enums import Capacity, RelayStatus
from directory.models import ContactRequest
from tests.factories import ContactRequestFactory

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


def test_request_is_stored_and_relayed_with_reply_to(client, coach):
    response = client.post(contact_url(coach), VALID)
    assert response.status_code == 302
    assert response["Location"] == "/coaches/hannah-lowe/contact/sent/"

    contact = ContactRequest.objects.get()
    assert (contact.coach, contact.name, contact.email) == (coach, "Grace Mensah", VALID["email"])
    assert contact.relay_status == RelayStatus.SENT
    assert contact.sent_at is not None and contact.attempts == 1

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


def test_relay_goes_to_the_account_email_without_a_private_one(client, coach, coach_user):
    coach.contact_email = ""
    coach.save()
    client.post(contact_url(coach), VALID)
    assert mail.outbox[0].to == [coach_user.email]


def test_what_people_type_is_escaped_in_the_html_email(client, coach):
    client.post(
        contact_url(coach),
        {**VALID, "name": "Eve <b>Bold</b>", "message": '<script>alert("x")</script> & more'},
    )
    (email,) = mail.outbox
    html = email.alternatives[0][0]
    assert "<script>" not in html and "<b>Bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in html
    # The plain text version is plain text: no entities.
    assert '<script>alert("x")</script> & more' in email.body


def test_a_name_cannot_break_the_subject_line(client, coach):
    client.post(contact_url(coach), {**VALID, "name": "Grace\r\nBcc: victim@example.org"})
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


def test_email_failure_keeps_the_request_and_the_retry_sends_it_once(client, coach, caplog):
    with override_settings(EMAIL_BACKEND="tests.directory.test_contact.FailingBackend"):
        response = client.post(contact_url(coach), VALID)
    # The visitor is not told about our mail server: the request is safe and will go.
    assert response.status_code == 302
    contact = ContactRequest.objects.get()
    assert contact.relay_status == RelayStatus.PENDING
    assert contact.attempts == 1
    assert "ConnectionRefusedError: mail server down" in contact.last_error
    assert contact.next_attempt_at is not None
    assert not mail.outbox

    # Not due yet: nothing happens.
    assert tasks.retry_contact_relays() == 0

    later = contact.next_attempt_at + timedelta(seconds=1)
    with override_settings(EMAIL_BACKEND="tests.directory.test_contact.FailingBackend"):
        assert tasks.retry_contact_relays(now=later) == 1
    contact.refresh_from_db()
    assert (contact.attempts, contact.relay_status) == (2, RelayStatus.PENDING)
    assert contact.next_attempt_at - later == tasks.RETRY_DELAYS[1]

    much_later = contact.next_attempt_at + timedelta(seconds=1)
    assert tasks.retry_contact_relays(now=much_later) == 1
    contact.refresh_from_db()
    assert contact.relay_status == RelayStatus.SENT
    assert contact.last_error == ""
    assert len(mail.outbox) == 1

    # Running again, or a stray queued task, sends nothing more.
    assert tasks.retry_contact_relays(now=much_later + timedelta(days=1)) == 0
    assert tasks.attempt_relay(contact.pk) == RelayStatus.SENT
    assert len(mail.outbox) == 1


def test_gives_up_after_the_last_attempt_and_says_so(coach, caplog):
    contact = ContactRequestFactory(coach=coach)
    now = timezone.now()
    with override_settings(EMAIL_BACKEND="tests.directory.test_contact.FailingBackend"):
        for _ in range(tasks.MAX_ATTEMPTS):
            tasks.attempt_relay(contact.pk, now=now)
            now += timedelta(days=1)
    contact.refresh_from_db()
    assert contact.relay_status == RelayStatus.FAILED
    assert contact.attempts == tasks.MAX_ATTEMPTS
    assert "Gave up relaying contact request" in caplog.text
    assert tasks.retry_contact_relays(now=now + timedelta(days=30)) == 0


def test_a_request_never_queued_is_picked_up_by_the_sweep(coach):
    contact = ContactRequestFactory(coach=coach)  # stored, but the queue was down
    assert tasks.retry_contact_relays() == 0  # within the grace period of its own task
    assert tasks.retry_contact_relays(now=timezone.now() + tasks.QUEUE_GRACE) == 1
    contact.refresh_from_db()
    assert contact.relay_status == RelayStatus.SENT
    assert len(mail.outbox) == 1


def test_a_claim_in_progress_is_not_sent_twice(coach):
    contact = ContactRequestFactory(coach=coach, relay_status=RelayStatus.SENDING)
    assert tasks.attempt_relay(contact.pk) == RelayStatus.SENDING
    assert not mail.outbox
    # A worker that died mid-send is retried once the claim is stale.
    stale = timezone.now() + tasks.STALE_CLAIM + timedelta(seconds=1)
    assert tasks.retry_contact_relays(now=stale) == 1
    assert len(mail.outbox) == 1


def test_coach_without_an_address_is_reported(coach):
    coach.contact_email = ""
    coach.user = None
    coach.save()
    contact = ContactRequestFactory(coach=coach)
    tasks.attempt_relay(contact.pk)
    contact.refresh_from_db()
    assert "has no email address" in contact.last_error
    assert not mail.outbox


def test_management_command(coach, capsys):
    from django.core.management import call_command

    ContactRequestFactory(coach=coach, created_at=timezone.now() - timedelta(hours=1))
    call_command("retry_contact_relays")
    assert "Contact requests attempted: 1." in capsys.readouterr().out
    assert len(mail.outbox) == 1
