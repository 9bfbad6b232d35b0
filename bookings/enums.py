from django.db import models
from django.utils.translation import gettext_lazy as _


class BookingStatus(models.TextChoices):
    """Where a booking is. ``booked`` and ``offered`` hold one of the event's places."""

    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Offered a place")
    CANCELLED = "cancelled", _("Cancelled")
    LAPSED = "lapsed", _("Offer not taken up")


# A person's booking that is still going: one per email address and event.
ACTIVE = (BookingStatus.BOOKED, BookingStatus.WAITING, BookingStatus.OFFERED)
# Those holding a place.
HOLDING = (BookingStatus.BOOKED, BookingStatus.OFFERED)
