"""Every change to a booking, each in one transaction holding the event's places row
(``EventPlaces``) locked, so the count of places held is always the number of bookings
holding one, and two people never get the last place.

- :func:`book`: a place if one is left, else the waiting list;
- :func:`cancel`: frees the place (offered at once to the first person waiting);
- :func:`accept`: an offered place becomes booked, while the offer is open;
- :func:`offer_free_places` (the ``offer_booking_places`` job): offers past their time lapse
  and pass on; places freed by a larger capacity go to the people waiting.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hub.enums import EmailPurpose
from hub.models import OutboxEmail

from .emails import email_key, record_booking_email
from .enums import ACTIVE, HOLDING, BookingStatus
from .models import Booking, EventPlaces


class BookingClosed(Exception):
    """The event takes no bookings (any more): not through the hub, or already begun."""


def is_open(event, now=None) -> bool:
    return bool(event.takes_bookings and event.live and event.start > (now or timezone.now()))


def lock_places(event) -> EventPlaces:
    """The event's places row, created if needed and locked until the transaction ends."""
    EventPlaces.objects.get_or_create(event=event)
    return EventPlaces.objects.select_for_update().select_related("event").get(event=event)


@dataclass(frozen=True)
class BookingDetails:
    name: str
    email: str
    organisation: str = ""
    access_needs: str = ""
    dietary_needs: str = ""
    language: str = ""


def book(event, details: BookingDetails) -> tuple[Booking, bool]:
    """Book ``details``' person a place, or put them on the waiting list. Returns the booking
    and whether it is new: an address already booked (or waiting) for this event gets its
    existing booking back, and no second email."""
    with transaction.atomic():
        places = lock_places(event)
        event = places.event
        if not is_open(event):
            raise BookingClosed
        existing = event.bookings.filter(email__iexact=details.email, status__in=ACTIVE).first()
        if existing is not None:
            return existing, False
        left = places.places_left()
        status = BookingStatus.BOOKED if left is None or left > 0 else BookingStatus.WAITING
        booking = Booking.objects.create(
            event=event,
            status=status,
            name=details.name,
            email=details.email,
            organisation=details.organisation,
            access_needs=details.access_needs if event.asks_access_needs else "",
            dietary_needs=details.dietary_needs if event.asks_dietary_needs else "",
            language=details.language or settings.LANGUAGE_CODE,
        )
        if status == BookingStatus.BOOKED:
            places.held += 1
            places.save(update_fields=["held"])
            record_booking_email(EmailPurpose.BOOKING_CONFIRMED, booking)
        else:
            record_booking_email(EmailPurpose.BOOKING_WAITING, booking)
        return booking, True


def _offer_next(places: EventPlaces, now) -> Booking | None:
    """Offer one free place to the first person waiting (the caller counted it as held)."""
    booking = places.event.bookings.waiting().select_for_update().first()
    if booking is None:
        return None
    booking.status = BookingStatus.OFFERED
    booking.offer_expires_at = now + timedelta(hours=settings.BOOKINGS_OFFER_HOURS)
    booking.save(update_fields=["status", "offer_expires_at"])
    record_booking_email(EmailPurpose.BOOKING_OFFER, booking)
    return booking


def _release(places: EventPlaces, now) -> None:
    """A held place is free again: to the next person waiting, or back to the count."""
    if not is_open(places.event, now) or _offer_next(places, now) is None:
        places.held = max(0, places.held - 1)
        places.save(update_fields=["held"])


def cancel(booking: Booking, now=None) -> bool:
    """Cancel a booking, a place on the waiting list or an offer; False if it was no longer
    active."""
    now = now or timezone.now()
    with transaction.atomic():
        places = lock_places(booking.event)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in ACTIVE:
            return False
        held = booking.status in HOLDING
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at"])
        record_booking_email(EmailPurpose.BOOKING_CANCELLED, booking)
        if held:
            _release(places, now)
        return True


class OfferLapsed(Exception):
    """The offer's time ran out."""


