"""Recording "Was this page useful?" answers and comments: counts, never who."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from .models import PageFeedbackComment, PageFeedbackCount
from .privacy import scrub

SEARCH = "search"


def public_page(page_id: int | None) -> Page | None:
    """The live page anyone may read with this id (None for the search page or no page)."""
    if page_id is None:
        return None
    return Page.objects.live().public().filter(pk=page_id).first()


def place_of(page: Page | None) -> str:
    return str(page.pk) if page else SEARCH


def record_answer(page: Page | None, language: str, *, useful: bool) -> None:
    """Add one yes or no for ``page`` (None: the search page) today in ``language``."""
    field = "useful" if useful else "not_useful"
    key = {"place": place_of(page), "language": language, "day": timezone.localdate()}
    rows = PageFeedbackCount.objects.filter(**key)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            PageFeedbackCount.objects.create(page=page, **key, **{field: 1})
    except IntegrityError:  # another request created today's row since the update
        rows.update(**{field: F(field) + 1})


def record_comment(page: Page | None, language: str, text: str) -> PageFeedbackComment:
    """Keep what was wrong, with emails and long numbers taken out first."""
    return PageFeedbackComment.objects.create(page=page, language=language, text=scrub(text))
