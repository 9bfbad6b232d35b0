"""Similar existing work, shown before an idea is submitted so people can join it.

One function, :func:`similar_work`, over the hub's search service (``search.service``):
published case studies, resources, events and pages most like the idea, in the visitor's
language first, then untranslated work in the default language (more-like-this on
Elasticsearch, full-text rank on the database). Only public content is ever in the search
index, so nothing private can leak through it.
"""

import logging
from dataclasses import dataclass

from search import service

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SimilarItem:
    title: str
    url: str
    # The language of the title, and its direction ("ltr" or "rtl").
    language: str
    direction: str


def similar_work(text: str, *, limit: int = 5, language: str | None = None, request=None):
    """Up to ``limit`` live public items like ``text``: a list of :class:`SimilarItem`."""
    try:
        hits = service.similar(text or "", language=language, limit=limit)
    except Exception:
        # A search backend that is down must never stop someone submitting an idea.
        logger.exception("Similar-content search failed")
        return []
    return [
        SimilarItem(title=hit.title, url=hit.url, language=hit.language, direction=hit.direction)
        for hit in hits
    ]
