"""Demo bookings: an upcoming workshop booked through the hub, full, with a waiting list, and
a past one whose organiser recorded attendance. Idempotent: each event is made once."""

import datetime

from django.utils import timezone

from bookings.enums import BookingStatus
from bookings.models import Booking, EventPlaces
from bookings.services import BookingDetails, book
from demo.factories import BookingFactory, EventPageFactory
from demo.site import publish
from pages.enums import AttendanceMode, EventType
from pages.models import EventPage

TRUST = "Wealdshire University Hospitals NHS Foundation Trust"
UPCOMING = "qi-coaching-skills-workshop"
PAST = "learning-from-patient-safety-events"
PEOPLE = [
    ("Amara Okafor", "amara.okafor@example.org", "Ward 7, Kingsmead", "Step-free access, please"),
    ("Tomasz Wiśniewski", "tomasz.wisniewski@example.org", "Eastbridge PCN", ""),
    ("Saima Rashid", "saima.rashid@example.org", "Eastbridge County Council", ""),
    ("Gareth Price", "gareth.price@example.org", "Kingsmead pharmacy", "A hearing loop"),
    ("Hannah Lowe", "hannah.lowe@example.org", "Wealdshire ICB", ""),
    ("Jo Bright", "jo.bright@example.org", "Wealdshire Carers", ""),
]


def _event(training, organisation, admin, **fields):
    page = EventPageFactory.build(organiser=organisation, takes_bookings=True, **fields)
    training.add_child(instance=page)
    publish(page, admin)
    return EventPage.objects.get(pk=page.pk)


def seed_bookings(training, organisations, admin) -> dict:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    trust = organisations[TRUST]
    if not EventPage.objects.filter(slug=UPCOMING, locale=training.locale).exists():
        start = (now + datetime.timedelta(days=10)).replace(hour=13)
        event = _event(
            training,
            trust,
            admin,
            slug=UPCOMING,
            title="QI coaching skills workshop",
            summary="A hands-on afternoon for new improvement coaches: questions that help "
            "teams find their own changes.",
            event_type=EventType.COURSE,
            attendance=AttendanceMode.IN_PERSON,
            place="Wealdshire General Hospital education centre",
            start=start,
            end=start + datetime.timedelta(hours=3),
            capacity=4,
            asks_dietary_needs=True,
        )
        for name, email, organisation, access in PEOPLE:
            book(
                event,
                BookingDetails(
                    name=name,
                    email=email,
                    organisation=organisation,
                    access_needs=access,
                    dietary_needs="Vegetarian" if "o" in name else "",
                    language="pl" if "Tomasz" in name else "en",
                ),
            )
    if not EventPage.objects.filter(slug=PAST, locale=training.locale).exists():
        start = (now - datetime.timedelta(days=14)).replace(hour=10)
        event = _event(
            training,
            trust,
            admin,
            slug=PAST,
            title="Learning from patient safety events (PSIRF)",
            summary="How teams across Wealdshire turn patient safety learning into tests "
            "of change.",
            event_type=EventType.LEARNING_EVENT,
            attendance=AttendanceMode.ONLINE,
            start=start,
            end=start + datetime.timedelta(hours=2),
            capacity=30,
        )
        for index, (name, email, organisation, access) in enumerate(PEOPLE):
            BookingFactory(
                event=event,
                name=name,
                email=email,
                organisation=organisation,
                access_needs=access,
                status=BookingStatus.BOOKED,
                attended=index != 2,
                created_at=start - datetime.timedelta(days=20 - index),
            )
        EventPlaces.objects.update_or_create(event=event, defaults={"held": len(PEOPLE)})
    return {"bookings": Booking.objects.count()}
