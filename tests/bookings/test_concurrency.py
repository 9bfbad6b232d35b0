"""Two people booking the last place at once: exactly one gets it. Real concurrency needs
real transactions and a database that locks rows (PostgreSQL, ``SELECT ... FOR UPDATE``);
SQLite locks the whole database for each write, so the test runs only on PostgreSQL."""

import threading

from django.db import connection, connections

import pytest

from bookings.enums import BookingStatus
from bookings.models import Booking, EventPlaces
from bookings.services import BookingDetails, book

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def test_two_people_booking_the_last_place_do_not_both_get_it(event):
    event.capacity = 1
    event.save_revision().publish()
    barrier = threading.Barrier(4)
    errors = []

    def attempt(n):
        try:
            barrier.wait(timeout=10)
            book(event, BookingDetails(name=f"P{n}", email=f"p{n}@example.org"))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    statuses = sorted(Booking.objects.values_list("status", flat=True))
    assert statuses.count(BookingStatus.BOOKED) == 1
    assert statuses.count(BookingStatus.WAITING) == 3
    assert EventPlaces.objects.get(event=event).held == 1
