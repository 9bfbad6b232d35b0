"""Similar existing work, shown before an idea is submitted so people can join it.

One function, :func:`find_similar`, that the search issue will improve (ranking, case
studies first, ideas under consideration once they have a public face). For now it asks
Wagtail's search for live, public pages in the visitor's language that share words with the
idea. Only published content is ever returned, so nothing private can leak through it.
"""

import logging
import re
from dataclasses import dataclass

from wagtail.models import Locale, Page

logger = logging.getLogger(__name__)

MAX_QUERY_WORDS = 30
_WORD = re.compile(r"\w{3,}", re.UNICODE)


@dataclass(frozen=True)
class SimilarItem:
    title: str
    url: str


def _query(text: str) -> str:
    words, seen = [], set()
    for word in _WORD.findall(text or ""):
        lowered = word.lower()
        if lowered not in seen:
            seen.add(lowered)
            words.append(word)
        if len(words) >= MAX_QUERY_WORDS:
            break
    return " ".join(words)


def find_similar(text: str, *, limit: int = 5, language: str | None = None, request=None):
    """Up to ``limit`` live public pages like ``text``: a list of :class:`SimilarItem`."""
    query = _query(text)
    if not query:
        return []
    locale = (
        Locale.objects.filter(language_code=language).first() if language else None
    ) or Locale.get_active()
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=2)  # not the tree root or the home page
        .only("id", "title", "url_path", "depth", "path")
    )
    try:
        results = list(pages.search(query, operator="or")[:limit])
    except Exception:
        # A search backend that is down must never stop someone submitting an idea.
        logger.exception("Similar-content search failed")
        return []
    items = []
    for page in results:
        url = page.get_url(request=request)
        if url:
            items.append(SimilarItem(title=page.title, url=url))
    return items
