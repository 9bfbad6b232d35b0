"""Searching the Elasticsearch (or OpenSearch) index that Wagtail's backend keeps.

Wagtail's backend creates the index, its mapping and analysers, and writes the documents;
its query API has no facet counts that combine, highlighting, phrase boosts, per-word
fuzziness or more-like-this. So requests are built here with ``elasticsearch.dsl`` against
the same index and the field names Wagtail's mapping gives (``field_names``), and sent with
the backend's own client. :func:`search_request`, :func:`autocomplete_request` and
:func:`similar_request` return the request objects, so their bodies can be tested without a
cluster.

OpenSearch (a fork of Elasticsearch 7.10) takes the same bodies: everything used here
(``multi_match`` with fuzziness, ``match_phrase``, ``more_like_this``, ``filter`` and
``terms`` aggregations, ``post_filter``, ``track_total_hits``, a painless script sort, the
unified highlighter) is common to both, and responses have the same shape. Only the client
differs: :class:`ElasticsearchEngine` here, ``OpenSearchEngine`` in ``opensearch.py``.
"""

from wagtail.search import index

from elasticsearch.dsl import A, Q, Search

from ..enums import Sort
from ..models import SearchDocument
from .base import FACETS, BackendStatus, Criteria, Engine, EngineResult

HIGHLIGHT_FRAGMENT_SIZE = 240
FACET_SIZE = 50


def field_names(mapping) -> dict[str, str]:
    """``{"title": "title", "title_autocomplete": "title_edgengrams", "kind_filter": ...}``:
    the names Wagtail's mapping gives each of the document's search fields."""
    names = {}
    for field in SearchDocument.get_search_fields():
        if isinstance(field, index.AutocompleteField):
            key = f"{field.field_name}_autocomplete"
        elif isinstance(field, index.FilterField):
            key = f"{field.field_name}_filter"
        else:
            key = field.field_name
        names[key] = mapping.get_field_column_name(field)
    return names


def _facet_field(names, facet: str) -> str:
    return names["kind_filter"] if facet == "kind" else names[f"{facet}_values_filter"]


def _facet_filter(names, facet: str, values) -> Q:
    return Q("terms", **{_facet_field(names, facet): list(values)})


def _scope(names, criteria: Criteria) -> list[Q]:
    """What every request is limited to: the language (with the fallback language's
    documents where no public translation exists), and the kinds the caller allows."""
    filters = []
    if criteria.language:
        language = Q("term", **{names["language_filter"]: criteria.language})
        if criteria.also_kinds_any_language:
            language |= Q("terms", **{names["kind_filter"]: list(criteria.also_kinds_any_language)})
        if criteria.fallback_language:
            language |= Q(
                "bool",
                filter=[Q("term", **{names["language_filter"]: criteria.fallback_language})],
                must_not=[Q("term", **{names["translated_values_filter"]: criteria.language})],
            )
        filters.append(language)
    if criteria.kinds:
        filters.append(Q("terms", **{names["kind_filter"]: list(criteria.kinds)}))
    return filters


def _native_first(names, criteria: Criteria) -> list:
    """Sort keys putting results in the language searched before the others (coaches,
    stand-ins for missing translations), then by relevance; none without a fallback."""
    if not criteria.fallback_language:
        return []
    native = {
        "_script": {
            "type": "number",
            "order": "asc",
            "script": {
                "lang": "painless",
                "source": "doc[params.field].value == params.language ? 0 : 1",
                "params": {"field": names["language_filter"], "language": criteria.language},
            },
        }
    }
    return [native, "_score"]


TEXT_FIELDS = (("title", 4), ("summary", 2), ("keywords", 2), ("body", 1))
# The stems and joined words search.analysis adds (the headline ones weigh as the summary).
TERM_FIELDS = (("headline_terms", 2), ("body_terms", 1))


def _fields(names, fields) -> list[str]:
    return [names[name] + (f"^{boost}" if boost != 1 else "") for name, boost in fields]


