from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

import pytest

from demo.factories import EventPageFactory, TrainingIndexPageFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def training(home_page):
    return TrainingIndexPageFactory(parent=home_page)


@pytest.fixture
def event(training, org_a):
    """An event in a fortnight with two places, booked through the hub, asking about
    access needs but not diet."""
    return EventPageFactory(
        parent=training,
        title="Introduction to SPC charts",
        organiser=org_a,
        capacity=2,
        takes_bookings=True,
        asks_access_needs=True,
        asks_dietary_needs=False,
        place="Kingsmead Education Centre, Room 2",
    )


@pytest.fixture
def other_event(training, org_b):
    return EventPageFactory(
        parent=training,
        title="Co-design in practice",
        organiser=org_b,
        capacity=10,
        takes_bookings=True,
        start=timezone.now() + timedelta(days=20),
    )


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST as a real request would: what the commit runs (queuing emails) runs too."""

    def post(url, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **kwargs)

    return post


def book_url(event, language=""):
    prefix = f"/{language}" if language else ""
    return f"{prefix}/events/{event.pk}/book/"


def person(n=1, **extra):
    return {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "organisation": "Ward 7",
        **extra,
    }
