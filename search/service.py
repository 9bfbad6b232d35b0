"""The hub's search service: every caller searches through here and nowhere else.

:func:`search` takes a :class:`SearchQuery` (words, facet filters, sort, page, language) and
returns :class:`SearchResults` (typed hits with highlighted snippets, facet counts that
combine, the total, a spelling correction, popular topics for an empty result).
:func:`autocomplete` suggests titles as someone types, :func:`similar` finds existing work
like a piece of text (the idea form). The engine behind them follows the search backend in
settings: Wagtail's database backend (SQLite FTS5 or PostgreSQL) or Elasticsearch/OpenSearch.
Only public documents exist to be found (``search.documents``).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from hub.listings import Facet, FacetOption
from hub.models import Organisation, Place, Priority, QIMethod, Topic, localized

from .analysis import content_words, is_stop_word, tokens
from .engines import get_engine
from .engines.base import FACETS, TAG_FACETS, Criteria, Engine, word_concepts
from .enums import Kind, Sort
from .models import SearchDocument, SearchDocumentTag, SearchTerm
from .queries import Concept, highlight_words, understand
from .text import clean_query, closest_word, highlight, mentions, terms

PER_PAGE = 10
MAX_PAGE = 1000
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 100
POPULAR_TOPICS = 8
# Fewer results than this for every word of a query of several: also show what matches most
# of the words (the ones matching all still come first).
RELAX_BELOW = 3
CONTENT_KINDS = (Kind.CASE_STUDY, Kind.PROJECT, Kind.RESOURCE, Kind.EVENT, Kind.PAGE)
# Coach profiles are written in the default language and found from every language.
ANY_LANGUAGE_KINDS = (Kind.COACH,)

FACET_LABELS = {
    "kind": _("Type"),
    "organisation": _("Organisation"),
    "place": _("Place"),
    "priority": _("System priority"),
    "topic": _("Topic"),
    "method": _("QI method"),
}
_TAXONOMIES = {
    "organisation": Organisation,
    "place": Place,
    "priority": Priority,
    "method": QIMethod,
}


# --- what goes in ------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    # {"kind": ["case_study"], "topic": ["falls", "sepsis"]}: options within a facet widen
    # the results (OR), facets together narrow them (AND).
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    sort: str = Sort.RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE
    # The language to search (the active one when not given).
    language: str | None = None
    # Restrict to these kinds whatever the filters say (e.g. an API for case studies only).
    kinds: tuple[str, ...] = ()
    facets: bool = True

    @classmethod
    def from_querydict(cls, data, **kwargs) -> "SearchQuery":
        """From a request's GET data: ``q``, ``sort``, ``page`` and one parameter a facet."""
        try:
            page = min(max(int(data.get("page", 1)), 1), MAX_PAGE)
        except (TypeError, ValueError):
            page = 1
        sort = data.get("sort")
        filters = {}
        for facet in FACETS:
            values = [value[:MAX_VALUE_LENGTH] for value in data.getlist(facet) if value.strip()]
            if values:
                filters[facet] = list(dict.fromkeys(values))[:MAX_VALUES_PER_FACET]
        return cls(
            text=clean_query(data.get("q", "")),
            filters=filters,
            sort=sort if sort in Sort.values else Sort.RELEVANCE,
            page=page,
            **kwargs,
        )

    def params(self, **changes) -> list[tuple[str, str]]:
        """The query as URL parameters, in a stable order (shareable, cacheable links)."""
        query = replace(self, **changes) if changes else self
        params = [("q", query.text)] if query.text else []
        for facet in FACETS:
            params += [(facet, value) for value in sorted(query.filters.get(facet, ()))]
        if query.sort != Sort.RELEVANCE:
            params.append(("sort", query.sort))
        if query.page > 1:
            params.append(("page", str(query.page)))
        return params

    def querystring(self, **changes) -> str:
        return urlencode(self.params(**changes))


# --- what comes out ----------------------------------------------------------------------


