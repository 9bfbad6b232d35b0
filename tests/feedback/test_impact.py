"""Reports → Impact: hub editors only; filtered by period and partner; exported as CSV."""

from datetime import timedelta

from django.utils import timezone

import pytest

from bookings.enums import BookingStatus
from bookings.models import EventFeedback
from demo.factories.bookings import BookingFactory
from demo.factories.feedback import (
    PageFeedbackCommentFactory,
    PageFeedbackCountFactory,
    PageViewCountFactory,
    SubmitterSurveyFactory,
)
from demo.factories.pages import EventPageFactory, StandardPageFactory
from demo.factories.submissions import IdeaSubmissionFactory
from feedback import impact
from submissions.enums import Status
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/admin/reports/impact/"


@pytest.fixture
def data(partner_a, partner_b, org_a, home_page):
    today = timezone.localdate()
    page_a = StandardPageFactory(parent=partner_a, title="Kingsmead falls pathway")
    page_b = StandardPageFactory(parent=partner_b, title="Eastbridge carers")
    PageViewCountFactory(page=page_a, day=today, views=40)
    PageViewCountFactory(page=page_b, day=today, views=7)
    PageViewCountFactory(page=page_a, day=today - timedelta(days=200), views=1000)
    PageFeedbackCountFactory(page=page_a, language="en", useful=3, not_useful=1)
    PageFeedbackCommentFactory(page=page_b, language="en", text="=HYPERLINK(evil)")
    now = timezone.now()
    for days in (2, 4, 10):
        IdeaSubmissionFactory(
            organisation=org_a,
            status=Status.ACCEPTED,
            submitted_at=now - timedelta(days=days),
            decided_at=now,
        )
    SubmitterSurveyFactory(
        submission=None,
        organisation=org_a,
        decision=Status.ACCEPTED,
        fair=4,
        clear=5,
        fast=2,
        answered_at=now,
    )
    SubmitterSurveyFactory(submission=None, organisation=org_a, decision=Status.ACCEPTED)
    return {"a": page_a, "b": page_b}


def panel(key, filters):
    return next(p for p in impact.build(filters) if p.key == key)


def test_usage_by_partner_and_type_in_the_period(data, org_a):
    filters = impact.Filters.last(90)
    assert panel("usage_by_partner", filters).rows == [
        ["Kingsmead Hospitals NHS Trust", 40],
        ["Eastbridge County Council", 7],
    ]
    assert panel("usage_by_type", filters).rows == [["Standard pages", 47, 2]]
    only_a = impact.Filters.last(90, org_a)
    assert panel("usage_by_type", only_a).rows == [["Standard pages", 40, 1]]
    assert panel("usage_by_partner", impact.Filters.last(365)).rows[0] == [
        "Kingsmead Hospitals NHS Trust",
        1040,
    ]


def test_feedback_satisfaction_and_time_to_decision(data, org_a):
    filters = impact.Filters.last(30)
    rows = panel("page_feedback", filters).rows
    assert rows[0] == ["All pages", 3, 1, "75%"]
    assert rows[1] == ["Kingsmead falls pathway", 3, 1, "75%"]
    assert panel("feedback_comments", filters).rows[0][1:] == [
        "Eastbridge carers",
        "en",
        "=HYPERLINK(evil)",
    ]
    assert panel("feedback_comments", impact.Filters.last(30, org_a)).rows == []
    assert panel("submitter_satisfaction", filters).rows == [
        ["Accepted", 2, 1, "4.0", "5.0", "2.0"]
    ]
    (month,) = panel("time_to_decision", filters).rows
    assert month[1:] == [3, 4.0]  # the median of 2, 4 and 10 days


def test_hub_editors_see_the_report_and_its_filters(client, hub_editor, data, org_a):
    client.login(username="hub.editor", password=PASSWORD)
    response = client.get(URL, {"period": "30", "partner": org_a.pk})
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Page views by type of content", "Was this page useful?", "Median days"):
        assert title in html
    assert "Kingsmead falls pathway" in html
    assert "Eastbridge carers" not in html  # the other partner's page


