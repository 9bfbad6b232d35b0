"""How text becomes search words, the same way for the documents and for the queries.

- :func:`tokens`: the words of a text, lower case, Unicode-normalised; ``A&E``, ``Q&A`` and
  ``R&D`` stay one word (written ``ae``, ``qa``, ``rd``), so they never turn into single
  letters that match everything;
- :func:`stem`: the word's stem in a language, by the Snowball stemmers (English and Polish),
  so ``preventing`` and ``prevention``, ``upadkom`` and ``upadki`` meet; Urdu is normalised
  (letter variants and vowel marks) rather than stemmed;
- :data:`STOP_WORDS`: words that say nothing about what is wanted, per language;
- :func:`index_terms`: what a document adds to the index beyond its own words: the stems
  that differ from the words, and the joined ``A&E``-style words.

Engines match a query word as typed (as a prefix from three letters) or by any of its stems
(exactly), so a stem never needs to be a prefix of the word it came from (``studi``).
"""

import re
import unicodedata
from functools import lru_cache

from django.conf import settings

import snowballstemmer

MIN_PREFIX = 3
# Stemmers by language code (settings.LANGUAGES); other languages are only normalised.
STEMMERS = {"en": "english", "pl": "polish"}

_TOKEN = re.compile(r"[^\W_]+(?:&[^\W_]+)*", re.UNICODE)
# Urdu written with Arabic code points, and vowel marks, which people rarely type.
_URDU_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",
                               "\u0647": "\u06c1", "\u0629": "\u06c3", "\u200c": None,
                               "\u200d": None})  # fmt: skip
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
# "Parkinson's", "carer's": the possessive says nothing and would leave a stray "s".
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")

STOP_WORDS = {
    "en": frozenset(
        {
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does",
        "doing", "for", "from", "get", "got", "had", "has", "have", "having", "he", "her",
        "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me",
        "more", "most", "my", "no", "not", "of", "on", "or", "our", "out", "over", "own",
        "please", "she", "should", "so", "some", "such", "than", "that", "the", "their",
        "them", "then", "there", "these", "they", "this", "those", "through", "to", "too",
        "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while",
        "who", "whom", "why", "will", "with", "would", "you", "your", "find", "looking",
        "need", "want", "someone", "anyone", "anything", "something",
        }
    ),
    "pl": frozenset(
        {
        "a", "aby", "ale", "albo", "bez", "by", "być", "czy", "dla", "do", "gdy", "gdzie", "i",
        "ich", "im", "jak", "jaki", "jakie", "jest", "jestem", "już", "ja", "je", "jej", "ten",
        "ta", "to", "te", "tego", "tej", "tym", "ku", "lub", "ma", "mam", "mi", "mnie", "może",
        "na", "nad", "nie", "o", "od", "po", "pod", "przez", "przy", "się", "są", "tak",
        "także", "też", "tu", "w", "we", "więc", "z", "za", "ze", "że", "który", "która",
        "które", "czym", "co", "oraz", "szukam", "szukać", "potrzebuję", "chcę",
        }
    ),
}  # fmt: skip


def normalise(text: str) -> str:
    """Lower case, composed characters, Urdu letter variants folded, vowel marks dropped."""
    text = unicodedata.normalize("NFC", (text or "").casefold())
    return _POSSESSIVE.sub("", _MARKS.sub("", text.translate(_URDU_LETTERS)))


def tokens(text: str) -> list[str]:
    """Every word of ``text`` in order (repeats kept), ``A&E`` as ``ae``."""
    return [token.replace("&", "") for token in _TOKEN.findall(normalise(text))]


def is_stop_word(word: str, language: str = "") -> bool:
    languages = (language,) if language in STOP_WORDS else ()
    return any(word in STOP_WORDS[code] for code in (*languages, settings.LANGUAGE_CODE))


def content_words(words: list[str], language: str = "") -> list[str]:
    """``words`` without stop words, unless that is all there is."""
    kept = [word for word in words if not is_stop_word(word, language)]
    return kept or words


@lru_cache(maxsize=8)
def _stemmer(language: str):
    algorithm = STEMMERS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=50_000)
def stem(word: str, language: str) -> str:
    """The stem of one normalised word in ``language`` (the word itself where the language
    has no stemmer, for numbers and for words shorter than four letters)."""
    stemmer = _stemmer(language)
    if stemmer is None or len(word) < 4 or word.isdigit():
        return word
    return stemmer.stemWord(word)


def stems(word: str, languages) -> tuple[str, ...]:
    """The word's stems in each of ``languages`` that differ from the word itself."""
    return tuple(dict.fromkeys(s for language in languages if (s := stem(word, language)) != word))


def index_terms(text: str, languages) -> str:
    """What a document's text adds to the index: each stem (in each of ``languages``) that
    differs from its word, and each joined word such as ``ae`` for ``A&E`` (the index would
    split it otherwise)."""
    found = []
    for token, raw in zip(tokens(text), _TOKEN.findall(normalise(text)), strict=True):
        if "&" in raw:
            found.append(token)
        if not is_stop_word(token, languages[0]):
            found.extend(stems(token, languages))
    return " ".join(dict.fromkeys(found))


