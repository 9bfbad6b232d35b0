"""The process measures, checked against a set of ideas whose numbers were worked out by hand.

"Today" is Wednesday 12 November 2025, so the last 26 complete weeks run from Monday 12 May
to Sunday 9 November 2025 (Europe/London).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from demo.factories import IdeaSubmissionFactory, OrganisationFactory, PriorityFactory
from hub.enums import OrganisationType
from submissions.enums import Core20, Involvement, Route, Status, SubmitterType
from submissions.huddle import process_measures

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = date(2025, 11, 12)


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def trust(db):
    return OrganisationFactory(
        name="Kingsmead Hospitals", organisation_type=OrganisationType.NHS_TRUST
    )


@pytest.fixture
def council(db):
    return OrganisationFactory(
        name="Eastbridge Council", organisation_type=OrganisationType.LOCAL_AUTHORITY
    )


@pytest.fixture
def ideas(trust, council):
    frailty = PriorityFactory(name="Frailty")
    safety = PriorityFactory(name="Patient safety")
    core20 = PriorityFactory(name="Core20PLUS5")

    def idea(name, submitted_at, **fields):
        fields.setdefault("submitter_type", SubmitterType.STAFF)
        fields.setdefault("core20", Core20.NO)
        fields.setdefault("involvement", Involvement.NOT_YET)
        priorities = fields.pop("priorities", [])
        submission = IdeaSubmissionFactory(title=name, submitted_at=submitted_at, **fields)
        submission.priorities.set(priorities)
        return submission

    return {
        # Week of Monday 3 November: three ideas.
        "a": idea(
            "a",
            at(2025, 11, 3),
            first_response_at=at(2025, 11, 4, 9),  # 1 day
            decided_at=at(2025, 11, 10, 11),  # 7 days
            organisation=trust,
            core20=Core20.YES,
            involvement=Involvement.PLANNED,
            route=Route.SINGLE_PROVIDER,
            status=Status.ACCEPTED,
            priorities=[frailty, safety],
        ),
        "b": idea(
            "b",
            at(2025, 11, 9, 23, 30),  # late on Sunday: still the week of 3 November
            first_response_at=at(2025, 11, 10, 8),  # 1 calendar day
            submitter_type=SubmitterType.SERVICE_USER,
            plus_groups=["not_sure"],  # not a PLUS group
            status=Status.IN_TRIAGE,
        ),
        "c": idea(
            "c",
            at(2025, 11, 5, 12),
            first_response_at=at(2025, 11, 10, 12),  # 5 days
            decided_at=at(2025, 11, 11, 9),  # 6 days
            submitter_type=SubmitterType.CARER,
            organisation_other="Village hall lunch club",
            core20=Core20.NOT_SURE,
            plus_groups=["ethnic_minority"],
            involvement=Involvement.LEADING,
            status=Status.REDIRECTED,
            priorities=[frailty],
        ),
        # Week of Monday 27 October: two ideas.
        "d": idea(
            "d",
            at(2025, 10, 27, 9),
            first_response_at=at(2025, 10, 29, 16),  # 2 days
            submitter_type=SubmitterType.PUBLIC,
            organisation=council,
            adult_clinical_areas=["hypertension_lipids"],
            involvement=Involvement.INVOLVED,
            status=Status.MORE_INFO_REQUESTED,
            priorities=[core20],
        ),
        "e": idea(
            "e",
            at(2025, 10, 30, 9),
            first_response_at=at(2025, 11, 4, 9),  # 5 days
            organisation=trust,
            child_clinical_areas=["asthma"],
            involvement="",
            status=Status.IN_TRIAGE,
        ),
        # Half past midnight on Monday 13 October in London is still Sunday in UTC.
        "f": idea("f", at(2025, 10, 13, 0, 30), organisation=trust),
        # This week: not in any period yet.
        "g": idea("g", at(2025, 11, 10, 0, 30), organisation=trust),
        # The Sunday before the 26 weeks began.
        "h": idea("h", at(2025, 5, 11, 23), organisation=trust),
    }


def all_ideas():
    from submissions.models import IdeaSubmission

    return IdeaSubmission.objects.all()


def test_the_window_is_complete_weeks_up_to_last_sunday():
    window = process_measures.window_for(process_measures.period_for("26"), all_ideas(), TODAY)
    assert window.first_week == date(2025, 5, 12)
    assert window.last_day == date(2025, 11, 9)
    assert len(window.week_starts) == 26
    assert all(week.weekday() == 0 for week in window.week_starts)


def test_ideas_per_week_keeps_the_weeks_without_ideas(ideas):
    window = process_measures.window_for(process_measures.period_for("26"), all_ideas(), TODAY)
    series = process_measures.weekly_series(all_ideas(), window)

    received = dict(series.received)
    assert len(received) == 26
    assert received.pop(date(2025, 11, 3)) == 3
    assert received.pop(date(2025, 10, 27)) == 2
    assert received.pop(date(2025, 10, 13)) == 1  # local week, not the UTC one
    assert set(received.values()) == {0}  # 23 weeks with no ideas, kept as 0
    assert series.total == 6


def test_medians_are_calendar_days_by_week_of_submission(ideas):
    window = process_measures.window_for(process_measures.period_for("26"), all_ideas(), TODAY)
    series = process_measures.weekly_series(all_ideas(), window)

    # Week of 27 October: 2 and 5 days; week of 3 November: 1, 1 and 5 days.
    assert series.first_response == [(date(2025, 10, 27), 3.5), (date(2025, 11, 3), 1.0)]
    # Only a and c are decided (7 and 6 days); weeks with no decision have no point.
    assert series.decision == [(date(2025, 11, 3), 6.5)]
    assert (series.responded, series.decided) == (5, 2)


def test_calendar_days_count_weekends_by_local_date():
    friday_evening = at(2025, 11, 7, 17)
    monday_morning = at(2025, 11, 10, 9)
    assert process_measures.calendar_days(friday_evening, monday_morning) == 3
    assert process_measures.calendar_days(at(2025, 11, 7, 9), at(2025, 11, 7, 17)) == 0


def test_shares_of_citizens_core20plus5_and_involvement(ideas):
    window = process_measures.window_for(process_measures.period_for("26"), all_ideas(), TODAY)
    shares = process_measures.shares(window.ideas(all_ideas()))

    assert shares.total == 6
    assert (shares.citizens.count, shares.citizens.percent) == (3, 50.0)  # b, c, d
    # a (most deprived 20%), c (a PLUS group), d (adult area), e (children's area); not b
    # ("not sure" is not a group) nor f.
    assert (shares.core20plus5.count, shares.core20plus5.percent) == (4, 66.7)
    assert (shares.involvement.count, shares.involvement.percent) == (3, 50.0)  # a, c, d


def test_shares_of_nothing_have_no_percentage():
    shares = process_measures.shares(all_ideas())
    assert shares.total == 0
    assert shares.citizens.percent is None


def test_counts_by_status_route_organisation_type_and_priority(ideas):
    in_window = process_measures.window_for(
        process_measures.period_for("26"), all_ideas(), TODAY
    ).ideas(all_ideas())

    by_status = {tally.key: tally.count for tally in process_measures.counts_by_status(in_window)}
    assert list(by_status) == list(Status.values)  # every status, in the machine's order
    assert by_status == {
        **dict.fromkeys(Status.values, 0),
        Status.SUBMITTED: 1,
        Status.IN_TRIAGE: 2,
        Status.MORE_INFO_REQUESTED: 1,
        Status.ACCEPTED: 1,
        Status.REDIRECTED: 1,
    }
    assert [(str(t.label), t.count) for t in process_measures.counts_by_route(in_window)] == [
        ("One provider", 1),
        ("Integrated, across providers", 0),
        ("Not routed yet", 5),
    ]
    assert [
        (str(t.label), t.count) for t in process_measures.counts_by_organisation(in_window)
    ] == [
        ("Kingsmead Hospitals", 3),
        ("Eastbridge Council", 1),
        ("Another organisation (typed in)", 1),
        ("No organisation given", 1),
    ]
    assert [
        (str(t.label), t.count) for t in process_measures.counts_by_organisation_type(in_window)
    ] == [
        ("NHS trust", 3),
        ("Local authority", 1),
        ("Not a listed organisation", 2),
    ]
    assert [(str(t.label), t.count) for t in process_measures.counts_by_priority(in_window)] == [
        ("Frailty", 2),
        ("Core20PLUS5", 1),
        ("Patient safety", 1),
        ("No system priority", 3),
    ]


def test_this_week_is_counted_apart(ideas):
    assert process_measures.this_week_count(all_ideas(), TODAY) == 1


def test_all_weeks_start_with_the_first_idea(ideas):
    result = process_measures.measures(all_ideas(), process_measures.period_for("all"), today=TODAY)
    assert result.window.first_week == date(2025, 5, 5)
    assert len(result.series.received) == 27
    assert result.series.received[0] == (date(2025, 5, 5), 1)
    assert result.series.total == 7
    assert result.this_week == 1


def test_all_weeks_with_no_ideas_is_empty():
    result = process_measures.measures(all_ideas(), process_measures.period_for("all"), today=TODAY)
    assert result.window.weeks == 0
    assert result.series.received == []
    assert result.shares.total == 0


def test_fifty_two_weeks_reach_back_a_year(ideas):
    result = process_measures.measures(all_ideas(), process_measures.period_for("52"), today=TODAY)
    assert result.window.first_week == date(2024, 11, 11)
    assert len(result.series.received) == 52
    assert result.series.total == 7  # h is in


def test_an_unknown_period_is_refused():
    with pytest.raises(KeyError):
        process_measures.period_for("1000")


def test_the_number_of_queries_does_not_grow_with_the_ideas(trust):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            process_measures.measures(all_ideas(), process_measures.period_for("26"), today=TODAY)
        return len(queries)

    IdeaSubmissionFactory.create_batch(
        2, submitted_at=at(2025, 10, 1), organisation=trust, first_response_at=at(2025, 10, 2)
    )
    few = count_queries()
    IdeaSubmissionFactory.create_batch(
        20, submitted_at=at(2025, 9, 1), organisation=trust, decided_at=at(2025, 9, 20)
    )
    assert count_queries() == few <= 9
