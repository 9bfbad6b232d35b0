"""The demo ideas: thirty realistic ideas over 26 weeks, in every status, with the huddle's
work on them, consistent clocks, two meetings, and safe to seed again."""

from collections import Counter
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from demo.ideas import (
    CHAIR_USERNAME,
    HUDDLE_USERNAME,
    IDEAS,
    NEXT_MEETING_TITLE,
    PAST_MEETING_TITLE,
    demo_reference,
    next_meeting_date,
    past_meeting_date,
    seed_ideas,
    timeline,
)
from demo.seed import seed
from hub.enums import EmailStatus
from hub.models import OutboxEmail
from submissions.enums import Status
from submissions.huddle import process_measures
from submissions.huddle.clocks import overdue_q
from submissions.models import (
    AgendaItem,
    CoachingSession,
    HuddleMeeting,
    IdeaSubmission,
    InternalNote,
    StatusChange,
    SubmissionMessage,
)
from submissions.permissions import huddle_members
from tests.seeding import seeded_demo_fixture

pytestmark = pytest.mark.django_db

EXPECTED_STATUSES = {
    Status.SUBMITTED: 5,
    Status.IN_TRIAGE: 5,
    Status.MORE_INFO_REQUESTED: 2,
    Status.SUBMITTER_REPLIED: 1,
    Status.ACCEPTED: 3,
    Status.IN_COACHING: 5,
    Status.COMPLETED: 3,
    Status.DECLINED: 3,
    Status.REDIRECTED: 2,
    Status.WITHDRAWN: 1,
}


demo_site = seeded_demo_fixture(library=False)


@pytest.fixture
def seeded(demo_site, db):
    """The demo, loaded once for this module (tests/seeding.py)."""
    return IdeaSubmission.objects.all()


def snapshot():
    return {
        "ideas": IdeaSubmission.objects.count(),
        "changes": StatusChange.objects.count(),
        "messages": SubmissionMessage.objects.count(),
        "notes": InternalNote.objects.count(),
        "sessions": CoachingSession.objects.count(),
        "meetings": HuddleMeeting.objects.count(),
        "items": AgendaItem.objects.count(),
        "emails": OutboxEmail.objects.count(),
        "log": ModelLogEntry.objects.count(),
    }


@pytest.mark.parametrize("offset", range(7))
def test_every_story_holds_whatever_the_weekday(offset):
    today = date(2025, 11, 10) + timedelta(days=offset)  # Monday to Sunday
    assert past_meeting_date(today).weekday() == 1
    assert 14 <= (today - past_meeting_date(today)).days <= 20
    assert next_meeting_date(today).weekday() == 1
    assert 1 <= (next_meeting_date(today) - today).days <= 7
    for index, spec in enumerate(IDEAS):
        for meetings in (True, False):
            timeline(spec, index, today, meetings=meetings)  # raises if out of order


def test_the_seed_adds_thirty_ideas_in_every_status_once(seeded):
    assert seeded.count() == len(IDEAS) == 30
    assert Counter(seeded.values_list("status", flat=True)) == EXPECTED_STATUSES
    counts = snapshot()

    assert seed_ideas() == 0
    seed(library=False)
    assert snapshot() == counts


def test_the_story_is_consistent_and_in_the_past(seeded):
    now = timezone.now()
    ideas = seeded.prefetch_related("status_changes")
    for idea in ideas:
        changes = list(idea.status_changes.all())
        assert changes[0].to_status == Status.SUBMITTED
        assert changes[0].changed_at == idea.submitted_at
        assert changes[-1].to_status == idea.status
        assert idea.status_changed_at == changes[-1].changed_at
        assert [c.changed_at for c in changes] == sorted(c.changed_at for c in changes)
        assert changes[-1].changed_at < now
        assert idea.reference == demo_reference(idea.title)
        assert idea.submitted_at > now - timedelta(weeks=26)
        if idea.decided_at:
            assert idea.submitted_at < idea.first_response_at <= idea.decided_at < now
        if idea.status in (Status.ACCEPTED, Status.IN_COACHING, Status.COMPLETED):
            assert idea.route and idea.decided_at and idea.sifted_at
    # Nothing the story wrote is dated today or later, and no email is waiting to go out.
    assert not SubmissionMessage.objects.filter(created_at__gte=now - timedelta(hours=1))
    assert not InternalNote.objects.filter(created_at__gte=now - timedelta(hours=1))
    idea_emails = OutboxEmail.objects.filter(
        cause_type=ContentType.objects.get_for_model(IdeaSubmission)
    )
    assert not idea_emails.exclude(status=EmailStatus.SENT)


