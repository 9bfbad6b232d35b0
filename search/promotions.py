"""Promoted results: the pages and links hub editors recommend for a query.

Hub editors keep them with Wagtail's own ``wagtail.contrib.search_promotions`` (Settings →
Promoted search results): a query string and, for it, pages or external links in order,
each with an optional description. :func:`promoted` gives the ones for what a visitor typed,
for the search page and the API to show above the results.

A visitor's search only reads: the promotion is found with a filter on the query string as
Wagtail normalises it (lower case, any run of white space one space), never with
``Query.get()``, which creates a ``Query`` row for every new string, nor ``add_hit()``, which
writes a row a day per query (``search.query_log`` counts searches without a write on the
request).

Only what anyone may see is shown: a page that is live, public and not an alias
(``search.documents.public_pages``), in the visitor's language when it has a live, public
translation; external links as the editor gave them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from .documents import public_pages
from .text import clean_query


@dataclass(frozen=True)
class Promotion:
    title: str
    url: str
    description: str
    external: bool
    # The language of the title: a page's own, or None for an external link (unknown).
    language: str | None = None

    @property
    def direction(self) -> str:
        if not self.language:
            return ""
        return "rtl" if translation.get_language_info(self.language)["bidi"] else "ltr"


def promoted(text: str, *, language: str | None = None) -> list[Promotion]:
    """The promotions for ``text`` (as typed), in the editors' order."""
    query_string = normalise_query_string(clean_query(text))
    if not query_string:
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=query_string)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    if not picks:
        return []
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    pages = _shown_pages([pick.page for pick in picks if pick.page_id], language)
    promotions = []
    for pick in picks:
        if pick.page_id:
            page = pages.get(pick.page.translation_key)
            if page is None:
                continue  # a draft, a private page, or since unpublished
            promotions.append(
                Promotion(
                    title=page.title,
                    url=page.get_url() or "",
                    description=pick.description,
                    external=False,
                    language=page.locale.language_code,
                )
            )
        elif pick.external_link_url:
            promotions.append(
                Promotion(
                    title=pick.external_link_text or pick.external_link_url,
                    url=pick.external_link_url,
                    description=pick.description,
                    external=True,
                )
            )
    return [promotion for promotion in promotions if promotion.url]


def _shown_pages(chosen, language: str) -> dict:
    """For each chosen page (by translation key), what to link to: its live, public
    translation in ``language`` if there is one, otherwise the chosen page itself if it is
    live and public."""
    if not chosen:
        return {}
    keys = {page.translation_key for page in chosen}
    candidates = (
        public_pages()
        .filter(translation_key__in=keys)
        .filter(locale__language_code=language)
        .select_related("locale")
    )
    shown = {page.translation_key: page for page in candidates}
    missing = [page.pk for page in chosen if page.translation_key not in shown]
    if missing:
        for page in public_pages().filter(pk__in=missing).select_related("locale"):
            shown.setdefault(page.translation_key, page)
    return shown
