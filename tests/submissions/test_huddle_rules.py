"""The huddle's rules without HTTP: working-day clocks, the concurrency guard, mentions,
sifting and the status emails."""

from datetime import date, datetime, timedelta

from django.core import mail
from django.utils import timezone

import pytest

from demo.factories import IdeaSubmissionFactory, OrganisationFactory
from hub.models import OutboxEmail
from submissions.enums import Route, Status
from submissions.huddle import actions as huddle_actions
from submissions.huddle import clocks
from submissions.models import HuddleSettings, IdeaSubmission, StatusLink
from submissions.transitions import StaleStatus, latest_change_id

pytestmark = pytest.mark.django_db


# Working days -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 16), 1, date(2026, 11, 17)),  # Monday → Tuesday
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday → Monday
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # Saturday → Monday
        (date(2026, 11, 16), 10, date(2026, 11, 30)),  # two working weeks
        (date(2026, 11, 16), 0, date(2026, 11, 16)),
    ],
)
def test_add_working_days(start, days, expected):
    assert clocks.add_working_days(start, days) == expected


def test_working_days_between_counts_weekdays_only():
    assert clocks.working_days_between(date(2026, 11, 16), date(2026, 11, 30)) == 10
    assert clocks.working_days_between(date(2026, 11, 20), date(2026, 11, 22)) == 0
    assert clocks.working_days_between(date(2026, 11, 30), date(2026, 11, 16)) == 0


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Christmas Day (Friday 25th) and Boxing Day observed (Monday 28th) are skipped.
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        (date(2026, 12, 24), 3, date(2026, 12, 31)),
        # New Year's Day (Friday 1 January 2027) too.
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
        # Easter: Good Friday 3 April and Easter Monday 6 April 2026.
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        # Starting on a holiday counts from the next working day.
        (date(2026, 12, 25), 1, date(2026, 12, 29)),
    ],
)
def test_add_working_days_skips_english_bank_holidays(start, days, expected):
    assert clocks.add_working_days(start, days) == expected


def test_working_days_between_skips_bank_holidays():
    # 21 Dec 2026 (Monday) to 4 Jan 2027: ten weekdays, less Christmas, Boxing Day (observed
    # on Monday 28th) and New Year's Day.
    assert clocks.working_days_between(date(2026, 12, 21), date(2027, 1, 4)) == 7
    # The same length of time with no holidays in it counts every weekday.
    assert clocks.working_days_between(date(2026, 11, 2), date(2026, 11, 16)) == 10
    # Agrees with add_working_days across the holidays.
    start = date(2026, 12, 18)
    assert clocks.working_days_between(start, clocks.add_working_days(start, 10)) == 10


def test_holiday_calendar_follows_the_settings(settings):
    # 2 January is a bank holiday in Scotland, not in England; 17 March in Northern Ireland.
    assert clocks.add_working_days(date(2026, 1, 1), 1) == date(2026, 1, 2)
    settings.HUB_HOLIDAYS_SUBDIVISION = "SCT"
    assert clocks.add_working_days(date(2026, 1, 1), 1) == date(2026, 1, 5)
    settings.HUB_HOLIDAYS_SUBDIVISION = "NIR"
    assert clocks.add_working_days(date(2026, 3, 16), 1) == date(2026, 3, 18)
    settings.HUB_HOLIDAYS_COUNTRY = "none"
    assert clocks.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 25)


def test_a_deadline_across_christmas_is_not_overdue_early(settings):
    """An idea submitted on 11 December 2026 has 10 working days for its first response:
    with Christmas Day and Boxing Day (observed) skipped, it is due on 29 December, so it
    is not overdue on the 28th (a bank holiday) and is on the 30th."""
    idea = IdeaSubmissionFactory(status=Status.SUBMITTED)
    IdeaSubmission.objects.filter(pk=idea.pk).update(
        submitted_at=_at(date(2026, 12, 11)), first_response_at=None
    )
    idea.refresh_from_db()
    clock = clocks.clock_for(idea, now=_at(date(2026, 12, 29)) + timedelta(hours=12))
    assert clock.first_response_due == date(2026, 12, 29)
    assert not clock.first_response_overdue
    overdue = IdeaSubmission.objects.filter(
        clocks.first_response_overdue_q(_at(date(2026, 12, 29)) + timedelta(hours=12))
    )
    assert idea not in overdue
    later = _at(date(2026, 12, 30)) + timedelta(hours=12)
    assert clocks.clock_for(idea, now=later).first_response_overdue
    assert idea in IdeaSubmission.objects.filter(clocks.first_response_overdue_q(later))


def test_an_unknown_holiday_calendar_fails_the_system_check(settings):
    assert clocks.check_holiday_calendar() == []
    settings.HUB_HOLIDAYS_COUNTRY = "XX"
    errors = clocks.check_holiday_calendar()
    assert [error.id for error in errors] == ["submissions.E001"]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=10))


