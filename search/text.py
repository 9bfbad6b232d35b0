"""Query text handling shared by every backend: words, plural forms, spelling, highlighting."""

import difflib
import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import content_words, tokens

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_WORDS = 40

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def clean_query(text: str) -> str:
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def terms(query: str, limit: int = MAX_TERMS) -> list[str]:
    """The words of a query, lower case, without repeats or stop words (unless that is all
    there is); ``A&E`` as one word, ``ae``."""
    return list(dict.fromkeys(content_words(tokens(query))))[:limit]


def phrase_words(query: str) -> tuple[str, ...]:
    """Every word of a query in the order typed: what an exact phrase match compares."""
    return tuple(word.lower() for word in _WORD.findall(query or ""))[:MAX_TERMS]


def variants(term: str) -> list[str]:
    """Prefixes that find ``term`` and its singular or plural: ``ulcers`` → ``ulcer``,
    ``studies`` → ``studies`` and ``study``, ``study`` → ``study`` and ``studies``."""
    forms = {term}
    if len(term) > 3:
        if term.endswith("ies"):
            forms.add(term[:-3] + "y")
        elif term.endswith("es") and term[:-2].endswith(("s", "x", "z", "ch", "sh")):
            forms.add(term[:-2])
        elif term.endswith("s") and not term.endswith(("ss", "us", "is")):
            forms.add(term[:-1])
        elif term.endswith("y") and term[-2] not in "aeiou":
            forms.add(term[:-1] + "ies")
    # A form that starts with another adds nothing to a prefix search.
    return sorted(
        form
        for form in forms
        if not any(other != form and form.startswith(other) for other in forms)
    )


def closest_word(term: str, vocabulary: list[str]) -> str | None:
    matches = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.75)
    return matches[0] if matches else None


@lru_cache(maxsize=256)
def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """The words' matcher, made once per set of words (each hit of a search asks again)."""
    prefixes = sorted({form for word in words for form in variants(word)}, key=len, reverse=True)
    if not prefixes:
        return None
    return re.compile(
        r"(?<!\w)(" + "|".join(re.escape(prefix) for prefix in prefixes) + r")\w*",
        re.IGNORECASE | re.UNICODE,
    )


def mentions(text: str, words: list[str]) -> bool:
    pattern = _pattern(tuple(words))
    return bool(pattern and pattern.search(text or ""))


def highlight(text: str, words: list[str], *, max_words: int = SNIPPET_WORDS) -> SafeString:
    """An escaped extract of ``text`` around the first matched word, matches in ``<mark>``."""
    text = " ".join((text or "").split())
    pattern = _pattern(tuple(words))
    tokens = text.split(" ")
    start = 0
    if pattern:
        first = next((i for i, token in enumerate(tokens) if pattern.search(token)), None)
        if first is not None and first > max_words // 3:
            start = first - max_words // 3
    extract = " ".join(tokens[start : start + max_words])
    prefix = "… " if start else ""
    suffix = " …" if start + max_words < len(tokens) else ""
    if not pattern:
        return mark_safe(prefix + escape(extract) + suffix)  # noqa: S308 - escaped
    parts, position = [], 0
    for match in pattern.finditer(extract):
        parts.append(escape(extract[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(extract[position:]))
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part escaped