def test_three_ideas_are_overdue_the_rest_are_not(seeded):
    assert set(seeded.filter(overdue_q()).values_list("title", flat=True)) == {
        "Hearing loops at every hospital reception",  # first response
        "Faster wheelchair repairs for people at home",  # decision
        "Book an interpreter in one click",  # decision
    }


def test_the_huddles_work_on_the_ideas(seeded):
    chair = huddle_members().get(username=CHAIR_USERNAME)
    member = huddle_members().get(username=HUDDLE_USERNAME)
    assert seeded.filter(lead__isnull=False).count() >= 15
    assert set(seeded.exclude(lead=None).values_list("lead", flat=True)) == {chair.pk, member.pk}
    # Messages both ways.
    assert set(SubmissionMessage.objects.values_list("sender", flat=True)) == {
        "huddle",
        "submitter",
    }
    # Notes @mentioning the other member, who was emailed.
    mentioned = InternalNote.objects.annotate(n=Count("mentions")).filter(n__gt=0)
    assert mentioned.count() >= 4
    assert OutboxEmail.objects.filter(key__startswith="mention:", to=chair.email).exists()
    # Coaching: every idea in or past coaching has a coach and sessions.
    for idea in seeded.filter(status__in=[Status.IN_COACHING, Status.COMPLETED]):
        assert idea.coach is not None
        assert idea.coaching_sessions.exists()
    assert all(session.date < timezone.localdate() for session in CoachingSession.objects.all())


def test_a_past_meeting_with_decisions_and_a_next_one_without(seeded):
    today = timezone.localdate()
    past = HuddleMeeting.objects.get(title=PAST_MEETING_TITLE)
    assert past.date == past_meeting_date(today)
    items = list(past.items.select_related("status_change", "submission"))
    assert len(items) == 4
    for item in items:
        assert item.decision and item.discussion
        assert item.status_change.to_status == item.decision
        assert timezone.localtime(item.status_change.changed_at).date() == past.date
    assert {item.decision for item in items} == {
        Status.ACCEPTED,
        Status.DECLINED,
        Status.REDIRECTED,
    }

    upcoming = HuddleMeeting.objects.get(title=NEXT_MEETING_TITLE)
    assert upcoming.date == next_meeting_date(today) > today
    assert upcoming.items.count() == 4
    assert not upcoming.items.exclude(decision="").exists()
    assert not upcoming.items.filter(status_change__isnull=False).exists()


def test_the_dashboard_has_real_charts_to_draw(seeded):
    result = process_measures.measures(seeded, process_measures.period_for("26"))
    assert len(result.series.received) == 26
    assert result.series.total + result.this_week == 30
    assert 0 in dict(result.series.received).values()
    assert len(result.series.first_response) >= 12  # enough weeks for an XmR chart
    assert len(result.series.decision) >= 12
    # The shares, counted from the specs rather than the database.
    in_window = {idea.title for idea in result.window.ideas(seeded)}
    specs = [spec for spec in IDEAS if spec["title"] in in_window]
    citizens = [s for s in specs if s["submitter_type"] != "staff"]
    assert result.shares.citizens.count == len(citizens)
    addressing = [
        s
        for s in specs
        if s["core20"] == "yes"
        or set(s.get("plus_groups", [])) - {"not_sure"}
        or s.get("adult_clinical_areas")
        or s.get("child_clinical_areas")
    ]
    assert result.shares.core20plus5.count == len(addressing)
    involved = [s for s in specs if s["involvement"] in ("leading", "involved", "planned")]
    assert result.shares.involvement.count == len(involved)


def test_a_story_that_runs_backwards_is_refused():
    spec = {**IDEAS[0], "steps": (*IDEAS[0]["steps"], *IDEAS[0]["steps"][:1])}
    with pytest.raises(ValueError, match="runs backwards"):
        timeline(spec, 0, date(2025, 11, 12))
    recent = {**IDEAS[0], "days_ago": 2}  # its steps would fall on today and later
    with pytest.raises(ValueError):
        timeline(recent, 0, date(2025, 11, 12))
