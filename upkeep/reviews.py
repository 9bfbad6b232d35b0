"""Review dates and reminders.

Each reviewed page type has a review interval (``UpkeepSettings``, edited by hub editors).
A page is due for review that long after its last confirmed review ("Reviewed, still
accurate", :func:`mark_reviewed`) or its last publication, whichever is later. The daily
``check_content_upkeep`` job (:func:`refresh`) keeps every live page's due date in step
with the settings, runs the editor checks on its live version, passes pages whose owner
has gone to their team, reminds the owner ``reminder_days`` before the date and tells the
team once it has passed. The outbox key holds the due date, so each reminder goes exactly
once per review period, however often the job runs.

Only pages in the default language are reviewed: their translations follow them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Locale

from hub import page_cache

from .checks import check_page
from .emails import record_review_overdue, record_review_soon
from .models import PageUpkeep, UpkeepSettings
from .ownership import Sections, pass_to_team, reviewed_pages

REVIEWED_ACTION = "upkeep.reviewed"


@dataclass
class RefreshResult:
    records: int = 0
    passed_to_team: int = 0
    reminded: int = 0
    overdue: int = 0


def pages_to_review():
    return reviewed_pages().live().filter(locale=Locale.get_default())


def _months(page, upkeep_settings) -> int | None:
    return upkeep_settings.months_for(page.specific_class)


@transaction.atomic
def mark_reviewed(page, user) -> PageUpkeep:
    """Record that ``user`` confirmed ``page`` is still accurate, and set its next date."""
    upkeep, _created = PageUpkeep.objects.select_for_update().get_or_create(page=page)
    upkeep.page = page
    upkeep.last_reviewed_at = timezone.now()
    upkeep.last_reviewed_by = user
    upkeep.review_due = upkeep.next_due(_months(page, UpkeepSettings.load()))
    upkeep.save()
    log(instance=page, action=REVIEWED_ACTION, user=user)
    return upkeep


@transaction.atomic
def refresh(today: date | None = None) -> RefreshResult:
    today = today or timezone.localdate()
    result = RefreshResult()
    upkeep_settings = UpkeepSettings.load()
    sections = Sections()
    result.passed_to_team = pass_to_team(
        pages_to_review().filter(owner__isnull=False), sections=sections
    )
    pages = list(pages_to_review().select_related("owner"))
    existing = {row.page_id: row for row in PageUpkeep.objects.filter(page__in=pages)}
    soon = timedelta(days=upkeep_settings.reminder_days)
    for page in pages:
        upkeep = existing.get(page.pk) or PageUpkeep(page=page)
        upkeep.page = page
        due = upkeep.next_due(_months(page, upkeep_settings))
        issues = [issue.as_dict() for issue in check_page(page.specific)]
        if upkeep._state.adding or (upkeep.review_due, upkeep.accessibility_issues) != (
            due,
            issues,
        ):
            upkeep.review_due = due
            upkeep.accessibility_issues = issues
            upkeep.accessibility_failures = len(issues)
            upkeep.checked_at = timezone.now()
            upkeep.save()
            result.records += 1
        if due is None:
            continue
        if due < today:
            record_review_overdue(page, team=sections.team_of(page), due=due)
            result.overdue += 1
        elif due - soon <= today and page.owner is not None and page.owner.email:
            record_review_soon(page, owner=page.owner, due=due)
            result.reminded += 1
    if upkeep_settings.flag_overdue_to_readers and result.overdue:
        # Pages that became overdue since yesterday now carry the readers' note: cached
        # copies (kept until something public changes) must not hide it.
        page_cache.invalidate()
    return result
