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
