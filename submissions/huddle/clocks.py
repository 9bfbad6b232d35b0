"""The huddle's clocks: response targets in working days, due dates and overdue ideas.

Two targets, set by the huddle in its settings (:class:`~submissions.models.HuddleSettings`,
defaults 10 and 30 working days):

- **first response**: an idea still "submitted" (nobody in the huddle has acted on it or
  written to the submitter) is overdue once more than ``first_response_days`` working days
  have passed since it was submitted;
- **decision**: an open idea not yet accepted, declined or redirected is overdue once more
  than ``decision_days`` working days have passed since it was submitted.

A working day is a Monday to Friday that is not a public holiday: England's bank holidays by
default (Christmas, Boxing Day, Easter, the May and August bank holidays, and the substitute
days when one falls at a weekend), from the maintained ``holidays`` package. The settings
``HUB_HOLIDAYS_COUNTRY`` and ``HUB_HOLIDAYS_SUBDIVISION`` choose another calendar (``GB`` and
``SCT`` for Scotland's, ``NIR`` for Northern Ireland's, ``WLS`` for Wales').

:func:`overdue_q` expresses both as one database filter (the list's "overdue" filter and
flag, the digest); :func:`clock_for` gives one idea's due dates for the detail view.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.conf import settings
from django.core import checks
from django.db.models import Q
from django.utils import timezone

import holidays

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


NO_HOLIDAYS = "none"


@lru_cache(maxsize=8)
def _holiday_calendar(country: str, subdivision: str) -> holidays.HolidayBase:
    # The calendar fills itself in year by year as dates are asked about, and is kept.
    if country.lower() == NO_HOLIDAYS:
        return holidays.HolidayBase()
    return holidays.country_holidays(country, subdiv=subdivision or None)


def check_holiday_calendar(**kwargs) -> list[checks.CheckMessage]:
    """System check: the configured calendar exists (else every clock would fail later)."""
    try:
        public_holidays()
    except NotImplementedError as error:
        return [
            checks.Error(
                f"HUB_HOLIDAYS_COUNTRY/HUB_HOLIDAYS_SUBDIVISION name no holiday calendar: {error}",
                hint="Use a country code such as GB (with ENG, WLS, SCT or NIR), or none.",
                id="submissions.E001",
            )
        ]
    return []


def public_holidays() -> holidays.HolidayBase:
    """The public holidays the clocks skip (``HUB_HOLIDAYS_COUNTRY``/``_SUBDIVISION``)."""
    return _holiday_calendar(settings.HUB_HOLIDAYS_COUNTRY, settings.HUB_HOLIDAYS_SUBDIVISION)


def is_working_day(day: date) -> bool:
    return day.weekday() not in WEEKEND and day not in public_holidays()


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (a weekend or holiday start counts
    from the next working day)."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_working_day(current):
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
    # Less the holidays that fall on a weekday in between.
    calendar = public_holidays()
    holiday_dates = calendar[start + timedelta(days=1) : end + timedelta(days=1)]
    return count - sum(1 for day in set(holiday_dates) if day.weekday() not in WEEKEND)


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