def accept(booking: Booking, now=None) -> Booking:
    """Take up an offered place. Raises :class:`OfferLapsed` when its time is over (the
    place then passes on at once); a booking already booked is returned as it is."""
    now = now or timezone.now()
    with transaction.atomic():
        places = lock_places(booking.event)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != BookingStatus.OFFERED:
            return booking
        if booking.offer_expires_at <= now:
            _lapse(booking, places, now)
        else:
            booking.status = BookingStatus.BOOKED
            booking.save(update_fields=["status"])
            record_booking_email(EmailPurpose.BOOKING_CONFIRMED, booking)
            return booking
    raise OfferLapsed


def _lapse(booking: Booking, places: EventPlaces, now) -> None:
    booking.status = BookingStatus.LAPSED
    booking.save(update_fields=["status"])
    _release(places, now)


def offer_free_places(now=None) -> dict[str, int]:
    """Lapse offers past their time (passing each place on) and offer places left free (a
    larger capacity, a cancellation while nobody waited) to the people waiting, at events
    still open. Each event in its own transaction."""
    now = now or timezone.now()
    counts = {"lapsed": 0, "offered": 0}
    expired_events = set(
        Booking.objects.filter(status=BookingStatus.OFFERED, offer_expires_at__lte=now).values_list(
            "event_id", flat=True
        )
    )
    waiting_events = set(
        Booking.objects.filter(status=BookingStatus.WAITING, event__start__gt=now).values_list(
            "event_id", flat=True
        )
    )
    for event_id in sorted(expired_events | waiting_events):
        with transaction.atomic():
            places = lock_places(EventPlaces(event_id=event_id).event)
            for booking in places.event.bookings.select_for_update().filter(
                status=BookingStatus.OFFERED, offer_expires_at__lte=now
            ):
                _lapse(booking, places, now)
                counts["lapsed"] += 1
            left = places.places_left()
            while is_open(places.event, now) and (left is None or left > 0):
                places.held += 1
                if _offer_next(places, now) is None:
                    places.held -= 1
                    break
                places.save(update_fields=["held"])
                counts["offered"] += 1
                left = places.places_left()
    return counts


REMINDER_AHEAD = timedelta(days=2)


def send_reminders(now=None) -> int:
    """Record a reminder to everyone booked on an event starting within ``REMINDER_AHEAD``
    (once per booking: the outbox key); returns how many were recorded now."""
    now = now or timezone.now()
    bookings = Booking.objects.filter(
        status=BookingStatus.BOOKED,
        event__live=True,
        event__start__gt=now,
        event__start__lte=now + REMINDER_AHEAD,
    ).select_related("event")
    sent = set(
        OutboxEmail.objects.filter(
            purpose=EmailPurpose.BOOKING_REMINDER, cause_id__in=[b.pk for b in bookings]
        ).values_list("key", flat=True)
    )
    count = 0
    for booking in bookings:
        if email_key(EmailPurpose.BOOKING_REMINDER, booking) in sent:
            continue
        with transaction.atomic():
            record_booking_email(EmailPurpose.BOOKING_REMINDER, booking)
        count += 1
    return count


# Feedback is asked for once an event has ended, for up to this long afterwards.
FEEDBACK_WINDOW = timedelta(days=7)


def feedback_due(now=None):
    """Bookings whose event ended (within ``FEEDBACK_WINDOW``) and who were there (or whose
    attendance was not recorded), with no feedback yet."""
    now = now or timezone.now()
    return (
        Booking.objects.filter(
            status=BookingStatus.BOOKED,
            erased_at__isnull=True,
            event__live=True,
            event__end_date__lt=timezone.localdate(now),
            event__end_date__gte=timezone.localdate(now - FEEDBACK_WINDOW),
            feedback__isnull=True,
        )
        .exclude(attended=False)
        .select_related("event")
    )


def send_feedback_requests(now=None) -> int:
    """Record the feedback request to everyone :func:`feedback_due` (once per booking)."""
    bookings = list(feedback_due(now))
    asked = set(
        OutboxEmail.objects.filter(
            purpose=EmailPurpose.BOOKING_FEEDBACK, cause_id__in=[b.pk for b in bookings]
        ).values_list("key", flat=True)
    )
    count = 0
    for booking in bookings:
        if email_key(EmailPurpose.BOOKING_FEEDBACK, booking) in asked:
            continue
        with transaction.atomic():
            record_booking_email(EmailPurpose.BOOKING_FEEDBACK, booking)
        count += 1
    return count
