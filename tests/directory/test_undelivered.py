"""A contact request the coach never received: the outbox gives up on the relay, the person
who wrote is told by email in their own language, and hub editors (and the coach) see it on
the admin dashboard. The capacity shown for a coach with nowhere to send requests is honest:
badge, directory filter and API alike."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site

import pytest

from demo.factories import ContactRequestFactory
from directory.emails import record_undelivered_notice
from directory.enums import Capacity
from directory.models import CoachProfile, ContactRequest
from hub import outbox
from hub.enums import EmailPurpose, EmailStatus
from hub.models import HubSettings, OutboxEmail
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

FAILING = "tests.directory.test_contact.FailingBackend"


def fail_every_attempt(email_id):
    """Run the relay's every attempt against a mail server that is down."""
    now = timezone.now()
    with override_settings(EMAIL_BACKEND=FAILING):
        for _ in range(outbox.MAX_ATTEMPTS):
            outbox.attempt_delivery(email_id, now=now)
            now += timedelta(days=1)
    return now


def notices():
    return OutboxEmail.objects.filter(purpose=EmailPurpose.CONTACT_UNDELIVERED)


def send_due(now):
    return outbox.send_due_emails(now=now + outbox.QUEUE_GRACE)


def test_a_relay_that_finally_fails_tells_the_requester(coach, caplog):
    hub_settings = HubSettings.for_site(Site.objects.get(is_default_site=True))
    hub_settings.huddle_contact_email = "team@hub.example.org"
    hub_settings.save()
    contact = ContactRequestFactory(coach=coach, name="Grace Mensah", language="en")
    relay = contact.relay
    # Until the last attempt nobody is told: a retry may still get through.
    with override_settings(EMAIL_BACKEND=FAILING):
        outbox.attempt_delivery(relay.pk)
    assert not notices().exists()

    now = fail_every_attempt(relay.pk)
    relay.refresh_from_db()
    assert relay.status == EmailStatus.FAILED
    (notice,) = notices()
    assert notice.to == contact.email
    assert notice.cause == contact
    assert notice.status == EmailStatus.PENDING  # sent by the outbox like any email

    assert send_due(now) == 1
    (email,) = mail.outbox
    assert email.to == [contact.email]
    assert email.subject == "Improvement Hub: your message to Hannah Lowe could not be delivered"
    body = email.body
    assert "Dear Grace Mensah," in body
    assert "Hannah Lowe has not received it and will not reply." in body
    assert "http://testserver/coaches/?capacity=open" in body  # what to do instead
    assert "team@hub.example.org" in body
    # Nothing of the coach's private address, and no copy of the message to an address
    # nobody has confirmed.
    assert coach.contact_email not in body
    assert contact.message not in body
    html = email.alternatives[0][0]
    assert 'href="http://testserver/coaches/?capacity=open"' in html


def test_the_requester_is_written_to_in_the_language_they_wrote_in(coach):
    contact = ContactRequestFactory(coach=coach, language="pl")
    now = fail_every_attempt(contact.relay.pk)
    (notice,) = notices()
    assert notice.language == "pl"
    send_due(now)
    (email,) = mail.outbox
    # The directory in Polish, with its Polish link text.
    assert "http://testserver/pl/coaches/?capacity=open" in email.body
    assert "Znajdź trenera, który przyjmuje zgłoszenia" in email.body


def test_urdu_notice_is_right_to_left(coach):
    contact = ContactRequestFactory(coach=coach, language="ur")
    now = fail_every_attempt(contact.relay.pk)
    send_due(now)
    (email,) = mail.outbox
    html = email.alternatives[0][0]
    assert '<html lang="ur" dir="rtl">' in html


def test_the_contact_form_stores_the_visitor_s_language(client, coach):
    with translation.override("pl"):
        url = coach.get_url() + "contact/"
    assert url.startswith("/pl/")
    client.post(
        url,
        {
            "support_wanted": "coaching",
            "message": "Chcemy poprawić opiekę.",
            "name": "Kasia",
            "email": "kasia@example.org",
        },
    )
    assert ContactRequest.objects.get().language == "pl"


def test_a_language_no_longer_offered_falls_back_to_the_main_one(coach, settings):
    contact = ContactRequestFactory(coach=coach, language="cy")
    fail_every_attempt(contact.relay.pk)
    assert notices().get().language == "en"


def test_a_coach_with_no_address_at_all_tells_the_requester_at_once(coach, caplog):
    CoachProfile.objects.filter(pk=coach.pk).update(contact_email="", user=None)
    coach.refresh_from_db()
    contact = ContactRequestFactory(coach=coach)
    assert contact.relay.status == EmailStatus.FAILED
    assert notices().get().to == contact.email


def test_the_requester_is_told_once(coach):
    contact = ContactRequestFactory(coach=coach)
    fail_every_attempt(contact.relay.pk)
    # A second "given up" (a replayed task, a manual retry) records nothing new.
    outbox.email_given_up.send(sender=OutboxEmail, email=contact.relay)
    record_undelivered_notice(contact)
    assert notices().count() == 1


