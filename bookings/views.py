"""The public booking pages: the form (its own page, since the event page is cached for
anonymous visitors and must carry no CSRF token), what happens next, and each booking's own
page, reached by the link in its emails, where a person cancels or accepts an offered place.

Bookings belong to the event in the hub's main language, so a place booked from the Polish
page counts against the same places; each page shows the event in the visitor's language.
None of these pages is cached (``never_cache``): they carry a CSRF token or a booking.
"""

from contextlib import suppress

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from hub.abuse import hit_rate_limit, retry_after
from hub.models import Organisation, default_locale, in_active_language, localized
from pages.models import EventPage

from .calendar import calendar
from .enums import BookingStatus
from .forms import BookingForm, FeedbackForm
from .models import Booking, EventFeedback
from .services import BookingClosed, BookingDetails, OfferLapsed, accept, book, cancel, is_open


def bookable_event(event_id) -> EventPage:
    """The live event, in the hub's main language, that takes bookings through the hub."""
    return get_object_or_404(
        EventPage.objects.live().filter(locale=default_locale(), takes_bookings=True),
        pk=event_id,
    )


def _limited(request, scope):
    return hit_rate_limit(request, scope, settings.HUB_PUBLIC_FORM_RATE_LIMIT)


def _too_many(request, template, context, limit):
    response = TemplateResponse(request, template, {**context, "rate_limited": True}, status=429)
    return retry_after(response, limit.retry_after)


@never_cache
def book_view(request, event_id):
    event = bookable_event(event_id)
    context = {"event": event, "shown": in_active_language(event)}
    if not is_open(event):
        return TemplateResponse(
            request,
            "bookings/book.html",
            {**context, "closed": True},
            status=403 if request.method == "POST" else 200,
        )
    places = getattr(event, "booking_places", None)
    context["full"] = bool(places and places.places_left() == 0)
    if request.method == "POST":
        form = BookingForm(request.POST, event=event)
        limit = _limited(request, "event-booking")
        if limit:
            return _too_many(request, "bookings/book.html", context, limit)
        if form.is_valid():
            if form.honeypot_filled():
                return redirect("bookings:booked", event_id=event.pk)
            data = form.cleaned_data
            try:
                booking, _new = book(
                    event,
                    BookingDetails(
                        name=data["name"],
                        email=data["email"],
                        organisation=data["organisation"],
                        access_needs=data.get("access_needs", ""),
                        dietary_needs=data.get("dietary_needs", ""),
                        language=translation.get_language() or settings.LANGUAGE_CODE,
                    ),
                )
            except BookingClosed:
                return TemplateResponse(
                    request, "bookings/book.html", {**context, "closed": True}, status=403
                )
            outcome = "waiting" if booking.status == BookingStatus.WAITING else "booked"
            return redirect(f"{request.path}done/?outcome={outcome}")
        status = 400
    else:
        form = BookingForm(event=event)
        status = 200
    return TemplateResponse(request, "bookings/book.html", {**context, "form": form}, status=status)


@never_cache
def booked_view(request, event_id):
    event = bookable_event(event_id)
    outcome = "waiting" if request.GET.get("outcome") == "waiting" else "booked"
    return TemplateResponse(
        request,
        "bookings/booked.html",
        {"event": event, "shown": in_active_language(event), "outcome": outcome},
    )


@never_cache
def manage_view(request, token):
    booking = Booking.objects.select_related("event").filter(token=token).first()
    if booking is None or not booking.event.live:
        raise Http404
    context = {"booking": booking, "shown": in_active_language(booking.event)}
    if request.method == "POST":
        limit = _limited(request, "booking-change")
        if limit:
            return _too_many(request, "bookings/manage.html", context, limit)
        action = request.POST.get("action")
        if action == "cancel":
            cancel(booking)
        elif action == "accept":
            with suppress(OfferLapsed):  # the page then says the offer has lapsed
                accept(booking)
        else:
            context["bad_action"] = True
            return TemplateResponse(request, "bookings/manage.html", context, status=400)
        return redirect("bookings:manage", token=token)
    return TemplateResponse(request, "bookings/manage.html", context)


# The most events a calendar feed lists (the next ones first).
FEED_LIMIT = 500


def calendar_feed(request, organisation_id=None):
    """Upcoming events as an iCalendar feed a calendar program subscribes to: all of them, or
    one organiser's. Public, no personal data; the page cache keeps it like a page."""
    events = localized(EventPage.objects.live().public()).filter(end_date__gte=timezone.localdate())
    name = str(_("Events"))
    if organisation_id is not None:
        organisation = get_object_or_404(Organisation, pk=organisation_id)
        events = events.filter(organiser__translation_key=organisation.translation_key)
        name = f"{name}: {in_active_language(organisation).name}"
    events = events.order_by("start", "pk")[:FEED_LIMIT]
    response = HttpResponse(
        calendar(events, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


@never_cache
def feedback_view(request, token):
    """The short form emailed after the event: once per booking, for people who booked."""
    booking = Booking.objects.select_related("event").filter(token=token).first()
    if booking is None or not booking.event.live or booking.status != BookingStatus.BOOKED:
        raise Http404
    context = {"booking": booking, "shown": in_active_language(booking.event)}
    given = EventFeedback.objects.filter(booking=booking).exists()
    if given or not booking.event.is_past:
        return TemplateResponse(
            request,
            "bookings/feedback.html",
            {**context, "given": given, "not_yet": not given},
            status=409 if request.method == "POST" else 200,
        )
    if request.method == "POST":
        limit = _limited(request, "event-feedback")
        if limit:
            return _too_many(request, "bookings/feedback.html", context, limit)
        form = FeedbackForm(
            request.POST, instance=EventFeedback(booking=booking, event=booking.event)
        )
        if form.is_valid():
            form.save()
            return redirect("bookings:feedback", token=token)
        status = 400
    else:
        form = FeedbackForm()
        status = 200
    return TemplateResponse(
        request, "bookings/feedback.html", {**context, "form": form}, status=status
    )
