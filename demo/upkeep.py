"""Content health in the demo: every case study, resource, event and partner page has an
owner (the partner's demo editor in its section, the hub editor elsewhere) and a review
date; three are overdue; one editor's account is closed, so their pages have passed to
their team; two resource links are recorded as broken by the link checker. Coach profiles
too: one is overdue for review, one due within the reminder window, and one coach's account
is closed, so their profile has passed to the hub editors. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale, Page

from demo.factories import LinkFactory
from demo.users import ensure_user
from directory.models import CoachProfile
from hub import access
from upkeep import reviews
from upkeep.enums import LinkStatus
from upkeep.models import Link, PageUpkeep, ProfileUpkeep
from upkeep.ownership import Sections, reviewed_pages

TRUST = "Wealdshire University Hospitals NHS Foundation Trust"
LEAVER = "former.editor"
COACH_LEAVER = "former.coach"
BROKEN = [
    ("https://www.england.nhs.uk/old-falls-toolkit/", 404, "Not Found"),
    ("https://qi.wealdshire.example/spread-guide", None, "no answer in 10 s"),
]


def seed_upkeep(users, organisations) -> dict[str, int]:
    sections = Sections()
    editors = {users["trust.editor"].pk, users["council.editor"].pk}
    owners_by_team = {
        group.pk: user
        for user in (users["trust.editor"], users["council.editor"])
        for group in user.groups.all()
    }
    pages = list(reviewed_pages().filter(locale=Locale.get_default()).order_by("path").specific())
    first_run = not PageUpkeep.objects.exists()
    for page in pages:
        if page.owner_id is None or page.owner_id == users["admin"].pk:
            team = sections.team_of(page)
            owner = owners_by_team.get(team.pk) if team else None
            Page.objects.filter(pk=page.pk).update(owner=owner or users["hub.editor"])

    if first_run:
        _age(pages, editors)
        _leaver(pages, organisations, sections)
        _broken_links(pages)
    if not ProfileUpkeep.objects.exists():
        _profiles()
    result = reviews.refresh()
    today = timezone.localdate()
    return {
        "overdue_reviews": PageUpkeep.objects.filter(review_due__lt=today).count(),
        "overdue_profile_reviews": ProfileUpkeep.objects.filter(review_due__lt=today).count(),
        "passed_to_team": result.passed_to_team,
    }


def _profiles():
    """The last two profiles by name published 380 and 355 days ago (one overdue, one in
    the reminder window); the first without a demo login kept by a coach who has left."""
    now = timezone.now()
    profiles = list(CoachProfile.objects.live().order_by("display_name"))
    for profile, days in zip(profiles[-2:], (380, 355), strict=False):
        CoachProfile.objects.filter(pk=profile.pk).update(
            last_published_at=now - timedelta(days=days)
        )
    unclaimed = next((profile for profile in profiles if profile.user_id is None), None)
    if unclaimed is not None:
        leaver = ensure_user(COACH_LEAVER, "Sam", "Okoro", group=access.COACHES)
        CoachProfile.objects.filter(pk=unclaimed.pk).update(user=leaver)
        leaver.is_active = False
        leaver.save()  # the signal passes the profile to the hub editors


def _age(pages, editors):
    """Three case studies last published over a year ago (overdue: reviewed every 12
    months of DAYS_IN_MONTH days), one due within the reminder window."""
    now = timezone.now()
    studies = [page for page in pages if page.specific_class.__name__ == "CaseStudyPage"]
    for page, days in zip(studies[:4], (400, 395, 390, 350), strict=False):
        Page.objects.filter(pk=page.pk).update(last_published_at=now - timedelta(days=days))


def _leaver(pages, organisations, sections):
    """A trust editor who has left: their account is closed, so their pages pass to the
    trust's editors (the signal does it, and records the email to the team)."""
    team = organisations[TRUST].editors_group
    leaver = ensure_user(LEAVER, "Dana", "Reid", group=team.name)
    theirs = [page for page in pages if sections.team_of(page) == team][:2]
    Page.objects.filter(pk__in=[page.pk for page in theirs]).update(owner=leaver)
    leaver.is_active = False
    leaver.save()


def _broken_links(pages):
    resources = [page for page in pages if getattr(page, "link_url", "")]
    now = timezone.now()
    for page, (url, code, detail) in zip(resources, BROKEN, strict=False):
        # The page links there (an address that has gone), as the checker found it.
        type(page).objects.filter(pk=page.pk).update(link_url=url)
        Link.objects.filter(page=page).delete()
        LinkFactory(
            page=page,
            url=url,
            text=page.title,
            status=LinkStatus.BROKEN if code else LinkStatus.TIMEOUT,
            status_code=code,
            detail=detail,
            checked_at=now,
        )