def test_other_failed_emails_tell_no_requester(coach):
    email = outbox.record(
        key="receipt:test",
        purpose=EmailPurpose.IDEA_RECEIPT,
        to="",
        subject="Receipt",
        body="...",
        undeliverable="no address",
    )
    assert email.status == EmailStatus.FAILED
    assert not notices().exists()


def test_a_failing_receiver_does_not_undo_the_outcome(coach, monkeypatch, caplog):
    contact = ContactRequestFactory(coach=coach)

    def broken(contact):
        raise RuntimeError("template missing")

    monkeypatch.setattr("directory.emails.record_undelivered_notice", broken)
    fail_every_attempt(contact.relay.pk)
    contact.relay.refresh_from_db()
    assert contact.relay.status == EmailStatus.FAILED
    assert "A receiver of email_given_up" in caplog.text


def test_the_relay_filter_reads_the_relay_not_the_notice(client, coach, hub_editor):
    failed = ContactRequestFactory(coach=coach, name="Rory Byrne")
    now = fail_every_attempt(failed.relay.pk)
    send_due(now)  # the notice to Rory is sent
    assert notices().get().status == EmailStatus.SENT
    client.login(username=hub_editor.username, password=PASSWORD)
    index = reverse("coach_contact_requests:index")
    assert "Rory Byrne" not in client.get(index, {"relay_status": "sent"}).content.decode()
    assert "Rory Byrne" in client.get(index, {"relay_status": "failed"}).content.decode()
    inspect = client.get(reverse("coach_contact_requests:inspect", args=[failed.pk]))
    html = inspect.content.decode()
    assert "Email telling them it was not delivered" in html


# The admin dashboard ----------------------------------------------------------------------


def dashboard(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_hub_editors_see_undelivered_requests_on_the_dashboard(
    client, coach, other_coach, hub_editor, coach_user, other_coach_user
):
    ContactRequestFactory(coach=coach, name="Delivered Dana")
    failed = ContactRequestFactory(coach=coach, name="Rory Byrne")
    fail_every_attempt(failed.relay.pk)

    html = dashboard(client, hub_editor)
    assert "Contact requests that did not reach the coach" in html
    assert "Rory Byrne" in html and "Delivered Dana" not in html
    assert reverse("coach_contact_requests:inspect", args=[failed.pk]) in html
    assert "mail server down" in html  # the reason
    assert "?relay_status=failed" in html
    assert "The person who wrote has been told by email." in html

    # The coach sees their own, with what to fix; another coach sees nothing.
    html = dashboard(client, coach_user)
    assert "Rory Byrne" in html
    assert "Check the email for contact requests on your profile" in html
    assert "Contact requests that did not reach the coach" not in dashboard(
        client, other_coach_user
    )


def test_the_dashboard_says_nothing_when_nothing_failed_or_long_ago(client, coach, hub_editor):
    ContactRequestFactory(coach=coach, name="Delivered Dana")
    old = ContactRequestFactory(coach=coach, name="Old Olga")
    fail_every_attempt(old.relay.pk)
    ContactRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert "Contact requests that did not reach the coach" not in dashboard(client, hub_editor)


def test_other_admin_users_get_no_panel(client, coach, editor_a):
    failed = ContactRequestFactory(coach=coach)
    fail_every_attempt(failed.relay.pk)
    assert "Contact requests that did not reach the coach" not in dashboard(client, editor_a)


# An honest capacity ------------------------------------------------------------------------


@pytest.fixture
def unreachable(coach):
    """A live profile that says it takes requests but has no address to send them to
    (saved before the editor's check existed, or its account's email removed)."""
    CoachProfile.objects.filter(pk=coach.pk).update(
        contact_email="", user=None, capacity=Capacity.OPEN
    )
    coach.refresh_from_db()
    return coach


def test_the_badge_of_an_unreachable_coach_does_not_say_taking_requests(client, unreachable):
    html = client.get(unreachable.get_url()).content.decode()
    assert "Taking new requests" not in html
    assert "Not taking requests now" in html
    assert "cannot be contacted through the hub yet" in html

    listing = client.get(reverse("directory:index")).content.decode()
    assert "Hannah Lowe" in listing and "Taking new requests" not in listing


def test_the_taking_requests_filter_and_the_api_agree_with_the_badge(client, unreachable):
    open_only = client.get(reverse("directory:index"), {"capacity": "open"}).content.decode()
    assert "Hannah Lowe" not in open_only
    closed = client.get(reverse("directory:index"), {"capacity": "closed"}).content.decode()
    assert "Hannah Lowe" in closed

    payload = client.get(f"/api/v3/directory/coaches/{unreachable.pk}/").json()
    assert payload["capacity"] == "closed"
    assert payload["contact_url"] is None
    listed = client.get("/api/v3/directory/coaches/", {"capacity": "open"}).json()
    assert listed["count"] == 0


def test_a_reachable_coach_keeps_their_capacity(client, coach):
    html = client.get(coach.get_url()).content.decode()
    assert "Taking new requests" in html
    assert client.get(f"/api/v3/directory/coaches/{coach.pk}/").json()["capacity"] == "open"
