"""The search page (``/search/``) and its title suggestions (``/search/suggest/``).

Everything goes through ``search.service``. The page is a plain GET form: every search,
filter, sort and page is a shareable URL, and it works without JavaScript; the suggestions
endpoint serves the optional autocomplete (``search/static/search/autocomplete.mjs``).
"""

import logging

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from . import promotions, service
from .enums import Sort

logger = logging.getLogger(__name__)


@require_GET
def search(request):
    query = service.SearchQuery.from_querydict(request.GET)
    results, failed = None, False
    # Editors' recommendations, on the first page; read from the database, so they are shown
    # even when the search backend is down.
    promoted = promotions.promoted(query.text) if query.page == 1 else []
    if query.text or any(query.filters.values()):
        try:
            results = service.search(query)
        except Exception:
            # A search backend that is down is a message on the page, not an error page.
            logger.exception("Search failed")
            failed = True
    context = {
        "query": results.query if results else query,
        "search_query": query.text,
        "results": results,
        "promoted": promoted,
        "failed": failed,
        "sort_choices": Sort.choices,
        "popular_topics": [] if results or failed else service.popular_topics(get_language()),
    }
    return TemplateResponse(request, "search/search.html", context, status=503 if failed else 200)


@require_GET
def suggest(request):
    """``{"results": [{"title", "url", "type"}]}``: titles for what has been typed."""
    try:
        suggestions = service.autocomplete(request.GET.get("q", ""))
    except Exception:
        logger.exception("Search suggestions failed")
        suggestions = []
    response = JsonResponse(
        {
            "results": [
                {"title": item.title, "url": item.url, "type": item.kind_label}
                for item in suggestions
            ]
        }
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
