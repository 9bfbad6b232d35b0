"""Bookings of places at events (``pages.EventPage`` with ``takes_bookings``).

:class:`EventPlaces` is one row per event: how many places are held, locked (``SELECT ...
FOR UPDATE``) by every change that takes or frees a place, so two people booking the last
place never both get it. Public event pages show the places left, so the page cache watches
it (a change drops the cached pages); the bookings themselves are private.

:class:`Booking` is one person's booking: booked, on the waiting list, offered a freed
place, cancelled or lapsed. Anyone holding its random ``token`` (sent in every email) may
see, accept or cancel it, without an account.
"""

import secrets

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import HOLDING, BookingStatus


def new_token() -> str:
    return secrets.token_urlsafe(32)


class EventPlaces(models.Model):
    event = models.OneToOneField(
        "pages.EventPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="booking_places",
        verbose_name=_("event"),
    )
    # Places booked or offered to someone on the waiting list.
    held = models.PositiveIntegerField(_("places held"), default=0)

    class Meta:
        verbose_name = _("places at an event")
        verbose_name_plural = _("places at events")

    def __str__(self):
        return f"{self.event}: {self.held}"

    def places_left(self) -> int | None:
        """None when the event sets no limit."""
        capacity = self.event.capacity
        return None if capacity is None else max(0, capacity - self.held)


class BookingQuerySet(models.QuerySet):
    def holding(self):
        return self.filter(status__in=HOLDING)

    def waiting(self):
        return self.filter(status=BookingStatus.WAITING).order_by("created_at", "pk")


class Booking(models.Model):
    event = models.ForeignKey(
        "pages.EventPage",
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("event"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, db_index=True
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    organisation = models.CharField(_("organisation or team"), max_length=200, blank=True)
    access_needs = models.TextField(_("access needs"), max_length=1000, blank=True)
    dietary_needs = models.TextField(_("dietary needs"), max_length=1000, blank=True)
    # The language they booked in: what the hub writes to them in.
    language = models.CharField(_("language"), max_length=16, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now, db_index=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Set once the personal fields are erased (retention or on request).
    erased_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)
    outbox_emails = GenericRelation(
        "hub.OutboxEmail", content_type_field="cause_type", object_id_field="cause_id"
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["created_at", "pk"]
        permissions = [("view_every_booking", _("Can see the bookings of every event"))]

    def __str__(self):
        return self.name or _("Booking %(id)s") % {"id": self.pk}

    @property
    def is_active(self) -> bool:
        return self.status in (BookingStatus.BOOKED, BookingStatus.WAITING, BookingStatus.OFFERED)


class Rating(models.IntegerChoices):
    POOR = 1, _("Poor")
    FAIR = 2, _("Fair")
    GOOD = 3, _("Good")
    VERY_GOOD = 4, _("Very good")
    EXCELLENT = 5, _("Excellent")


class EventFeedback(models.Model):
    """What an attendee thought of an event, given through the link emailed after it: one
    per booking. Seen by the event's organiser in the admin."""

    booking = models.OneToOneField(
        Booking, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("booking")
    )
    event = models.ForeignKey(
        "pages.EventPage",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("event"),
    )
    overall = models.PositiveSmallIntegerField(_("overall"), choices=Rating.choices)
    useful = models.PositiveSmallIntegerField(_("useful for my work"), choices=Rating.choices)
    comments = models.TextField(_("comments"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("event feedback")
        verbose_name_plural = _("event feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.event}: {self.overall}/5"
