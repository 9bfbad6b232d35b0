"""What a query asks for: its concepts, each a set of equivalent ways to say it.

``understand("pressure sores at home", "en")`` gives two concepts: *pressure sores* (with the
alternatives of its synonym set: "pressure ulcer", "bed sore", "decubitus ulcer") and *home*.
An engine finds a document when it matches every concept (or, relaxed, most of them, see
``search.service``); a concept matches when any one of its alternatives does, and an
alternative when each of its words does, as typed (a prefix from three letters) or by one of
its stems (``search.analysis``).

Synonyms are the :class:`~search.models.SynonymSet` rows hub editors keep; a multi-word term
is recognised in a query whatever the stop words and inflections ("plan do study act",
"plan-do-study-act cycles"). The sets are read once and cached until one changes.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from hub import page_cache

from .analysis import MIN_PREFIX, content_words, stem, stems, tokens
from .models import SynonymSet
from .text import MAX_TERMS

CACHE_KEY = "search:synonyms:v1"
CACHE_SECONDS = 300
# The longest synonym term recognised in a query, in content words.
MAX_TERM_WORDS = 5


@dataclass(frozen=True)
class Word:
    """One word to find: as typed (``text``), or by any of its ``stems`` exactly."""

    text: str
    stems: tuple[str, ...] = ()

    @property
    def prefix(self) -> bool:
        """Whether longer words starting with it count: never for one- or two-letter
        words (``ae`` for A&E must not find every word starting with "ae")."""
        return len(self.text) >= MIN_PREFIX and not self.text.isdigit()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.text, *self.stems)


@dataclass(frozen=True)
class Concept:
    """What one part of the query means: matched by any one of its alternatives, each a
    group of words that must all be found."""

    alternatives: tuple[tuple[Word, ...], ...]
    # The words of the query it stands for, as typed.
    label: str = ""

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(dict.fromkeys(word for group in self.alternatives for word in group))

    @property
    def expanded(self) -> bool:
        return len(self.alternatives) > 1


def _languages(language: str) -> tuple[str, ...]:
    """Stem in the language searched and the default one (its documents stand in for
    untranslated pages, and many terms are shared)."""
    return tuple(dict.fromkeys((language or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE)))


def _word(text: str, language: str) -> Word:
    return Word(text, stems(text, _languages(language)))


def _key(words, language: str) -> tuple[str, ...]:
    return tuple(stem(word, language) for word in words)


def _load_sets() -> list[tuple[str, list[list[str]]]]:
    """Every synonym set as (language, [content words of each term])."""
    sets = []
    for synonym_set in SynonymSet.objects.all():
        language = synonym_set.language
        terms = [content_words(tokens(term), language) for term in synonym_set.term_list()]
        terms = [term for term in terms if term]
        if len(terms) > 1:
            sets.append((language, terms))
    return sets


def synonym_sets() -> list[tuple[str, list[list[str]]]]:
    sets = cache.get(CACHE_KEY)
    if sets is None:
        sets = _load_sets()
        cache.set(CACHE_KEY, sets, CACHE_SECONDS)
    return sets


def synonym_rules() -> list[str]:
    """The synonym sets as rules for a cluster's ``synonym_graph`` filter (Solr's format,
    ``"ae, accident and emergency, emergency department"``), each term written in its words
    as :func:`~search.analysis.tokens` reads them (``A&E`` as ``ae``, no punctuation, so no
    term can break the format). Every set, whatever its language: an index's analyser does
    not know the language searched (the hub's own requests apply a language's sets only to
    it)."""
    rules = []
    for synonym_set in SynonymSet.objects.order_by("terms", "pk"):
        terms = [" ".join(tokens(term)) for term in synonym_set.term_list()]
        terms = list(dict.fromkeys(term for term in terms if term))
        if len(terms) > 1:
            rules.append(", ".join(terms))
    return rules


def forget_synonyms(**kwargs) -> None:
    """A set changed: read them again on the next search."""
    cache.delete(CACHE_KEY)


def _table(language: str) -> dict[tuple[str, ...], list[list[str]]]:
    """Synonym terms that apply to a search in ``language``, keyed by their stems: sets for
    every language are keyed in the default language's stems, a language's own in its."""
    table: dict[tuple[str, ...], list[list[str]]] = {}
    for set_language, terms in synonym_sets():
        if set_language not in ("", language):
            continue
        key_language = set_language or settings.LANGUAGE_CODE
        for term in terms:
            alternatives = table.setdefault(_key(term, key_language), [])
            alternatives.extend(other for other in terms if other not in alternatives)
    return table


def understand(text: str, language: str = "", limit: int = MAX_TERMS) -> list[Concept]:
    """The concepts of a query, in the order typed (at most ``limit``)."""
    language = language or settings.LANGUAGE_CODE
    words = list(dict.fromkeys(content_words(tokens(text), language)))[: limit * 2]
    # Kept with the page cache's parts: synonym sets are watched, so an edit starts anew.
    table = {}
    if words:
        table = page_cache.remember(("synonym-table", language), lambda: _table(language))
    key_languages = tuple(dict.fromkeys((language, settings.LANGUAGE_CODE)))
    concepts, position = [], 0
    while position < len(words) and len(concepts) < limit:
        found = None
        for length in range(min(MAX_TERM_WORDS, len(words) - position), 0, -1):
            span = words[position : position + length]
            for key_language in key_languages:
                if (alternatives := table.get(_key(span, key_language))) is not None:
                    found = (span, alternatives)
                    break
            if found:
                break
        if found:
            span, alternatives = found
            groups = [span, *(term for term in alternatives if term != span)]
            concepts.append(
                Concept(
                    tuple(tuple(_word(w, language) for w in group) for group in groups),
                    label=" ".join(span),
                )
            )
            position += len(span)
        else:
            word = words[position]
            concepts.append(Concept(((_word(word, language),),), label=word))
            position += 1
    return concepts


def highlight_words(concepts: list[Concept]) -> list[str]:
    """Words to mark in snippets: every alternative's words, and their longer stems."""
    found = []
    for concept in concepts:
        for word in concept.words:
            found.append(word.text)
            found.extend(s for s in word.stems if len(s) > MIN_PREFIX)
    return list(dict.fromkeys(found))
