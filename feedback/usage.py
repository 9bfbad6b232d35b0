"""How often each public page is read: counts per page and day, kept privacy-friendly.

Serving a page (Wagtail's ``before_serve_page`` hook, and again each time the page cache
serves it: ``page_cache.on_every_request``) adds one to a counter in the shared cache (Redis
in production) named by the day and the page's id: no database write on the request, no
cookie, and nothing about the visitor (no address, session, user or time of day). Every 10
minutes ``manage.py flush_page_views`` (hub/schedule.py) moves the counters of today and
yesterday into :class:`~feedback.models.PageViewCount` rows, taking from each counter what
it wrote (an atomic decrement, so views counted meanwhile are kept for the next run).

With the local-memory cache (one process, development) the counters live in the web
process: ``flush_page_views`` run from another process sees none; the demo seeds counts.
Counters not flushed expire two days after their last view.
"""

from contextlib import suppress
from datetime import date, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from wagtail.models import Page

from hub.redis_cache import add_one

from .models import PageViewCount

KEEP_SECONDS = 2 * 24 * 3600
BATCH = 500


def _key(day: date, page_id: int) -> str:
    return f"feedback:views:{day.isoformat()}:{page_id}"


def count_view(page_id: int) -> None:
    """One view of the page today. Cache only; a cache that is down loses the view."""
    with suppress(Exception):  # counting must never break serving a page
        add_one(_key(timezone.localdate(), page_id), KEEP_SECONDS)


def pending(day: date | None = None) -> dict[int, int]:
    """{page id: views counted in the cache and not yet written} for ``day`` (today)."""
    day = day or timezone.localdate()
    ids = list(Page.objects.values_list("pk", flat=True))
    found = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        values = cache.get_many([_key(day, page_id) for page_id in chunk])
        for page_id in chunk:
            views = values.get(_key(day, page_id)) or 0
            if views > 0:
                found[page_id] = views
    return found


def flush(now=None) -> int:
    """Write the cached counters of today and yesterday; returns how many views."""
    today = timezone.localdate(now)
    total = 0
    for day in (today - timedelta(days=1), today):
        for page_id, views in sorted(pending(day).items()):
            with transaction.atomic():
                _add(page_id, day, views)
                cache.decr(_key(day, page_id), views)
            total += views
    return total


def _add(page_id: int, day: date, views: int) -> None:
    rows = PageViewCount.objects.filter(page_id=page_id, day=day)
    if rows.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            PageViewCount.objects.create(page_id=page_id, day=day, views=views)
    except IntegrityError:
        rows.update(views=F("views") + views)


def views_by_page(page_ids, since: date) -> dict[int, int]:
    """{page id: views from ``since`` to today} for ``page_ids``: what the content health
    report reads (lent through ``upkeep.health.PAGE_VIEWS_HOOK``)."""
    return dict(
        PageViewCount.objects.filter(page_id__in=page_ids, day__gte=since)
        .values("page")
        .annotate(total=Sum("views"))
        .values_list("page", "total")
    )
