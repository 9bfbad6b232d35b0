"""What the content health report counts, for whoever is looking: a hub editor sees every
partner's content, a partner editor their own sections only.

How often a page is read is counted by ``feedback`` (``feedback.usage``, the
``PageViewCount`` rows), which sits above this app in the layers: it lends the counts
through the Wagtail hook :data:`PAGE_VIEWS_HOOK` (a function ``(page_ids, since) ->
{page id: views}``), so this app never imports it and the counts keep one owner (and one
privacy rule: no visitor data). Without the hook, nothing is read.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Locale, Page, WorkflowState

from directory.models import CoachProfile

from .enums import LinkStatus
from .models import UpkeepSettings
from .ownership import Sections, reviewed_pages

HUB_EDITORS = "Hub editors"
PAGE_VIEWS_HOOK = "upkeep_page_views"
# "Most-read pages that are oldest": read in the last READ_DAYS, and neither reviewed nor
# republished for OLD_AFTER_DAYS; the MOST_READ_OLD most read of them.
READ_DAYS = 90
OLD_AFTER_DAYS = 180
MOST_READ_OLD = 10


def sees_everything(user) -> bool:
    # Kept on the user object, which lives as long as the request (the admin menu asks twice).
    if not hasattr(user, "_upkeep_sees_everything"):
        user._upkeep_sees_everything = (
            user.is_superuser or user.groups.filter(name=HUB_EDITORS).exists()
        )
    return user._upkeep_sees_everything


def partners_of(user, sections: Sections):
    """The partner sections ``user`` looks after (every one, for hub editors)."""
    if sees_everything(user):
        return sections.partners
    groups = set(user.groups.values_list("pk", flat=True))
    return [
        partner for partner in sections.partners if partner.organisation.editors_group_id in groups
    ]


def may_view(user) -> bool:
    if not hasattr(user, "_upkeep_may_view"):
        user._upkeep_may_view = user.is_active and (
            sees_everything(user) or bool(partners_of(user, Sections()))
        )
    return user._upkeep_may_view


def scope(user, sections: Sections | None = None) -> QuerySet:
    """The reviewed pages (default language) ``user`` may see on the report, annotated with
    their failing links."""
    sections = sections or Sections()
    pages = reviewed_pages().filter(locale=Locale.get_default())
    if not sees_everything(user):
        paths = [partner.path for partner in partners_of(user, sections)]
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(path__startswith=path)
        pages = pages.filter(condition)
    return pages.annotate(
        broken_links=Count("upkeep_links", filter=Q(upkeep_links__status__in=LinkStatus.failing()))
    )


def owner_gone_q() -> Q:
    return Q(owner__is_active=False) | Q(owner__isnull=True, upkeep__owner_left_at__isnull=False)


def waiting_in_review(pages: QuerySet) -> QuerySet:
    """Of ``pages``, those with a workflow in progress since before the waiting limit."""
    cutoff = timezone.now() - timedelta(days=UpkeepSettings.load().review_waiting_days)
    waiting = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        created_at__lt=cutoff,
        base_content_type__model="page",
    ).values_list("object_id", flat=True)
    return pages.filter(pk__in=[int(pk) for pk in waiting])


@dataclass(frozen=True)
class Summary:
    items: int
    overdue: int
    owner_gone: int
    waiting: int
    broken_links: int
    accessibility: int


def summarise(pages: QuerySet, today: date | None = None) -> Summary:
    today = today or timezone.localdate()
    counts = pages.aggregate(
        items=Count("pk", distinct=True),
        overdue=Count("pk", filter=Q(upkeep__review_due__lt=today), distinct=True),
        owner_gone=Count("pk", filter=owner_gone_q(), distinct=True),
        accessibility=Count("pk", filter=Q(upkeep__accessibility_failures__gt=0), distinct=True),
    )
    plain = Page.objects.filter(pk__in=pages.values("pk"))
    broken = plain.filter(upkeep_links__status__in=LinkStatus.failing()).distinct().count()
    return Summary(
        items=counts["items"],
        overdue=counts["overdue"],
        owner_gone=counts["owner_gone"],
        waiting=waiting_in_review(plain).count(),
        broken_links=broken,
        accessibility=counts["accessibility"],
    )


def views(pages, days: int = READ_DAYS, today: date | None = None) -> dict[int, int]:
    """{page id: views in the last ``days``} for ``pages``, each counting the views of all
    its translations (the report lists the main language's pages)."""
    pages = list(pages)
    if not pages:
        return {}
    since = (today or timezone.localdate()) - timedelta(days=days - 1)
    key_to_page = {page.translation_key: page.pk for page in pages}
    translations = dict(
        Page.objects.filter(translation_key__in=key_to_page).values_list("pk", "translation_key")
    )
    totals: dict[int, int] = defaultdict(int)
    for lend in hooks.get_hooks(PAGE_VIEWS_HOOK):
        for page_id, count in lend(list(translations), since).items():
            if page_id in translations:
                totals[key_to_page[translations[page_id]]] += count
    return dict(totals)


def reviewed_on(page) -> date | None:
    """The later of the last confirmed review and the last publication."""
    upkeep = getattr(page, "upkeep", None)  # (None when the page has no record yet)
    if upkeep is not None:
        return upkeep.reviewed_on
    return timezone.localdate(page.last_published_at) if page.last_published_at else None


@dataclass(frozen=True)
class ReadButOld:
    page: Page
    views: int
    reviewed_on: date | None


def most_read_oldest(pages: QuerySet, today: date | None = None) -> list[ReadButOld]:
    """Of ``pages``, the most read in the last :data:`READ_DAYS` that nobody has reviewed or
    republished for :data:`OLD_AFTER_DAYS` or more: most read first, then the oldest."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=OLD_AFTER_DAYS)
    rows = list(Page.objects.filter(pk__in=pages.values("pk")).live().select_related("upkeep"))
    read = views(rows, today=today)
    found = [
        ReadButOld(page, read[page.pk], reviewed_on(page))
        for page in rows
        if read.get(page.pk) and (reviewed_on(page) or date.min) <= cutoff
    ]
    found.sort(key=lambda row: (-row.views, row.reviewed_on or date.min, row.page.title))
    return found[:MOST_READ_OLD]


# Coach profiles: hub editors look after them (no partner's editors may edit one), so the
# report shows them to hub editors only.


def profile_owner_gone_q() -> Q:
    return Q(user__is_active=False) | Q(user__isnull=True, upkeep__owner_left_at__isnull=False)


@dataclass(frozen=True)
class ProfileSummary:
    items: int
    overdue: int
    owner_gone: int


def profiles_in_scope() -> QuerySet:
    """Live coach profiles, with their coach's account and review record."""
    return CoachProfile.objects.live().select_related("user", "upkeep")


def summarise_profiles(today: date | None = None) -> ProfileSummary:
    today = today or timezone.localdate()
    counts = profiles_in_scope().aggregate(
        items=Count("pk", distinct=True),
        overdue=Count("pk", filter=Q(upkeep__review_due__lt=today), distinct=True),
        owner_gone=Count("pk", filter=profile_owner_gone_q(), distinct=True),
    )
    return ProfileSummary(**counts)


def profiles_needing_attention(today: date | None = None) -> QuerySet:
    """Live profiles overdue for review or whose coach's account has gone: due first."""
    today = today or timezone.localdate()
    return (
        profiles_in_scope()
        .filter(Q(upkeep__review_due__lt=today) | profile_owner_gone_q())
        .order_by("upkeep__review_due", "display_name")
    )
