"""The huddle's clocks: response targets in working days, due dates and overdue ideas.

Two targets, set by the huddle in its settings (:class:`~submissions.models.HuddleSettings`,
defaults 10 and 30 working days, Monday to Friday):

- **first response**: an idea still "submitted" (nobody in the huddle has acted on it or
  written to the submitter) is overdue once more than ``first_response_days`` working days
  have passed since it was submitted;
- **decision**: an open idea not yet accepted, declined or redirected is overdue once more
  than ``decision_days`` working days have passed since it was submitted.

:func:`overdue_q` expresses both as one database filter (the list's "overdue" filter and
flag, the digest); :func:`clock_for` gives one idea's due dates for the detail view.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from submissions.enums import Status
from submissions.models import HuddleSettings
from submissions.status import CLOSED

WEEKEND = (5, 6)  # Saturday, Sunday


@dataclass(frozen=True)
class Targets:
    first_response_days: int = 10
    decision_days: int = 30


def targets() -> Targets:
    settings_ = HuddleSettings.load()
    return Targets(settings_.first_response_days, settings_.decision_days)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (a weekend start counts from Monday)."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() not in WEEKEND:
            days -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    full_weeks, extra = divmod((end - start).days, 7)
    count = full_weeks * 5
    for offset in range(1, extra + 1):
        if (start + timedelta(days=offset)).weekday() not in WEEKEND:
            count += 1
    return count


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _overdue_before(today: date, days: int) -> datetime:
    """Ideas submitted before this moment are more than ``days`` working days old today."""
    cutoff = today
    # Walk back to the first submission date whose due date is still today or later.
    while add_working_days(cutoff - timedelta(days=1), days) >= today:
        cutoff -= timedelta(days=1)
    return timezone.make_aware(datetime.combine(cutoff, time.min))


def first_response_overdue_q(now=None, targets_: Targets | None = None) -> Q:
    targets_ = targets_ or targets()
    today = _local_date(now or timezone.now())
    return Q(
        status=Status.SUBMITTED,
        first_response_at__isnull=True,
        submitted_at__lt=_overdue_before(today, targets_.first_response_days),
    )


def decision_overdue_q(now=None, targets_: Targets | None = None) -> Q:
    targets_ = targets_ or targets()
    today = _local_date(now or timezone.now())
    return Q(
        decided_at__isnull=True,
        submitted_at__lt=_overdue_before(today, targets_.decision_days),
    ) & ~Q(status__in=CLOSED)


def overdue_q(now=None, targets_: Targets | None = None) -> Q:
    """Ideas past either target: one filter for the list, the flag and the digest."""
    targets_ = targets_ or targets()
    return first_response_overdue_q(now, targets_) | decision_overdue_q(now, targets_)


@dataclass(frozen=True)
class Clock:
    first_response_due: date
    decision_due: date
    first_response_overdue: bool
    decision_overdue: bool
    days_in_status: int

    @property
    def overdue(self) -> bool:
        return self.first_response_overdue or self.decision_overdue


def clock_for(submission, now=None, targets_: Targets | None = None) -> Clock:
    targets_ = targets_ or targets()
    now = now or timezone.now()
    today = _local_date(now)
    submitted = _local_date(submission.submitted_at)
    first_due = add_working_days(submitted, targets_.first_response_days)
    decision_due = add_working_days(submitted, targets_.decision_days)
    closed = submission.status in CLOSED
    return Clock(
        first_response_due=first_due,
        decision_due=decision_due,
        first_response_overdue=(
            submission.status == Status.SUBMITTED
            and submission.first_response_at is None
            and today > first_due
        ),
        decision_overdue=(submission.decided_at is None and not closed and today > decision_due),
        days_in_status=(now - submission.status_changed_at).days,
    )