def test_the_csv_has_every_panel_and_escapes_formulas(client, hub_editor, data):
    client.login(username="hub.editor", password=PASSWORD)
    response = client.get(URL, {"period": "90", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    for title in ("Page views by partner section", "Submitters' view of our decisions"):
        assert title in text
    assert "'=HYPERLINK(evil)" in text


def test_a_bad_filter_falls_back_to_the_default(client, hub_editor, data):
    client.login(username="hub.editor", password=PASSWORD)
    response = client.get(URL, {"period": "<script>", "partner": "abc"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_partner_editors_and_visitors_may_not_see_it(client, editor_a, data):
    assert client.get(URL).status_code == 302  # to the sign-in
    client.login(username="editor.a", password=PASSWORD)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Page views by type" not in response.content.decode()
    assert "Impact" not in client.get("/admin/reports/").content.decode()


def test_bookings_and_attendance_of_events_in_the_period(partner_a, partner_b, org_a):
    now = timezone.now()
    course = EventPageFactory(
        parent=partner_a,
        title="=cmd|' /C calc'!A0",
        start=now - timedelta(days=5),
        capacity=3,
        takes_bookings=True,
    )
    other = EventPageFactory(
        parent=partner_b, title="Carers' café", start=now - timedelta(days=20), takes_bookings=True
    )
    # Outside the period, and an event taking no bookings: neither is listed.
    EventPageFactory(
        parent=partner_a, title="Long ago", start=now - timedelta(days=200), takes_bookings=True
    )
    EventPageFactory(parent=partner_a, title="Booked elsewhere", start=now - timedelta(days=3))
    came = BookingFactory(event=course, status=BookingStatus.BOOKED, attended=True)
    BookingFactory(event=course, status=BookingStatus.BOOKED, attended=True)
    BookingFactory(event=course, status=BookingStatus.BOOKED, attended=False)
    # Erased personal data still counts.
    BookingFactory(event=course, status=BookingStatus.BOOKED, name="", email="", erased_at=now)
    BookingFactory(event=course, status=BookingStatus.WAITING)
    BookingFactory(event=course, status=BookingStatus.OFFERED)
    BookingFactory(event=course, status=BookingStatus.CANCELLED)
    BookingFactory(event=course, status=BookingStatus.LAPSED)
    BookingFactory(event=course, status=BookingStatus.CANCELLED, attended=True)  # not counted
    EventFeedback.objects.create(booking=came, event=course, overall=4, useful=5)
    second = BookingFactory(event=other, status=BookingStatus.BOOKED, attended=True)
    EventFeedback.objects.create(booking=second, event=other, overall=5, useful=5)

    found = panel("bookings_and_attendance", impact.Filters.last(30))
    assert found.rows == [
        [
            "Carers' café",
            (now - timedelta(days=20)).date().isoformat(),
            "–",
            1,
            0,
            0,
            1,
            0,
            "100%",
            "5.0",
        ],
        [
            "=cmd|' /C calc'!A0",
            (now - timedelta(days=5)).date().isoformat(),
            3,
            4,
            2,
            3,
            2,
            1,
            "67%",
            "4.0",
        ],
        ["All events", "", "", 5, 2, 3, 3, 1, "75%", "4.5"],
    ]
    only_a = panel("bookings_and_attendance", impact.Filters.last(30, org_a))
    assert [row[0] for row in only_a.rows] == ["=cmd|' /C calc'!A0", "All events"]
    # Nothing in a week with no events: no rows, not a row of zeros.
    assert panel("bookings_and_attendance", impact.Filters.last(1)).rows == []


def test_the_bookings_panel_is_shown_and_exported_safely(client, hub_editor, partner_a):
    event = EventPageFactory(
        parent=partner_a,
        title="=HYPERLINK(evil)",
        start=timezone.now() - timedelta(days=2),
        takes_bookings=True,
    )
    BookingFactory(event=event, status=BookingStatus.BOOKED, attended=True)
    client.login(username="hub.editor", password=PASSWORD)
    html = client.get(URL).content.decode()
    assert "Bookings and attendance" in html and "=HYPERLINK(evil)" in html
    text = client.get(URL, {"export": "csv"}).content.decode()
    assert "Bookings and attendance" in text
    assert "'=HYPERLINK(evil)" in text
