"""Bookings' personal data: registered with :mod:`hub.personal_data`, so a person's
bookings are found, exported and erased with everything else the hub holds about them, and
removed by the scheduled purge ``BOOKINGS_RETENTION_DAYS`` after the event ends.

Erasing keeps the row (the organiser's counts of places, attendance) and blanks every
personal field; an erased booking that was still active is cancelled first, so its place
passes to the next person waiting. Its emails go too (they name the person and carry the
link to the booking), and the link stops working (a new token).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub import personal_data

from .enums import ACTIVE
from .models import Booking, EventFeedback, new_token
from .services import cancel

PERSONAL_FIELDS = ("name", "email", "organisation", "access_needs", "dietary_needs")


def expired(now):
    """Bookings of events that ended more than ``BOOKINGS_RETENTION_DAYS`` ago."""
    cutoff = timezone.localdate(now) - timedelta(days=settings.BOOKINGS_RETENTION_DAYS)
    return Booking.objects.filter(event__end_date__lt=cutoff, erased_at__isnull=True)


def erase(rows) -> int:
    now = timezone.now()
    count = 0
    # Their feedback's comments may name them; the ratings stay with the event.
    EventFeedback.objects.filter(booking__in=rows).update(comments="")
    for booking in rows.select_related("event"):
        if booking.status in ACTIVE:
            cancel(booking, now=now)
            booking.refresh_from_db()
        booking.outbox_emails.all().delete()
        for name in PERSONAL_FIELDS:
            setattr(booking, name, "")
        booking.token = new_token()
        booking.erased_at = now
        booking.save(update_fields=[*PERSONAL_FIELDS, "token", "erased_at"])
        # The cancellation email cancel() just recorded names them too.
        booking.outbox_emails.all().delete()
        count += 1
    return count


def feedback_expired(now):
    return EventFeedback.objects.filter(booking__in=expired(now)).exclude(comments="")


def erase_feedback(rows) -> int:
    return rows.update(comments="")


def register_personal_data() -> None:
    personal_data.register(
        personal_data.PersonalData(
            key="bookings.feedback",
            label=_("Feedback on events"),
            model=EventFeedback,
            email_lookups=("booking__email",),
            fields=("comments",),
            retention=_("As long as the booking it was given with; the ratings stay, anonymous."),
            lawful_basis=_(
                "Public task (Article 6(1)(e)): running the health and care system's "
                "improvement events."
            ),
            erase=erase_feedback,
            expired=feedback_expired,
        )
    )
    personal_data.register(
        personal_data.PersonalData(
            key="bookings.bookings",
            label=_("Bookings of places at events"),
            model=Booking,
            email_lookups=("email",),
            fields=PERSONAL_FIELDS,
            retention=_(
                "Until the number of days after the event set by BOOKINGS_RETENTION_DAYS "
                "(90 unless the hub sets another), so the organiser can follow up."
            ),
            lawful_basis=_(
                "Public task (Article 6(1)(e)): running the health and care system's "
                "improvement events."
            ),
            erase=erase,
            expired=expired,
        )
    )