def _word_query(names, word) -> Q:
    """One word as typed (allowing a typo from four letters, and a prefix from three), or
    one of its stems, or the word, among the terms search.analysis added."""
    typed = {"query": word.text, "fields": _fields(names, TEXT_FIELDS)}
    if len(word.text) >= 4:
        typed.update(fuzziness="AUTO", prefix_length=1)
    options = [Q("multi_match", **typed)]
    if word.prefix:
        options.append(
            Q(
                "multi_match",
                query=word.text,
                type="phrase_prefix",
                fields=_fields(names, TEXT_FIELDS),
            )
        )
    # The stems, and the word itself: a joined word ("ae" for A&E) is only in these fields.
    options += [
        Q("multi_match", query=form, fields=_fields(names, TERM_FIELDS)) for form in word.forms
    ]
    return options[0] if len(options) == 1 else Q("bool", should=options, minimum_should_match=1)


def _concept_query(names, concept) -> Q:
    """Any one alternative of the concept, each with every one of its words."""
    groups = [
        Q("bool", must=[_word_query(names, word) for word in group])
        if len(group) > 1
        else _word_query(names, group[0])
        for group in concept.alternatives
    ]
    return groups[0] if len(groups) == 1 else Q("bool", should=groups, minimum_should_match=1)


def _text_query(names, criteria: Criteria) -> Q:
    """Every concept (or, relaxed, ``min_match`` of them: each adds to the score, the rarer
    the more, by the cluster's own idf), titles and summaries weighing more than the body,
    and the exact phrase first (in the title above all)."""
    concepts = [_concept_query(names, concept) for concept in criteria.concepts]
    should = []
    if len(criteria.text_words) > 1:
        phrase = " ".join(criteria.text_words)
        should = [
            Q("match_phrase", **{names["title"]: {"query": phrase, "boost": 20}}),
            Q(
                "multi_match",
                query=phrase,
                type="phrase",
                fields=[names["summary"], names["body"]],
                boost=10,
            ),
        ]
    if criteria.relaxed:
        return Q(
            "bool",
            must=[Q("bool", should=concepts, minimum_should_match=criteria.min_match)],
            should=should,
        )
    return Q("bool", must=concepts, should=should)


def search_request(names, index_name: str, criteria: Criteria) -> Search:
    query = _text_query(names, criteria) if criteria.concepts else Q("match_all")
    search = (
        Search(index=index_name)
        .query(Q("bool", must=[query], filter=_scope(names, criteria)))
        .source(False)
        .extra(from_=criteria.offset, size=criteria.limit, track_total_hits=True)
    )
    selected = {facet: values for facet, values in criteria.filters.items() if values}
    if selected:
        # Hits are narrowed by every selection; each facet's counts by the others only.
        search = search.post_filter(
            Q(
                "bool",
                filter=[_facet_filter(names, facet, values) for facet, values in selected.items()],
            )
        )
    if criteria.facets:
        for facet in FACETS:
            others = [
                _facet_filter(names, name, values)
                for name, values in selected.items()
                if name != facet
            ]
            bucket = A("filter", Q("bool", filter=others) if others else Q("match_all"))
            bucket.bucket("values", "terms", field=_facet_field(names, facet), size=FACET_SIZE)
            search.aggs.bucket(facet, bucket)
    if criteria.concepts:
        search = search.highlight(
            names["summary"], names["body"], names["title"]
        ).highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            fragment_size=HIGHLIGHT_FRAGMENT_SIZE,
            number_of_fragments=1,
        )
    if criteria.sort == Sort.DATE:
        search = search.sort(
            {names["date_filter"]: {"order": "desc", "missing": "_last"}}, "_score"
        )
    elif native_first := _native_first(names, criteria):
        search = search.sort(*native_first)
    return search


def autocomplete_request(names, index_name: str, criteria: Criteria) -> Search:
    return (
        Search(index=index_name)
        .query(
            Q(
                "bool",
                must=[
                    Q(
                        "match",
                        **{
                            names["title_autocomplete"]: {
                                "query": " ".join(criteria.words),
                                "operator": "and",
                            }
                        },
                    )
                ],
                filter=_scope(names, criteria),
            )
        )
        .source(False)
        .extra(size=criteria.limit)
        .sort(*_native_first(names, criteria))
    )


