"""Hub search in the API: ``/api/v3/search/``, the same service as the search page."""

import logging
from datetime import datetime
from typing import Literal

from django.conf import settings
from django.http import HttpRequest

from ninja import Field, Query, Router, Schema

from hub.api_schemas import (
    COMMON_ERRORS,
    ProblemDetail,
    facets_payload,
    problem_response,
    request_language,
)
from hub.links import absolute_url
from hub.listings import Facet

from . import promotions, query_log, service
from .enums import Kind, Sort
from .text import MAX_QUERY_LENGTH, clean_query

logger = logging.getLogger(__name__)

router = Router(tags=["search"])

LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]


class SearchParams(Schema):
    """Facet filters take one or more values (repeat the parameter): values within a facet
    widen the results, facets together narrow them. Without ``q`` or a filter every public
    document is listed, newest first."""

    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Words to search for.")
    kind: list[Kind] = []
    organisation: list[str] = Field([], description="Organisation slug.")
    priority: list[str] = Field([], description="System priority slug.")
    topic: list[str] = Field([], description="Topic slug.")
    method: list[str] = Field([], description="QI method slug.")
    place: list[str] = Field([], description="Place slug (see /api/v3/taxonomies/).")
    sort: Sort = Sort.RELEVANCE
    locale: LanguageCode | None = Field(  # type: ignore[valid-type]
        None,
        description="The language to search in (by default the request's Accept-Language).",
    )
    page: int = Field(1, ge=1, le=service.MAX_PAGE)
    limit: int = Field(service.PER_PAGE, ge=1, le=settings.WAGTAILAPI_LIMIT_MAX)


class Hit(Schema):
    id: int
    kind: Kind
    kind_label: str
    title: str
    url: str
    snippet: str = Field(
        description="HTML: the matched words in <mark>; everything else is escaped."
    )
    organisation: str
    date: datetime | None
    language: str = Field(
        description="The language of the title and snippet: the default language where "
        "the item has no translation into the language searched."
    )


class Topic(Schema):
    label: str
    value: str
    count: int


class Promoted(Schema):
    title: str
    url: str = Field(description="An absolute address: a page of the hub, or another site.")
    description: str = Field(description="Plain text written by the editors; may be empty.")
    external: bool = Field(description="True for a link to another site.")
    language: str | None = Field(
        description="The language of a hub page's title (its translation in the language "
        "searched when there is one); null for a link to another site."
    )


class SearchResponse(Schema):
    q: str
    corrected_q: str = Field(
        "", description="The words actually searched when those given found nothing."
    )
    suggested_q: str = Field(
        "",
        description="A spelling the index knows better, offered (not searched) when the "
        "words given found something.",
    )
    relaxed: bool = Field(
        False,
        description="True when nothing had every word: the items have most of them, "
        "the closest first.",
    )
    count: int
    page: int
    limit: int
    promoted: list[Promoted] = Field(
        description="Pages and links the hub's editors recommend for these words, in their "
        "order, to show above the items (“Recommended”). Matched on the words as given, "
        "in lower case with spaces collapsed; given on the first page only."
    )
    items: list[Hit]
    facets: list[Facet]
    popular_topics: list[Topic] = Field(description="Offered when nothing is found.")


@router.get(
    "/",
    response={200: SearchResponse, 503: ProblemDetail, **COMMON_ERRORS},
    url_name="hub_search",
    summary="Search everything public: case studies, resources, events, pages, coaches",
    operation_id="search",
    auth=None,
)
def search(request: HttpRequest, params: SearchParams = Query(...)):  # noqa: B008
    filters = {
        name: [str(value) for value in getattr(params, name)]
        for name in ("kind", "organisation", "place", "priority", "topic", "method")
        if getattr(params, name)
    }
    query = service.SearchQuery(
        text=clean_query(params.q),
        filters=filters,
        sort=params.sort,
        page=params.page,
        per_page=params.limit,
        language=params.locale or request_language(request),
    )
    try:
        results = service.search(query)
    except Exception:
        logger.exception("API search failed")
        return problem_response(status=503, detail="Search is not available just now.")
    # Counted in memory: no database write on this request (search/query_log.py).
    query_log.record_search(query, results.total)
    # The search page shows the last page for a page past the end (an old link); a client
    # paging until the list is empty gets an empty page instead.
    past_the_end = results.query.page < params.page
    hits = [] if past_the_end else results.hits
    promoted = promotions.promoted(query.text, language=query.language) if query.page == 1 else []
    return {
        "q": results.query.text,
        "corrected_q": results.corrected_text,
        "suggested_q": results.suggested_text,
        "relaxed": results.relaxed,
        "count": results.total,
        "page": params.page,
        "limit": results.query.per_page,
        "promoted": [
            {
                "title": item.title,
                "url": absolute_url(item.url),
                "description": item.description,
                "external": item.external,
                "language": item.language,
            }
            for item in promoted
        ],
        "items": [
            {
                "id": hit.id,
                "kind": hit.kind,
                "kind_label": hit.kind_label,
                "title": hit.title,
                "url": absolute_url(hit.url),
                "snippet": str(hit.snippet),
                "organisation": hit.organisation,
                "date": hit.date,
                "language": hit.language,
            }
            for hit in hits
        ],
        "facets": facets_payload(results.facets),
        "popular_topics": [vars(topic) for topic in results.popular_topics],
    }
