"""What the hub writes to people who book: booked (with the event as ``invite.ics``), on the
waiting list, offered a freed place, cancelled. Each is recorded in the hub's outbox
(:mod:`hub.outbox`) in the transaction that changes the booking, once per booking and kind
(the outbox key), in the language the person booked in, and carries the link to their
booking's own page, where they can cancel (or accept an offer) without an account.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hub import outbox
from hub.dates import date_format
from hub.enums import EmailPurpose
from hub.links import absolute_url
from hub.models import OutboxEmail, hub_name, in_active_language

from .calendar import calendar
from .models import Booking

WHEN_FORMAT = "l j F Y, H:i"
# The emails that carry the event as invite.ics.
WITH_CALENDAR = (EmailPurpose.BOOKING_CONFIRMED, EmailPurpose.BOOKING_REMINDER)


def booking_language(booking: Booking) -> str:
    offered = {code for code, _name in settings.LANGUAGES}
    return booking.language if booking.language in offered else settings.LANGUAGE_CODE


def feedback_url(booking: Booking) -> str:
    return absolute_url(reverse("bookings:feedback", args=[booking.token]))


def manage_url(booking: Booking) -> str:
    """The booking's own page (in the active language): see, accept, cancel."""
    return absolute_url(reverse("bookings:manage", args=[booking.token]))


def email_key(purpose: EmailPurpose, booking: Booking) -> str:
    return f"{purpose.value}:{booking.pk}"


def _content(purpose: EmailPurpose, booking: Booking, event) -> tuple[str, list[str], str]:
    """Subject, paragraphs and the label of the link to the booking's page."""
    when = date_format(timezone.localtime(event.start), WHEN_FORMAT)
    names = {"event": in_active_language(event).title, "when": when}
    if purpose == EmailPurpose.BOOKING_CONFIRMED:
        paragraphs = [
            _("Your place at %(event)s is booked.") % names,
            _("It starts on %(when)s.") % names,
            _("The event is attached to this email: open invite.ics to add it to your calendar."),
            _(
                "If you can no longer come, please cancel your booking so someone else "
                "can have the place."
            ),
        ]
        return _("Booked: %(event)s") % names, paragraphs, _("See or cancel your booking")
    if purpose == EmailPurpose.BOOKING_WAITING:
        paragraphs = [
            _("%(event)s is fully booked, so you are on the waiting list.") % names,
            _("If a place becomes free we will email you, and you can then accept it."),
        ]
        link_label = _("See your place on the waiting list or leave it")
        return _("Waiting list: %(event)s") % names, paragraphs, link_label
    if purpose == EmailPurpose.BOOKING_OFFER:
        until = date_format(timezone.localtime(booking.offer_expires_at), WHEN_FORMAT)
        paragraphs = [
            _("A place at %(event)s (%(when)s) has become free, and it is yours if you want it.")
            % names,
            _("Accept it by %(until)s. After that we offer it to the next person waiting.")
            % {"until": until},
        ]
        return _("A place is free: %(event)s") % names, paragraphs, _("Accept or decline the place")
    if purpose == EmailPurpose.BOOKING_REMINDER:
        paragraphs = [
            _("A reminder: you have a place at %(event)s, which starts on %(when)s.") % names,
            _(
                "If you can no longer come, please cancel your booking so someone else "
                "can have the place."
            ),
        ]
        return _("Reminder: %(event)s") % names, paragraphs, _("See or cancel your booking")
    if purpose == EmailPurpose.BOOKING_FEEDBACK:
        paragraphs = [
            _("Thank you for coming to %(event)s.") % names,
            _(
                "Please tell the organiser what you thought: two questions and space for "
                "comments, about a minute."
            ),
        ]
        return _("How was %(event)s?") % names, paragraphs, _("Give your feedback")
    paragraphs = [_("Your booking for %(event)s (%(when)s) is cancelled.") % names]
    return _("Cancelled: %(event)s") % names, paragraphs, _("See the event")


def record_booking_email(purpose: EmailPurpose, booking: Booking) -> OutboxEmail:
    """Record the email of this kind to ``booking``'s person, in the caller's transaction;
    only once per booking and kind."""
    event = booking.event
    with translation.override(booking_language(booking)):
        subject, paragraphs, link_label = _content(purpose, booking, event)
        shown = in_active_language(event)
        if purpose == EmailPurpose.BOOKING_CANCELLED:
            link = shown.full_url
        elif purpose == EmailPurpose.BOOKING_FEEDBACK:
            link = feedback_url(booking)
        else:
            link = manage_url(booking)
        context = {
            "booking": booking,
            "event": event,
            "subject": subject,
            "paragraphs": paragraphs,
            "link": link,
            "link_label": link_label,
            "hub_name": hub_name(),
        }
        return outbox.record(
            key=email_key(purpose, booking),
            purpose=purpose,
            to=booking.email,
            subject=subject,
            body=render_to_string("bookings/emails/booking.txt", context),
            html_body=render_to_string("bookings/emails/booking.html", context),
            cause=booking,
            calendar=calendar([event]) if purpose in WITH_CALENDAR else "",
            language=booking_language(booking),
        )
