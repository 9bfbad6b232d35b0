import factory
from factory.django import DjangoModelFactory

from bookings.enums import BookingStatus
from bookings.models import Booking, EventPlaces


class EventPlacesFactory(DjangoModelFactory):
    class Meta:
        model = EventPlaces
        django_get_or_create = ("event",)


class BookingFactory(DjangoModelFactory):
    """A booking as stored; it does not count a place (use ``bookings.services.book`` for
    that, as the demo does)."""

    class Meta:
        model = Booking

    status = BookingStatus.BOOKED
    name = factory.Sequence(lambda n: f"Attendee {n}")
    email = factory.Sequence(lambda n: f"attendee{n}@example.org")
    organisation = "Kingsmead Hospitals NHS Trust"
    language = "en"
