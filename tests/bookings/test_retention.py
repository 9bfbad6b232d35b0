"""Bookings' personal data: registered, found, exported, erased on request (every personal
field), and purged BOOKINGS_RETENTION_DAYS after the event."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest

from bookings.enums import BookingStatus
from bookings.models import Booking, EventFeedback, EventPlaces
from bookings.retention import PERSONAL_FIELDS
from bookings.services import BookingDetails, book
from hub import personal_data
from hub.models import OutboxEmail

pytestmark = pytest.mark.django_db

MARKER = "marker-xyz"


def marked(event, email="marked@example.org"):
    return book(
        event,
        BookingDetails(
            name=MARKER,
            email=email,
            organisation=MARKER,
            access_needs=MARKER,
            dietary_needs=MARKER,
        ),
    )[0]


def entry():
    return next(e for e in personal_data.registered() if e.key == "bookings.bookings")


def test_every_personal_field_is_registered():
    assert set(entry().fields) == set(PERSONAL_FIELDS)
    text_fields = {
        field.name
        for field in Booking._meta.get_fields()
        if field.get_internal_type() in ("CharField", "TextField", "EmailField")
    }
    assert text_fields - set(PERSONAL_FIELDS) == {"status", "language", "token"}


def test_a_person_finds_and_exports_their_bookings(event):
    event.asks_dietary_needs = True
    event.save()
    marked(event)
    exported = personal_data.export("MARKED@example.org")
    (record,) = exported["records"]["bookings.bookings"]["records"]
    assert all(MARKER in str(record[name]) or name == "email" for name in PERSONAL_FIELDS)


def test_erasure_blanks_every_field_cancels_and_passes_the_place_on(event):
    event.asks_dietary_needs = True
    event.save()
    booking = marked(event)
    book(event, BookingDetails(name="Two", email="two@example.org"))
    waiting = book(event, BookingDetails(name="Three", email="three@example.org"))[0]
    old_token = booking.token
    feedback = EventFeedback.objects.create(
        booking=booking, event=event, overall=4, useful=4, comments=MARKER
    )
    assert "bookings.feedback" in personal_data.find("marked@example.org")
    erased = personal_data.erase("marked@example.org")
    assert erased["bookings.bookings"] == 1
    assert erased["bookings.feedback"] == 1
    booking.refresh_from_db()
    assert all(getattr(booking, name) == "" for name in PERSONAL_FIELDS)
    assert booking.token != old_token and booking.erased_at
    assert booking.status == BookingStatus.CANCELLED
    assert not OutboxEmail.objects.filter(cause_id=booking.pk, to="marked@example.org").exists()
    assert not OutboxEmail.objects.filter(body__contains=MARKER).exists()
    feedback.refresh_from_db()
    assert feedback.comments == "" and feedback.overall == 4
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.OFFERED
    assert EventPlaces.objects.get(event=event).held == 2


@override_settings(BOOKINGS_RETENTION_DAYS=30)
def test_the_purge_erases_bookings_past_retention_only(event, other_event):
    old = marked(event)
    recent = marked(other_event, email="recent@example.org")
    Booking.objects.filter(pk=old.pk).update(status=BookingStatus.BOOKED)
    # The first event ended 31 days ago, the second 29.
    type(event).objects.filter(pk=event.pk).update(
        end_date=timezone.localdate() - timedelta(days=31)
    )
    type(other_event).objects.filter(pk=other_event.pk).update(
        end_date=timezone.localdate() - timedelta(days=29)
    )
    old_feedback = EventFeedback.objects.create(
        booking=old, event=event, overall=4, useful=4, comments=MARKER
    )
    recent_feedback = EventFeedback.objects.create(
        booking=recent, event=other_event, overall=5, useful=5, comments=MARKER
    )
    assert list(entry().expired(timezone.now())) == [old]
    # The one scheduled purge (there is no bookings-only job any more) does it all.
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "bookings.bookings 1" in out.getvalue()
    # (Erasing a booking blanks its feedback's comments: the feedback entry finds none left.)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert all(getattr(old, name) == "" for name in PERSONAL_FIELDS)
    assert old.erased_at and old.status == BookingStatus.CANCELLED
    assert not OutboxEmail.objects.filter(cause_id=old.pk, body__contains=MARKER).exists()
    assert recent.name == MARKER and recent.erased_at is None
    old_feedback.refresh_from_db()
    recent_feedback.refresh_from_db()
    assert old_feedback.comments == "" and old_feedback.overall == 4
    assert recent_feedback.comments == MARKER
    # Run again: nothing more.
    assert personal_data.purge() == {}
