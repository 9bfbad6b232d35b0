"""The scheduled jobs: offers that lapse pass on, places freed by a larger capacity are
offered, reminders go once; the calendar feed."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from bookings.enums import BookingStatus
from bookings.models import Booking, EventPlaces
from bookings.services import BookingDetails, book, cancel, offer_free_places, send_reminders
from demo.factories import EventPageFactory
from hub.enums import EmailPurpose
from hub.models import OutboxEmail

pytestmark = pytest.mark.django_db


def fill(event, count):
    return [
        book(event, BookingDetails(name=f"P{n}", email=f"p{n}@example.org"))[0]
        for n in range(count)
    ]


def test_an_unaccepted_offer_lapses_to_the_next_person_waiting(event):
    first, _second, third, fourth = fill(event, 4)
    cancel(first)
    third.refresh_from_db()
    assert third.status == BookingStatus.OFFERED
    assert offer_free_places() == {"lapsed": 0, "offered": 0}  # not yet due
    later = third.offer_expires_at + timedelta(minutes=1)
    assert offer_free_places(now=later) == {"lapsed": 1, "offered": 0}
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == BookingStatus.LAPSED
    assert fourth.status == BookingStatus.OFFERED
    assert EventPlaces.objects.get(event=event).held == 2
    # The last offer lapsing with nobody waiting gives the place back.
    offer_free_places(now=fourth.offer_expires_at + timedelta(minutes=1))
    assert EventPlaces.objects.get(event=event).held == 1


def test_a_larger_capacity_offers_the_new_places_to_those_waiting(event):
    fill(event, 4)
    event.capacity = 3
    event.save_revision().publish()
    assert offer_free_places() == {"lapsed": 0, "offered": 1}
    assert list(Booking.objects.values_list("status", flat=True)) == [
        BookingStatus.BOOKED,
        BookingStatus.BOOKED,
        BookingStatus.OFFERED,
        BookingStatus.WAITING,
    ]
    assert offer_free_places() == {"lapsed": 0, "offered": 0}


def test_the_command_reports_what_it_did(event):
    out = StringIO()
    call_command("offer_booking_places", stdout=out)
    assert "0 offer(s) lapsed, 0 place(s) offered." in out.getvalue()


def test_reminders_go_once_to_people_booked_on_events_soon(
    event, other_event, django_capture_on_commit_callbacks
):
    booked, _other, waiting = fill(event, 3)
    fill(other_event, 1)  # in 20 days: no reminder yet
    now = event.start - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(now=now) == 2
        assert send_reminders(now=now) == 0
    reminders = OutboxEmail.objects.filter(purpose=EmailPurpose.BOOKING_REMINDER)
    assert sorted(reminders.values_list("to", flat=True)) == ["p0@example.org", "p1@example.org"]
    sent = [m for m in mail.outbox if m.subject.startswith("Reminder")]
    assert len(sent) == 2 and sent[0].attachments[0][0] == "invite.ics"
    assert waiting.email not in [m.to[0] for m in sent]


def test_the_calendar_feed_lists_upcoming_events(client, event, other_event, org_a, training):
    EventPageFactory(
        parent=training,
        title="Last year's event",
        start=timezone.now() - timedelta(days=400),
    )
    response = client.get("/events/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    assert "Last year" not in body
    mine = client.get(f"/events/calendar/{org_a.pk}.ics").content.decode()
    assert mine.count("BEGIN:VEVENT") == 1 and "Introduction to SPC charts" in mine
    assert client.get("/events/calendar/999999.ics").status_code == 404


def test_the_calendar_feed_holds_no_personal_data(client, event):
    fill(event, 2)
    body = client.get("/events/calendar.ics").content.decode()
    assert "@example.org" not in body and "P0" not in body