# --- the same on Elasticsearch and OpenSearch ------------------------------------------------

# Letters and digits on both sides: "A&E" is one word, "ae", as tokens() makes it.
_JOINED_WORDS = r"(?<=[\p{L}\p{N}])&(?=[\p{L}\p{N}])"
_TEXT_CHAR_FILTERS = ["hub_joined_words", "hub_urdu_letters", "hub_dropped_marks"]


def _java(text: str) -> str:
    """A regular expression with its non-ASCII characters as Java's ``\\uXXXX`` escapes."""
    return "".join(f"\\u{ord(char):04x}" if ord(char) > 127 else char for char in text)


def _urdu_mappings() -> list[str]:
    """``_URDU_LETTERS``' letter foldings as the rules of a ``mapping`` character filter."""
    return [
        f"\\u{code:04x}=>\\u{ord(target):04x}"
        for code, target in sorted(_URDU_LETTERS.items())
        if target
    ]


def _dropped() -> str:
    """Vowel marks and the joiners ``_URDU_LETTERS`` drops, as one Java character class."""
    dropped = "".join(chr(code) for code, target in sorted(_URDU_LETTERS.items()) if not target)
    return _java(_MARKS.pattern[:-1] + dropped + "]")


def cluster_index_settings(*, polish_stemmer: bool = False, synonyms=()) -> dict:
    """Index settings for Wagtail's Elasticsearch and OpenSearch backends (their
    ``INDEX_SETTINGS``, merged into Wagtail's own): the analysis a cluster gives every text
    field that does not name another analyser (the index's ``default`` analyser, and its
    ``default_search`` one for queries), as close to this module's as a cluster allows.

    - before words are split: ``A&E`` joined into ``AE``, Urdu letter variants folded,
      vowel marks and joiners dropped (the tables :func:`normalise` uses);
    - Lucene's standard tokenizer, lower case, possessive ``'s`` dropped;
    - English stems: the ``porter2`` stemmer, the Snowball English stemmer that
      :func:`stem` uses, so ``prevention`` and ``preventing`` meet on a cluster as they do
      on the database;
    - ``polish_stemmer``: the Polish stems too, by the ``polish_stem`` filter of the
      analysis-stempel plugin (which the cluster must have, or creating the index fails).
      A ``multiplexer`` gives each word as written, its English stem and its Polish stem,
      at the same position, so text in either language finds its stems (the documents are
      in both, in one index);
    - ``synonyms``: rules for a ``synonym_graph`` filter in the search analyser only (a
      query word finds documents using any term of its set; the index itself never
      changes with the synonyms). With English stems only, it comes after the stemmer, so
      its rules are stemmed as queries are ("pressure sores" meets "pressure sore"); Lucene
      cannot read synonym rules through a ``multiplexer``, so with Polish stems it comes
      before them and matches words as written (lower case).

    The hub's own requests expand synonyms themselves (``search.queries``), so the index's
    synonyms serve what reaches the cluster unexpanded: Wagtail's admin search, the phrase
    boosts. ``update_index`` passes the synonym sets (``search.queries.synonym_rules``).
    """
    filters = {
        "hub_possessive": {"type": "stemmer", "language": "possessive_english"},
        "hub_english_stemmer": {"type": "stemmer", "language": "porter2"},
    }
    if polish_stemmer:
        filters["hub_polish_stemmer"] = {"type": "polish_stem"}
        filters["hub_stems"] = {
            "type": "multiplexer",
            "filters": ["hub_english_stemmer", "hub_polish_stemmer"],
            "preserve_original": True,
        }
        stems = ["hub_stems"]
    else:
        stems = ["hub_english_stemmer"]
    words = ["lowercase", "hub_possessive"]
    index_chain = [*words, *stems]
    search_chain = index_chain
    if synonyms:
        filters["hub_synonyms"] = {
            "type": "synonym_graph",
            # A rule that analyses to nothing is skipped rather than failing the index.
            "lenient": True,
            "synonyms": list(synonyms),
        }
        if polish_stemmer:
            search_chain = [*words, "hub_synonyms", *stems]
        else:
            search_chain = [*index_chain, "hub_synonyms"]

    def analyzer(chain):
        return {
            "type": "custom",
            "char_filter": list(_TEXT_CHAR_FILTERS),
            "tokenizer": "standard",
            "filter": chain,
        }

    return {
        "settings": {
            "analysis": {
                "char_filter": {
                    "hub_joined_words": {
                        "type": "pattern_replace",
                        "pattern": _JOINED_WORDS,
                        "replacement": "",
                    },
                    "hub_urdu_letters": {"type": "mapping", "mappings": _urdu_mappings()},
                    "hub_dropped_marks": {
                        "type": "pattern_replace",
                        "pattern": _dropped(),
                        "replacement": "",
                    },
                },
                "filter": filters,
                "analyzer": {
                    "default": analyzer(index_chain),
                    "default_search": analyzer(search_chain),
                },
            }
        }
    }