def similar_request(names, index_name: str, text: str, criteria: Criteria) -> Search:
    like = Q(
        "more_like_this",
        fields=[names["title"], names["summary"], names["keywords"], names["body"]],
        like=text,
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=25,
        minimum_should_match="20%",
    )
    return (
        Search(index=index_name)
        .query(Q("bool", must=[like], filter=_scope(names, criteria)))
        .source(False)
        .extra(size=criteria.limit)
        .sort(*_native_first(names, criteria))
    )


def _ids(response) -> list[int]:
    return [int(hit["_id"]) for hit in response["hits"]["hits"]]


def _body(response) -> dict:
    return getattr(response, "body", response)


def parse_search_response(response, names) -> EngineResult:
    response = _body(response)
    highlights = {}
    # The summary or body fragment shows the match in context; the title is the fallback.
    preference = [names["summary"], names["body"], names["title"]]
    for hit in response["hits"]["hits"]:
        fields = hit.get("highlight") or {}
        fragment = next((fields[name][0] for name in preference if fields.get(name)), None)
        if fragment:
            highlights[int(hit["_id"])] = fragment
    counts = {
        facet: {
            str(bucket["key"]): bucket["doc_count"] for bucket in aggregation["values"]["buckets"]
        }
        for facet, aggregation in (response.get("aggregations") or {}).items()
    }
    total = response["hits"]["total"]
    return EngineResult(
        ids=_ids(response),
        total=total["value"] if isinstance(total, dict) else total,
        facet_counts=counts,
        highlights=highlights,
    )


class ClusterEngine(Engine):
    """Searching a cluster's index: the requests above, sent through the client of Wagtail's
    backend (``backend.es``), and the responses read back into results.

    Elasticsearch and OpenSearch take the same request bodies and answer in the same shape;
    what differs is their client, so a subclass gives only how a search is sent and how
    the index is checked (:class:`ElasticsearchEngine`,
    :class:`search.engines.opensearch.OpenSearchEngine`).
    """

    def __init__(self, backend, client=None):
        self.backend = backend
        self.client = client or backend.es
        self.index_name = backend.get_index_for_model(SearchDocument).name
        self.names = field_names(backend.mapping_class(SearchDocument))

    # --- what differs between the clients --------------------------------------------------

    def _send(self, body: dict) -> dict:
        """The response to a search with ``body`` on the index, as a dict."""
        raise NotImplementedError

    def _index_exists(self, timeout: float) -> bool:
        """Whether the index (or the alias Wagtail's atomic rebuild keeps) exists; raises
        when the cluster does not answer within ``timeout`` seconds."""
        raise NotImplementedError

    # --- the same for both -----------------------------------------------------------------

    def search(self, criteria: Criteria) -> EngineResult:
        request = search_request(self.names, self.index_name, criteria)
        return parse_search_response(self._send(request.to_dict()), self.names)

    def autocomplete(self, criteria):
        request = autocomplete_request(self.names, self.index_name, criteria)
        ids = _ids(self._send(request.to_dict()))
        return EngineResult(ids=ids, total=len(ids))

    def similar(self, text, criteria):
        request = similar_request(self.names, self.index_name, text, criteria)
        ids = _ids(self._send(request.to_dict()))
        return EngineResult(ids=ids, total=len(ids))

    def status(self, timeout: float) -> BackendStatus:
        """One HEAD request for the index: the cluster answers, the credentials work and
        the index has been built."""
        try:
            exists = self._index_exists(timeout)
        except Exception as exc:  # any failure is "not ok", never a crash
            return BackendStatus(False, self.name, f"cluster request failed: {type(exc).__name__}")
        if not exists:
            return BackendStatus(
                False, self.name, f"index {self.index_name} missing: run manage.py update_index"
            )
        return BackendStatus(True, self.name)


class ElasticsearchEngine(ClusterEngine):
    """Through the ``elasticsearch`` client (8.x or 9.x), whose responses are objects."""

    name = "elasticsearch"

    def _send(self, body):
        return _body(self.client.search(index=self.index_name, body=body))

    def _index_exists(self, timeout):
        client = self.client.options(request_timeout=timeout, max_retries=0)
        return bool(client.indices.exists(index=self.index_name))
