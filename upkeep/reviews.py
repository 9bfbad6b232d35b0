"""Review dates and reminders, for reviewed pages and coach profiles alike.

Each reviewed type has a review interval (``UpkeepSettings``, edited by hub editors). An
item is due for review that long after its last confirmed review ("Reviewed, still
accurate", :func:`mark_reviewed`) or its last publication, whichever is later. The daily
``check_content_upkeep`` job (:func:`refresh`) keeps every live item's due date in step
with the settings, runs the editor checks on a page's live version, passes items whose
owner has gone to their team, reminds the owner ``reminder_days`` before the date and tells
the team once it has passed (:func:`remind`: one rule for every kind). The outbox key holds
the due date, so each reminder goes exactly once per review period, however often the job
runs.

Only pages in the default language are reviewed: their translations follow them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Locale

from directory.models import CoachProfile
from hub import page_cache

from .checks import check_page
from .emails import record_review_overdue, record_review_soon
from .models import PageUpkeep, ProfileUpkeep, UpkeepSettings
from .ownership import Sections, pass_profiles_to_team, pass_to_team, reviewed_pages

REVIEWED_ACTION = "upkeep.reviewed"


@dataclass
class RefreshResult:
    records: int = 0
    passed_to_team: int = 0
    reminded: int = 0
    overdue: int = 0


def pages_to_review():
    return reviewed_pages().live().filter(locale=Locale.get_default())


def _months(item, upkeep_settings) -> int | None:
    return upkeep_settings.months_for(getattr(item, "specific_class", None) or type(item))


def record_of(item, *, lock: bool = False):
    """The item's review record (made if it has none): a page's or a coach profile's."""
    if isinstance(item, CoachProfile):
        rows, lookup = ProfileUpkeep.objects, {"profile": item}
    else:
        rows, lookup = PageUpkeep.objects, {"page": item}
    if lock:
        rows = rows.select_for_update()
    record, _created = rows.get_or_create(**lookup)
    setattr(record, next(iter(lookup)), item)
    return record


@transaction.atomic
def mark_reviewed(item, user):
    """Record that ``user`` confirmed ``item`` (a page or a coach profile) is still accurate,
    and set its next date."""
    upkeep = record_of(item, lock=True)
    upkeep.last_reviewed_at = timezone.now()
    upkeep.last_reviewed_by = user
    upkeep.review_due = upkeep.next_due(_months(item, UpkeepSettings.load()))
    upkeep.save()
    log(instance=item, action=REVIEWED_ACTION, user=user)
    return upkeep


def remind(item, *, due, owner, team, today, soon, result) -> None:
    """Tell the team when ``item``'s review is overdue, or its owner when it is soon due
    (each once per due date: the outbox key holds it)."""
    if due is None:
        return
    if due < today:
        record_review_overdue(item, team=team, due=due)
        result.overdue += 1
    elif due - soon <= today and owner is not None and owner.email:
        record_review_soon(item, owner=owner, due=due)
        result.reminded += 1


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
        remind(
            page,
            due=due,
            owner=page.owner,
            team=sections.team_of(page),
            today=today,
            soon=soon,
            result=result,
        )
    refresh_profiles(today, upkeep_settings, result)
    if upkeep_settings.flag_overdue_to_readers and result.overdue:
        # Pages that became overdue since yesterday now carry the readers' note: cached
        # copies (kept until something public changes) must not hide it.
        page_cache.invalidate()
    return result


def refresh_profiles(today: date, upkeep_settings, result: RefreshResult) -> None:
    """The same for live coach profiles: owners gone passed to the hub editors, due dates
    kept in step, reminders to the coach and then to the hub editors."""
    result.passed_to_team += pass_profiles_to_team(CoachProfile.objects.live())
    profiles = list(CoachProfile.objects.live().select_related("user"))
    existing = {row.profile_id: row for row in ProfileUpkeep.objects.filter(profile__in=profiles)}
    months = upkeep_settings.months_for(CoachProfile)
    soon = timedelta(days=upkeep_settings.reminder_days)
    for profile in profiles:
        upkeep = existing.get(profile.pk) or ProfileUpkeep(profile=profile)
        upkeep.profile = profile
        due = upkeep.next_due(months)
        if upkeep._state.adding or upkeep.review_due != due:
            upkeep.review_due = due
            upkeep.save()
            result.records += 1
        remind(
            profile,
            due=due,
            owner=profile.user,
            team=None,  # the hub editors
            today=today,
            soon=soon,
            result=result,
        )
