"""What every search engine takes and gives: the service (``search.service``) speaks only this."""

from dataclasses import dataclass, field

from ..enums import Sort
from ..queries import Concept, Word
from ..text import phrase_words

# Facets of the search page, in order. "kind" is a column of the document; the others are
# SearchDocumentTag values (and keyword lists in Elasticsearch).
FACETS = ("kind", "organisation", "place", "priority", "topic", "method")
TAG_FACETS = FACETS[1:]


@dataclass(frozen=True)
class Criteria:
    """One search, as an engine sees it: the query already understood (its concepts)."""

    # What to find: every concept (or, when ``relaxed``, at least ``min_match`` of them).
    concepts: tuple[Concept, ...] = ()
    relaxed: bool = False
    min_match: int = 1
    language: str = ""
    # Kinds of document shown whatever their language (coach profiles are written in the
    # default language only).
    also_kinds_any_language: tuple[str, ...] = ()
    # Documents in this language (the default one) stand in for items with no translation
    # into ``language``: found too, ranked after every result in ``language``.
    fallback_language: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Kinds the caller allows at all (the similar-content lookup leaves out coaches).
    kinds: tuple[str, ...] = ()
    sort: str = Sort.RELEVANCE
    offset: int = 0
    limit: int = 10
    facets: bool = True
    # The raw text of the query, for the phrase bonus and for Elasticsearch.
    text: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """Each concept's words as typed (suggestions and more-like-this use them)."""
        return tuple(concept.alternatives[0][0].text for concept in self.concepts)

    @property
    def text_words(self) -> tuple[str, ...]:
        """The query's words in the order typed, stop words included: the exact phrase."""
        return phrase_words(self.text)

    def filters_except(self, facet: str | None) -> dict[str, tuple[str, ...]]:
        return {name: values for name, values in self.filters.items() if values and name != facet}


def word_concepts(words) -> tuple[Concept, ...]:
    """One concept for each word, as typed and without synonyms or stems."""
    return tuple(Concept(((Word(word),),), label=word) for word in words)


@dataclass
class EngineResult:
    ids: list[int]
    total: int
    # {facet: {value: count}}, each facet counted with the other facets' filters applied.
    facet_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # Snippets an engine highlighted itself (Elasticsearch), by document id; already HTML.
    highlights: dict[int, str] = field(default_factory=dict)
    # The documents themselves, when the engine read them with the match (the database
    # does: one query fewer); otherwise the service loads them by id.
    documents: dict[int, object] | None = None


@dataclass(frozen=True)
class BackendStatus:
    """Whether the configured search backend answers (for the health check)."""

    ok: bool
    # "database", "elasticsearch" or "opensearch".
    backend: str
    # Why it is not ok, in words fit for a health page: never a URL or a credential.
    detail: str = ""

    @property
    def status(self) -> str:
        return "ok" if self.ok else "error"


class Engine:
    """A way of running searches over the public search documents."""

    # What the health check calls the backend: "database", "elasticsearch", "opensearch".
    name = ""

    def status(self, timeout: float) -> BackendStatus:
        """One cheap request to the backend, giving up after ``timeout`` seconds."""
        raise NotImplementedError

    def search(self, criteria: Criteria) -> EngineResult:
        raise NotImplementedError

    def autocomplete(self, criteria: Criteria) -> EngineResult:
        """Documents whose title has every word (the last one as a prefix)."""
        raise NotImplementedError

    def similar(self, text: str, criteria: Criteria) -> EngineResult:
        """Documents most like ``text`` (its significant words are ``criteria.words``)."""
        raise NotImplementedError
