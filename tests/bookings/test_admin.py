"""Organisers in the admin: partner editors see (and export) the attendees of their own
organisation's events only, hub editors all; attendance is the one thing they change."""

import pytest

from bookings.models import Booking
from bookings.services import BookingDetails, book
from demo.factories import UserFactory
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

INDEX = "/admin/event_bookings/"


@pytest.fixture
def bookings(event, other_event):
    mine = book(
        event, BookingDetails(name="Ada Mine", email="ada@example.org", access_needs="Ramp")
    )[0]
    theirs = book(other_event, BookingDetails(name="Bo Theirs", email="bo@example.org"))[0]
    return mine, theirs


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_a_partner_editor_sees_only_their_organisations_attendees(client, editor_a, bookings):
    mine, theirs = bookings
    login(client, editor_a)
    page = client.get(INDEX).content.decode()
    assert "Ada Mine" in page and "Bo Theirs" not in page
    assert client.get(f"{INDEX}edit/{mine.pk}/").status_code == 200
    assert client.get(f"{INDEX}edit/{theirs.pk}/").status_code in (302, 403, 404)
    response = client.post(f"{INDEX}edit/{theirs.pk}/", {"attended": "true"})
    theirs.refresh_from_db()
    assert theirs.attended is None and response.status_code in (302, 403, 404)


def test_a_hub_editor_sees_every_event(client, hub_editor, bookings):
    login(client, hub_editor)
    page = client.get(INDEX).content.decode()
    assert "Ada Mine" in page and "Bo Theirs" in page


def test_other_users_see_nothing(client, groups, bookings):
    user = UserFactory(username="coach.x", password=PASSWORD, groups=[groups["Coaches"]])
    login(client, user)
    assert client.get(INDEX).status_code in (302, 403)


def test_attendance_is_recorded_and_nothing_else_changes(client, editor_a, bookings):
    mine, _ = bookings
    login(client, editor_a)
    response = client.post(
        f"{INDEX}edit/{mine.pk}/",
        {"attended": "true", "name": "Changed", "email": "x@evil.example"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.attended is True
    assert (mine.name, mine.email) == ("Ada Mine", "ada@example.org")


def test_nobody_adds_or_deletes_bookings_here(client, hub_editor, bookings):
    mine, _ = bookings
    login(client, hub_editor)
    assert client.get(f"{INDEX}new/").status_code in (302, 403)
    client.post(f"{INDEX}delete/{mine.pk}/")
    assert Booking.objects.filter(pk=mine.pk).exists()


def test_the_export_holds_only_their_attendees_with_formulas_made_safe(
    client, editor_a, event, bookings
):
    book(event, BookingDetails(name='=HYPERLINK("http://evil.example")', email="eve@example.org"))
    login(client, editor_a)
    response = client.get(f"{INDEX}?export=csv")
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "Ada Mine" in body and "ada@example.org" in body and "Ramp" in body
    assert "Bo Theirs" not in body
    assert "'=HYPERLINK" in body
    xlsx = client.get(f"{INDEX}?export=xlsx")
    assert xlsx.status_code == 200
