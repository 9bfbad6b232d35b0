"""Booking a place: the form on its own page, capacity, the waiting list, the emails (once
each, in the booker's language, the confirmation with invite.ics), cancelling by the link,
closed events, bad input and abuse limits."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone

import pytest

from bookings.emails import record_booking_email
from bookings.enums import BookingStatus
from bookings.models import Booking, EventPlaces
from hub.enums import EmailPurpose
from hub.models import OutboxEmail

from .conftest import book_url, person

pytestmark = pytest.mark.django_db


def purposes(booking):
    return sorted(
        OutboxEmail.objects.filter(key__endswith=f":{booking.pk}").values_list("purpose", flat=True)
    )


def test_the_form_asks_about_access_needs_only_when_the_event_does(client, event):
    response = client.get(book_url(event))
    assert response.status_code == 200
    assert "access_needs" in response.context["form"].fields
    assert "dietary_needs" not in response.context["form"].fields
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    event.asks_dietary_needs = True
    event.asks_access_needs = False
    event.save()
    fields = client.get(book_url(event)).context["form"].fields
    assert "dietary_needs" in fields and "access_needs" not in fields


def test_get_writes_nothing(client, event):
    client.get(book_url(event))
    assert not Booking.objects.exists() and not EventPlaces.objects.exists()


def test_booking_takes_a_place_and_emails_a_confirmation_with_the_event(post, event):
    response = post(book_url(event), person(1, access_needs="Hearing loop, please"))
    assert response.status_code == 302
    assert response["Location"].endswith("book/done/?outcome=booked")
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.BOOKED
    assert booking.access_needs == "Hearing loop, please"
    assert EventPlaces.objects.get(event=event).held == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["person1@example.org"]
    assert "Introduction to SPC charts" in message.subject
    assert f"/events/bookings/{booking.token}/" in message.body
    ((filename, content, mimetype),) = message.attachments
    assert filename == "invite.ics" and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "SUMMARY:Introduction to SPC charts" in content
    assert "LOCATION:Kingsmead Education Centre\\, Room 2" in content
    # Sent: the bodies and the attachment are not kept.
    sent = OutboxEmail.objects.get()
    assert (sent.body, sent.calendar) == ("", "")


def test_needs_the_event_does_not_ask_for_are_never_stored(post, event):
    post(book_url(event), person(1, dietary_needs="Vegan"))
    assert Booking.objects.get().dietary_needs == ""


def test_once_the_places_are_taken_people_join_the_waiting_list(post, event):
    post(book_url(event), person(1))
    post(book_url(event), person(2))
    response = post(book_url(event), person(3))
    assert response["Location"].endswith("?outcome=waiting")
    third = Booking.objects.get(email="person3@example.org")
    assert third.status == BookingStatus.WAITING
    assert EventPlaces.objects.get(event=event).held == 2
    assert purposes(third) == [EmailPurpose.BOOKING_WAITING]
    assert "waiting list" in mail.outbox[-1].body
    assert not mail.outbox[-1].attachments


def test_booking_twice_with_one_address_keeps_one_booking_and_one_email(post, event):
    post(book_url(event), person(1))
    post(book_url(event), person(1, email="PERSON1@example.org"))
    assert Booking.objects.count() == 1
    assert EventPlaces.objects.get(event=event).held == 1
    assert len(mail.outbox) == 1


def test_the_event_page_shows_the_places_left_and_links_to_the_form(client, post, event):
    page = client.get(event.url).content.decode()
    assert "2 places left" in page and book_url(event) in page
    assert "csrfmiddlewaretoken" not in page  # the cached page carries no form
    post(book_url(event), person(1))
    assert "1 place left" in client.get(event.url).content.decode()
    post(book_url(event), person(2))
    page = client.get(event.url).content.decode()
    assert "fully booked" in page and "Join the waiting list" in page


@override_settings(HUB_PAGE_CACHE=True)
def test_a_booking_drops_the_cached_event_page(client, post, event):
    assert "2 places left" in client.get(event.url).content.decode()
    post(book_url(event), person(1))
    assert "1 place left" in client.get(event.url).content.decode()


def test_cancelling_by_the_link_frees_the_place(client, post, event):
    post(book_url(event), person(1))
    booking = Booking.objects.get()
    manage = f"/events/bookings/{booking.token}/"
    page = client.get(manage)
    assert page.status_code == 200 and "Cancel my booking" in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED  # a GET (a mail scanner) changes nothing
    response = post(manage, {"action": "cancel"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancelled_at
    assert EventPlaces.objects.get(event=event).held == 0
    assert purposes(booking) == sorted(
        [EmailPurpose.BOOKING_CONFIRMED, EmailPurpose.BOOKING_CANCELLED]
    )
    # Cancelling again changes nothing and sends nothing.
    post(manage, {"action": "cancel"})
    assert len(mail.outbox) == 2
    assert "This booking is cancelled" in client.get(manage).content.decode()


def test_a_cancelled_place_is_offered_to_the_first_person_waiting(client, post, event):
    for n in (1, 2, 3, 4):
        post(book_url(event), person(n))
    first = Booking.objects.get(email="person1@example.org")
    post(f"/events/bookings/{first.token}/", {"action": "cancel"})
    third = Booking.objects.get(email="person3@example.org")
    fourth = Booking.objects.get(email="person4@example.org")
    assert third.status == BookingStatus.OFFERED and third.offer_expires_at
    assert fourth.status == BookingStatus.WAITING
    assert EventPlaces.objects.get(event=event).held == 2  # held for the offer
    offer = mail.outbox[-1]
    assert offer.to == ["person3@example.org"]
    assert f"/events/bookings/{third.token}/" in offer.body
    # Accepting books the place and sends the confirmation with the event.
    post(f"/events/bookings/{third.token}/", {"action": "accept"})
    third.refresh_from_db()
    assert third.status == BookingStatus.BOOKED
    assert mail.outbox[-1].attachments[0][0] == "invite.ics"
    assert "Accept the place" not in client.get(f"/events/bookings/{third.token}/").content.decode()


def test_declining_an_offer_passes_it_on(post, event):
    for n in (1, 2, 3, 4):
        post(book_url(event), person(n))
    first = Booking.objects.get(email="person1@example.org")
    post(f"/events/bookings/{first.token}/", {"action": "cancel"})
    third = Booking.objects.get(email="person3@example.org")
    post(f"/events/bookings/{third.token}/", {"action": "cancel"})
    assert Booking.objects.get(email="person4@example.org").status == BookingStatus.OFFERED
    assert EventPlaces.objects.get(event=event).held == 2


def test_an_offer_accepted_too_late_lapses_and_passes_on(post, event):
    for n in (1, 2, 3, 4):
        post(book_url(event), person(n))
    first = Booking.objects.get(email="person1@example.org")
    post(f"/events/bookings/{first.token}/", {"action": "cancel"})
    third = Booking.objects.get(email="person3@example.org")
    Booking.objects.filter(pk=third.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    post(f"/events/bookings/{third.token}/", {"action": "accept"})
    third.refresh_from_db()
    assert third.status == BookingStatus.LAPSED
    assert Booking.objects.get(email="person4@example.org").status == BookingStatus.OFFERED


def test_the_last_person_cancelling_with_nobody_waiting_returns_the_place(post, event):
    post(book_url(event), person(1))
    booking = Booking.objects.get()
    post(f"/events/bookings/{booking.token}/", {"action": "cancel"})
    assert EventPlaces.objects.get(event=event).held == 0


def test_leaving_the_waiting_list_frees_no_place(post, event):
    for n in (1, 2, 3):
        post(book_url(event), person(n))
    waiting = Booking.objects.get(email="person3@example.org")
    post(f"/events/bookings/{waiting.token}/", {"action": "cancel"})
    assert EventPlaces.objects.get(event=event).held == 2
    assert not Booking.objects.filter(status=BookingStatus.OFFERED).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "a@example.org"}, "name", "Enter your name."),
        (person(1, name="   "), "name", "Enter your name."),
        (person(1, email="not-an-address"), "email", "Enter an email address like"),
        (person(1, name="x" * 151), "name", "150 characters or fewer"),
        (person(1, access_needs="y" * 1001), "access_needs", "1000 characters or fewer"),
    ],
)
def test_bad_input_is_answered_beside_the_field_and_kept(post, event, data, field, message):
    response = post(book_url(event), data)
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    page = response.content.decode()
    assert "There is a problem" in page and "Error:" in page
    if data.get("email"):
        assert data["email"] in page
    assert not Booking.objects.exists() and not mail.outbox


def test_hostile_text_is_stored_as_text_and_escaped(client, post, event):
    post(book_url(event), person(1, name="<script>alert(1)</script>\r\nBcc: x@evil.example"))
    booking = Booking.objects.get()
    assert "\n" not in booking.name
    page = client.get(f"/events/bookings/{booking.token}/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<script>alert(1)" not in mail.outbox[0].alternatives[0][0]


def test_the_honeypot_pretends_and_books_nothing(post, event):
    response = post(book_url(event), person(1, website="http://spam.example"))
    assert response.status_code == 302
    assert not Booking.objects.exists() and not mail.outbox


@override_settings(HUB_PUBLIC_FORM_RATE_LIMIT=2)
def test_bookings_are_rate_limited_per_address(post, event):
    post(book_url(event), person(1))
    post(book_url(event), person(2))
    response = post(book_url(event), person(3))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many attempts" in response.content.decode()
    assert Booking.objects.count() == 2


@override_settings(HUB_PUBLIC_FORM_RATE_LIMIT=1)
def test_changes_by_link_are_rate_limited(post, event):
    post(book_url(event), person(1))
    booking = Booking.objects.get()
    post(f"/events/bookings/{booking.token}/", {"action": "nonsense"})
    response = post(f"/events/bookings/{booking.token}/", {"action": "cancel"})
    assert response.status_code == 429
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_an_unknown_action_or_token_is_refused(client, post, event):
    post(book_url(event), person(1))
    booking = Booking.objects.get()
    assert post(f"/events/bookings/{booking.token}/", {"action": "drop"}).status_code == 400
    assert client.get("/events/bookings/not-a-token/").status_code == 404


def test_a_past_event_takes_no_bookings(post, client, event):
    event.start = timezone.now() - timedelta(days=1)
    event.end = event.start + timedelta(hours=1)
    event.save()
    assert "Booking has closed" in client.get(book_url(event)).content.decode()
    assert post(book_url(event), person(1)).status_code == 403
    assert not Booking.objects.exists()


def test_events_not_taking_bookings_through_the_hub_have_no_form(client, event):
    event.takes_bookings = False
    event.save()
    assert client.get(book_url(event)).status_code == 404


def test_an_unpublished_event_has_no_form(client, event):
    event.unpublish()
    assert client.get(book_url(event)).status_code == 404


@pytest.mark.parametrize("language", ["pl", "ur"])
def test_booking_in_another_language_is_answered_in_it(post, client, event, language):
    page = client.get(book_url(event, language))
    assert page.status_code == 200 and f'lang="{language}"' in page.content.decode()
    response = post(book_url(event, language), person(1))
    assert response["Location"].startswith(f"/{language}/events/")
    booking = Booking.objects.get()
    assert booking.language == language
    email = OutboxEmail.objects.get()
    assert email.language == language
    assert f"/{language}/events/bookings/{booking.token}/" in mail.outbox[0].body
    assert "Dear Person 1" not in mail.outbox[0].body  # written in their language


def test_an_email_recorded_twice_is_sent_once(post, event):
    post(book_url(event), person(1))
    booking = Booking.objects.get()
    record_booking_email(EmailPurpose.BOOKING_CONFIRMED, booking)
    assert OutboxEmail.objects.count() == 1
    assert len(mail.outbox) == 1
