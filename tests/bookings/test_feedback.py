"""After the event: the feedback request (once, to those booked and not marked absent), the
short form by the emailed link, and its results for the organiser only."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from bookings.enums import BookingStatus
from bookings.models import EventFeedback
from bookings.services import BookingDetails, book, send_feedback_requests
from demo.factories import BookingFactory
from hub.enums import EmailPurpose
from hub.models import OutboxEmail
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_event(event):
    event.start = timezone.now() - timedelta(days=2)
    event.end = event.start + timedelta(hours=2)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def url(booking):
    return f"/events/bookings/{booking.token}/feedback/"


def test_attendees_are_asked_once_and_the_absent_never(
    past_event, django_capture_on_commit_callbacks
):
    there = BookingFactory(event=past_event, attended=True)
    unknown = BookingFactory(event=past_event)
    BookingFactory(event=past_event, attended=False)
    BookingFactory(event=past_event, status=BookingStatus.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_feedback_requests() == 2
        assert send_feedback_requests() == 0
    asked = OutboxEmail.objects.filter(purpose=EmailPurpose.BOOKING_FEEDBACK)
    assert sorted(asked.values_list("to", flat=True)) == sorted([there.email, unknown.email])
    assert url(there) in next(m.body for m in mail.outbox if m.to == [there.email])


def test_no_request_before_the_event_ends(event):
    book(event, BookingDetails(name="Early", email="early@example.org"))
    assert send_feedback_requests() == 0


def test_the_form_takes_ratings_and_comments_once(client, past_event):
    booking = BookingFactory(event=past_event)
    assert client.get(url(booking)).status_code == 200
    response = client.post(url(booking), {"overall": "5", "useful": "4", "comments": " Great "})
    assert response.status_code == 302
    feedback = EventFeedback.objects.get()
    assert (feedback.overall, feedback.useful, feedback.comments) == (5, 4, "Great")
    assert "Thank you for your feedback" in client.get(url(booking)).content.decode()
    again = client.post(url(booking), {"overall": "1", "useful": "1"})
    assert again.status_code == 409 and EventFeedback.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"useful": "3"}, "overall"),
        ({"overall": "9", "useful": "3"}, "overall"),
        ({"overall": "3", "useful": "3", "comments": "x" * 2001}, "comments"),
    ],
)
def test_bad_answers_are_refused_beside_the_field(client, past_event, data, field):
    booking = BookingFactory(event=past_event)
    response = client.post(url(booking), data)
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not EventFeedback.objects.exists()


def test_no_form_before_the_event_or_for_someone_not_booked(client, event, past_event):
    waiting = BookingFactory(event=past_event, status=BookingStatus.WAITING)
    assert client.get(url(waiting)).status_code == 404
    assert client.get("/events/bookings/nope/feedback/").status_code == 404


def test_organisers_see_only_their_own_events_feedback(
    client, past_event, other_event, editor_a, editor_b
):
    booking = BookingFactory(event=past_event)
    EventFeedback.objects.create(
        booking=booking, event=past_event, overall=4, useful=5, comments="Loved the SPC exercise"
    )
    assert client.login(username=editor_a.username, password=PASSWORD)
    assert "Loved the SPC exercise" in client.get("/admin/event_feedback/").content.decode()
    client.logout()
    assert client.login(username=editor_b.username, password=PASSWORD)
    assert "Loved the SPC exercise" not in client.get("/admin/event_feedback/").content.decode()
