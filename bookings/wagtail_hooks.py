"""The event page's booking box (through pages' ``EVENT_BOOKING_HOOK``) and the organisers'
list of attendees in the admin (``admin.py``)."""

from dataclasses import dataclass

from django.urls import reverse

from wagtail import hooks

from hub.models import default_locale
from pages.models.events import EVENT_BOOKING_HOOK

from .admin import BookingViewSet, FeedbackViewSet
from .models import EventPlaces
from .services import is_open


@dataclass(frozen=True)
class BookingBox:
    url: str
    places_left: int | None  # None: no limit
    closed: bool


@hooks.register(EVENT_BOOKING_HOOK)
def booking_box(page, request) -> BookingBox:
    """What the event page says about booking: one query for the places (the bookings
    belong to the event in the hub's main language)."""
    event = page
    if page.locale_id != default_locale().pk:
        event = page.get_translation_or_none(default_locale()) or page
    places = EventPlaces.objects.filter(event_id=event.pk).values_list("held", flat=True).first()
    capacity = event.capacity
    left = None if capacity is None else max(0, capacity - (places or 0))
    return BookingBox(
        url=reverse("bookings:book", args=[event.pk]),
        places_left=left,
        closed=not is_open(event),
    )


@hooks.register("register_admin_viewset")
def register_bookings_viewset():
    return BookingViewSet("event_bookings")


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet("event_feedback")