@dataclass
class SearchHit:
    id: int
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: SafeString
    organisation: str
    date: datetime | None
    # The language of the title and snippet: the default one where a result stands in for
    # a missing translation (and for coach profiles).
    language: str = settings.LANGUAGE_CODE

    @property
    def direction(self) -> str:
        return "rtl" if translation.get_language_info(self.language)["bidi"] else "ltr"

    @property
    def language_name(self) -> str:
        """The result's language, named in the visitor's ("angielski" in Polish)."""
        return translation.get_language_info(self.language)["name_translated"]


@dataclass
class TopicLink:
    label: str
    value: str
    count: int


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[SearchHit]
    total: int
    facets: list[Facet]
    page_obj: object  # a Django paginator page over the total, for the pagination component
    # The query actually searched when the words as typed found nothing ("presure" → ...).
    corrected_text: str = ""
    # A spelling the index knows better, offered when the words as typed found something.
    suggested_text: str = ""
    # True when nothing had every word and the results match most of them.
    relaxed: bool = False
    # Offered when nothing is found.
    popular_topics: list[TopicLink] = field(default_factory=list)

    @property
    def filtered(self) -> bool:
        return any(self.query.filters.values())

    @property
    def suggested_querystring(self) -> str:
        """The same search with the suggested spelling, from its first page."""
        return self.query.querystring(text=self.suggested_text, page=1)


# --- searching ---------------------------------------------------------------------------


def _language(language: str | None) -> str:
    return language or translation.get_language() or settings.LANGUAGE_CODE


