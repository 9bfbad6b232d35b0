"""What the content health report counts, for whoever is looking: a hub editor sees every
partner's content, a partner editor their own sections only."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from wagtail.models import Locale, Page, WorkflowState

from .enums import LinkStatus
from .models import UpkeepSettings
from .ownership import Sections, reviewed_pages

HUB_EDITORS = "Hub editors"


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