def test_the_overdue_filter_agrees_with_each_ideas_clock(hub_site):
    """Over a month of submission dates (weekends included), the database filter flags
    exactly the ideas whose own clock says overdue."""
    now = _at(date(2026, 11, 25))
    targets = clocks.Targets(first_response_days=10, decision_days=15)
    ideas = [
        IdeaSubmissionFactory(submitted_at=_at(date(2026, 10, 20) + timedelta(days=n)))
        for n in range(36)
    ]
    flagged = set(
        IdeaSubmission.objects.filter(clocks.overdue_q(now, targets)).values_list("pk", flat=True)
    )
    expected = {idea.pk for idea in ideas if clocks.clock_for(idea, now, targets).overdue}
    assert flagged == expected
    assert 0 < len(expected) < len(ideas)
    # Ten working days before Wednesday 25 November is Wednesday 11 November: due that day
    # means "by the 25th", so only earlier submissions are late.
    late = clocks.clock_for(ideas[21], now, targets)  # submitted 10 November
    on_time = clocks.clock_for(ideas[22], now, targets)  # submitted 11 November
    assert late.first_response_overdue and not on_time.first_response_overdue


def test_a_response_or_a_decision_stops_the_clocks(hub_site, huddle_member):
    now = timezone.now()
    idea = IdeaSubmissionFactory(submitted_at=now - timedelta(days=60))
    assert clocks.clock_for(idea).first_response_overdue
    huddle_actions.change_status(idea, Status.IN_TRIAGE, user=huddle_member)
    idea.refresh_from_db()
    clock = clocks.clock_for(idea)
    assert not clock.first_response_overdue and clock.decision_overdue
    huddle_actions.change_status(idea, Status.DECLINED, user=huddle_member, reason="Out of scope")
    idea.refresh_from_db()
    assert not clocks.clock_for(idea).overdue
    assert not IdeaSubmission.objects.filter(clocks.overdue_q()).exists()


def test_targets_come_from_the_huddle_settings(hub_site):
    settings_ = HuddleSettings.load()
    settings_.first_response_days = 3
    settings_.save()
    assert clocks.targets() == clocks.Targets(3, 30)


# Concurrency --------------------------------------------------------------------------


def test_a_stale_page_cannot_move_an_idea(hub_site, huddle_member, second_huddle_member):
    idea = IdeaSubmissionFactory()
    seen = latest_change_id(idea)
    huddle_actions.change_status(
        idea, Status.IN_TRIAGE, user=second_huddle_member, expected_change_id=seen
    )
    stale_copy = IdeaSubmission.objects.get(pk=idea.pk)
    with pytest.raises(StaleStatus, match="by Ravi Rota"):
        huddle_actions.change_status(
            stale_copy, Status.IN_TRIAGE, user=huddle_member, expected_change_id=seen
        )
    assert idea.status_changes.count() == 2


# Mentions and emails --------------------------------------------------------------------


def test_mentions_find_members_by_username(huddle_member, second_huddle_member, editor_a):
    found = huddle_actions.mentioned_members(
        "Ask @huddle.two. Not @editor.a, not email@huddle.one, and @nobody."
    )
    assert list(found) == [second_huddle_member]


def test_emails_to_the_submitter_are_in_their_language_with_a_new_link(
    hub_site, huddle_member, django_capture_on_commit_callbacks
):
    idea = IdeaSubmissionFactory(language="pl")
    huddle_actions.change_status(idea, Status.IN_TRIAGE, user=huddle_member)
    assert not OutboxEmail.objects.filter(key__startswith="status:").exists()  # not news
    with django_capture_on_commit_callbacks(execute=True):
        huddle_actions.change_status(idea, Status.MORE_INFO_REQUESTED, user=huddle_member)
    assert OutboxEmail.objects.filter(key__startswith="status:").count() == 1
    sent = mail.outbox[-1]
    assert "/pl/submit-an-idea/status/" in sent.body
    assert idea.reference in sent.subject
    assert StatusLink.objects.filter(submission=idea).count() == 1


def test_no_email_once_personal_data_is_gone(hub_site, huddle_member):
    idea = IdeaSubmissionFactory(submitter_email="", personal_data_removed_at=timezone.now())
    huddle_actions.change_status(idea, Status.IN_TRIAGE, user=huddle_member)
    huddle_actions.change_status(idea, Status.DECLINED, user=huddle_member, reason="Duplicate")
    assert not OutboxEmail.objects.exists()


# Sifting ------------------------------------------------------------------------------


def test_sifting_checks_the_route_and_organisations(hub_site, huddle_member):
    idea = IdeaSubmissionFactory()
    one, two = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(ValueError, match="one organisation"):
        huddle_actions.sift(
            idea, user=huddle_member, route=Route.SINGLE_PROVIDER, organisations=[one, two],
            priorities=[],
        )  # fmt: skip
    with pytest.raises(ValueError, match="one provider or integrated"):
        huddle_actions.sift(
            idea, user=huddle_member, route="nonsense", organisations=[one], priorities=[]
        )
    result = huddle_actions.sift(
        idea, user=huddle_member, route=Route.INTEGRATED, organisations=[one, two], priorities=[]
    )
    assert result.changed == ["route", "organisations"]
    idea.refresh_from_db()
    assert idea.first_response_at is not None