def _min_match(concepts) -> int:
    """How many concepts a relaxed result must match: one of up to three (a rare word
    alone can be the point of a query), half of more."""
    return -(-len(concepts) // 2) if len(concepts) > 3 else 1


def _criteria(query: SearchQuery, concepts, offset: int, *, relaxed=False) -> Criteria:
    language = _language(query.language)
    return Criteria(
        concepts=tuple(concepts),
        relaxed=relaxed,
        min_match=_min_match(concepts),
        text=query.text,
        language=language,
        also_kinds_any_language=ANY_LANGUAGE_KINDS,
        # Untranslated content is found in the default language, after the translated.
        fallback_language="" if language == settings.LANGUAGE_CODE else settings.LANGUAGE_CODE,
        filters={
            facet: tuple(values)
            for facet, values in query.filters.items()
            if facet in FACETS and values
        },
        kinds=tuple(query.kinds),
        sort=query.sort,
        offset=offset,
        limit=query.per_page,
        facets=query.facets,
    )


def _known(word: str, concepts: Sequence[Concept]) -> bool:
    """A word the index has (or starts), a stop word, or a term of a synonym set."""
    if len(word) < 4 or word.isdigit() or is_stop_word(word):
        return True
    if any(concept.expanded and word in concept.label.split() for concept in concepts):
        return True
    return SearchTerm.objects.filter(term__gte=word, term__lt=word + "\uffff").exists()


def correct_spelling(words: Sequence[str], concepts: Sequence[Concept] = ()) -> list[str]:
    """Each word the index does not know (no public word starts with it), replaced by the
    closest one it does (by edit similarity, same first letter, similar length). A word
    the index knows is never replaced."""
    corrected = []
    for word in words:
        if _known(word, concepts):
            corrected.append(word)
            continue
        candidates = list(
            SearchTerm.objects.filter(
                initial=word[0], length__gte=len(word) - 2, length__lte=len(word) + 2
            )
            .order_by("-documents")
            .values_list("term", flat=True)[:5000]
        )
        corrected.append(closest_word(word, candidates) or word)
    return corrected


def _run(engine: Engine, query: SearchQuery, concepts, *, relaxed=False):
    criteria = _criteria(query, concepts, (query.page - 1) * query.per_page, relaxed=relaxed)
    result = engine.search(criteria)
    last_page = max(1, -(-result.total // query.per_page))
    if query.page > last_page:
        # Past the end (an old link): show the last page rather than nothing.
        query = replace(query, page=last_page)
        criteria = replace(criteria, offset=(last_page - 1) * query.per_page)
        result = engine.search(criteria)
    return query, result


def _find(engine: Engine, query: SearchQuery, concepts):
    """Every concept first; when that finds fewer than RELAX_BELOW, most of them.
    Returns (query, result, relaxed)."""
    query, result = _run(engine, query, concepts)
    if result.total < RELAX_BELOW and len(concepts) > 1:
        relaxed_query, relaxed = _run(engine, query, concepts, relaxed=True)
        if relaxed.total > result.total:
            return relaxed_query, relaxed, True
    return query, result, False


def _known_filters(filters: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Only values that exist (an old or mistyped link filters on nothing, not on zero)."""
    known = {}
    for facet, values in filters.items():
        if facet == "kind":
            valid = set(Kind.values)
        elif facet in TAG_FACETS and values:
            valid = set(
                SearchDocumentTag.objects.filter(facet=facet, value__in=values)
                .values_list("value", flat=True)
                .distinct()
            )
        else:
            continue
        if kept := [value for value in values if value in valid]:
            known[facet] = kept
    return known


def search(query: SearchQuery) -> SearchResults:
    engine = get_engine()
    query = replace(query, filters=_known_filters(query.filters))
    language = _language(query.language)
    concepts = understand(query.text, language)
    query, result, relaxed = _find(engine, query, concepts)
    corrected_text = suggested_text = ""
    words = content_words(tokens(query.text), language)
    corrected = correct_spelling(words, concepts) if words else words
    if corrected != words:
        fixed_text = " ".join(corrected)
        if result.total and not relaxed:
            suggested_text = fixed_text  # found as typed: offer, never rewrite
        else:
            fixed_concepts = understand(fixed_text, language)
            fixed_query, fixed, fixed_relaxed = _find(engine, query, fixed_concepts)
            # The better spelling wins when it finds every word, or finds something at all
            # where the words as typed found nothing.
            if fixed.total and (not fixed_relaxed or not result.total):
                query, result, relaxed, concepts = fixed_query, fixed, fixed_relaxed, fixed_concepts
                corrected_text = fixed_text
            elif fixed.total:
                suggested_text = fixed_text
    marked = highlight_words(concepts)
    documents = _documents(result)
    hits = [
        _hit(documents[pk], marked, result.highlights.get(pk))
        for pk in result.ids
        if pk in documents
    ]
    page_obj = Paginator(range(result.total), query.per_page).get_page(query.page)
    return SearchResults(
        query=query,
        hits=hits,
        total=result.total,
        facets=_facets(query, result.facet_counts) if query.facets else [],
        page_obj=page_obj,
        corrected_text=corrected_text,
        suggested_text=suggested_text,
        relaxed=relaxed,
        popular_topics=[] if result.total else popular_topics(language),
    )


def _documents(result) -> dict[int, SearchDocument]:
    if result.documents is not None:
        return result.documents
    return SearchDocument.objects.in_bulk(result.ids)


def _hit(document: SearchDocument, words, engine_snippet: str | None) -> SearchHit:
    if engine_snippet is not None:
        snippet = mark_safe(engine_snippet)  # noqa: S308 - the engine escaped it (encoder: html)
    else:
        text = document.summary or document.body
        if words and document.body and not mentions(document.summary, words):
            text = document.body if mentions(document.body, words) else text
        snippet = highlight(text, list(words))
    return SearchHit(
        id=document.pk,
        kind=document.kind,
        kind_label=str(Kind(document.kind).label),
        title=document.title,
        url=document.url,
        snippet=snippet,
        organisation=document.organisation,
        date=document.date,
        language=document.language,
    )


LABELS_CACHE_SECONDS = 60


def _all_labels(facet: str, language: str, *, fresh=True) -> dict[str, str]:
    """Every value's name for a facet in a language: the taxonomies are small and their
    names change rarely, so they are cached (and forgotten when one is saved or deleted,
    see ``search.signals``); ``fresh=False`` reads them from the database."""
    key = f"search:labels:{facet}:{language}"
    labels = cache.get(key)
    if labels is None or not fresh:
        if facet == "topic":
            rows = Topic.objects.filter(locale=Locale.get_default())
        else:
            rows = localized(_TAXONOMIES[facet].objects.all(), _locale(language))
        labels = dict(rows.values_list("slug", "name"))
        cache.set(key, labels, LABELS_CACHE_SECONDS)
    return labels


def _labels(facet: str, values, language: str) -> dict[str, str]:
    """Names for facet values in the visitor's language (default-language names where there
    is no translation)."""
    if facet == "kind":
        return {value: str(label) for value, label in Kind.choices}
    if not values:
        return {}
    labels = _all_labels(facet, language)
    if not set(values) <= set(labels):
        labels = _all_labels(facet, language, fresh=False)  # one added since
    return {value: labels[value] for value in values if value in labels}


def forget_labels(**kwargs) -> None:
    """A taxonomy changed: read facet names again."""
    cache.delete_many(
        [
            f"search:labels:{facet}:{language}"
            for facet in ("organisation", "place", "priority", "topic", "method")
            for language, _name in settings.LANGUAGES
        ]
    )


def _locale(language: str) -> Locale:
    return Locale.objects.filter(language_code=language).first() or Locale.get_default()


def _facets(query: SearchQuery, counts: dict[str, dict[str, int]]) -> list[Facet]:
    language = _language(query.language)
    facets = []
    for facet in FACETS:
        facet_counts = counts.get(facet, {})
        selected = set(query.filters.get(facet, ()))
        values = set(facet_counts) | selected
        labels = _labels(facet, values, language)
        options = [
            FacetOption(
                value=value,
                label=labels.get(value, value),
                count=facet_counts.get(value, 0),
                selected=value in selected,
            )
            # Unknown values (a mistyped link) are dropped rather than shown.
            for value in values
            if value in labels
        ]
        options.sort(key=lambda option: (-option.count, option.label.lower()))
        facets.append(Facet(param=facet, label=str(FACET_LABELS[facet]), options=options))
    return facets


def popular_topics(language: str, limit: int = POPULAR_TOPICS) -> list[TopicLink]:
    rows = (
        SearchDocumentTag.objects.filter(facet="topic", document__language=language)
        .values("value")
        .annotate(documents=Count("document"))
        .order_by("-documents", "value")[:limit]
    )
    counts = {row["value"]: row["documents"] for row in rows}
    labels = _labels("topic", list(counts), language)
    return [
        TopicLink(label=labels[value], value=value, count=count)
        for value, count in counts.items()
        if value in labels
    ]


# --- autocomplete and similar content ----------------------------------------------------


@dataclass
class Suggestion:
    title: str
    url: str
    kind_label: str


def autocomplete(text: str, *, language: str | None = None, limit: int = 8) -> list[Suggestion]:
    """Titles starting with (or containing words starting with) what has been typed."""
    words = terms(clean_query(text))
    if not words or len(" ".join(words)) < 2:
        return []
    query = SearchQuery(language=language, per_page=limit, facets=False)
    result = get_engine().autocomplete(_criteria(query, word_concepts(words), offset=0))
    documents = _documents(result)
    return [
        Suggestion(
            title=documents[pk].title,
            url=documents[pk].url,
            kind_label=str(Kind(documents[pk].kind).label),
        )
        for pk in result.ids
        if pk in documents
    ]


MAX_SIMILAR_WORDS = 30


def similar(
    text: str,
    *,
    language: str | None = None,
    limit: int = 5,
    kinds: Sequence[str] = CONTENT_KINDS,
) -> list[SearchHit]:
    """Published work most like ``text`` (an idea's description): more-like-this on
    Elasticsearch, the best full-text rank the database offers otherwise."""
    words = [word for word in terms(text or "", limit=200) if len(word) > 2][:MAX_SIMILAR_WORDS]
    if not words:
        return []
    query = SearchQuery(language=language, per_page=limit, kinds=tuple(kinds), facets=False)
    criteria = _criteria(query, word_concepts(words), offset=0)
    result = get_engine().similar(text, criteria)
    documents = _documents(result)
    return [_hit(documents[pk], words, None) for pk in result.ids if pk in documents]
