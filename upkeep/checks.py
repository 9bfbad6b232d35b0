"""The hub's editor checks, on a page's own content (not the site's frame around it).

The same rules are given to Wagtail's built-in accessibility checker (axe, in the userbar
and the editor's checks panel: ``wagtail_hooks.HubAccessibilityItem``), which runs them in
the editor's browser on the preview. This module runs them on the server too, so the
content health report can count failures across every page, and the editor panel and the
moderator reviewing a page see them without running anything:

- headings in order (no level skipped; the page title is the only h1) and none empty;
- every image has alt text, and it means something (not a file name, not "image");
- no link says only "click here", "here", "read more" or "more";
- every table has header cells.

Charts need no rule here: the hub draws every chart itself (``pages/charts.py``) with a
written summary and its data as a table; the axe rules ``svg-img-alt`` and ``role-img-alt``
catch any other graphic without a text alternative.

And plain-English hints (not failures): the reading age of the text (Flesch-Kincaid grade,
plus 5 years) and sentences longer than 25 words.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import expand_db_html

VAGUE_LINK_TEXT = {"click here", "here", "read more", "more", "click", "link", "this link"}
VAGUE_ALT_TEXT = {"image", "picture", "photo", "graphic", "img", "logo"}
FILE_NAME = re.compile(r"\.(avif|gif|jpe?g|png|svg|webp)$|^[\w-]*_[\w-]*$|^IMG[\s_-]?\d+", re.I)
LONG_SENTENCE_WORDS = 25
# Reading age above which a hint is shown: the NHS aims for a reading age of 9 to 11.
HIGH_READING_AGE = 14
MAX_READING_AGE = 21  # beyond this the formula says nothing more useful

RULES = {
    "heading-order": _("Headings skip a level"),
    "empty-heading": _("Empty heading"),
    "image-alt": _("Image without alt text"),
    "alt-text-quality": _("Alt text does not describe the image"),
    "link-text": _("Link text does not say where it goes"),
    "table-headers": _("Table without header cells"),
}


@dataclass(frozen=True)
class Issue:
    rule: str
    detail: str = ""

    @property
    def message(self) -> str:
        return str(RULES[self.rule])

    def as_dict(self) -> dict:
        return {"rule": self.rule, "detail": self.detail}


class _Walker(HTMLParser):
    HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

    def __init__(self, level: int = 1):
        super().__init__(convert_charrefs=True)
        self.issues: list[Issue] = []
        self.level = level  # the heading the content sits under
        self.heading: list[str] | None = None
        self.link: list[str] | None = None
        self.tables: list[bool] = []  # one per open table: has it a th?
        self.text: list[str] = []
        self.hidden = 0  # inside script or style: not text anyone reads

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in self.HEADINGS:
            level = self.HEADINGS[tag]
            if level > self.level + 1 or level == 1:
                self.issues.append(Issue("heading-order", f"h{self.level} → {tag}"))
            self.level = level
            self.heading = []
        elif tag == "img":
            alt = attrs.get("alt")
            if alt is None:
                self.issues.append(Issue("image-alt", attrs.get("src", "")[:100]))
            elif alt.strip() and (
                alt.strip().lower() in VAGUE_ALT_TEXT or FILE_NAME.search(alt.strip())
            ):
                self.issues.append(Issue("alt-text-quality", alt[:100]))
        elif tag == "a":
            self.link = []
        elif tag == "table":
            self.tables.append(False)
        elif tag == "th" and self.tables:
            self.tables[-1] = True
        elif tag in ("p", "li", "br", "td", "th"):
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden = max(self.hidden - 1, 0)
        elif tag in self.HEADINGS and self.heading is not None:
            if not "".join(self.heading).strip():
                self.issues.append(Issue("empty-heading", tag))
            self.heading = None
        elif tag == "a" and self.link is not None:
            text = " ".join("".join(self.link).split()).strip(" .:!").lower()
            if text in VAGUE_LINK_TEXT:
                self.issues.append(Issue("link-text", text))
            self.link = None
        elif tag == "table" and self.tables and not self.tables.pop():
            self.issues.append(Issue("table-headers"))
        elif tag == "p":
            self.text.append("\n")

    def handle_data(self, data):
        if self.hidden:
            return
        for collector in (self.heading, self.link):
            if collector is not None:
                collector.append(data)
        if self.heading is None:
            self.text.append(data)


def field_html(page) -> list[str]:
    """The HTML of each of ``page``'s rich text and StreamFields, as readers get it."""
    parts = []
    for model_field in page._meta.get_fields():
        if isinstance(model_field, RichTextField):
            parts.append(expand_db_html(getattr(page, model_field.name) or ""))
        elif isinstance(model_field, StreamField):
            parts.append(str(getattr(page, model_field.name).render_as_block()))
    return parts


def content_html(page) -> str:
    return "\n".join(field_html(page))


def _walk(html: str, level: int = 1) -> _Walker:
    walker = _Walker(level)
    walker.feed(html)
    walker.close()
    return walker


def check_html(html: str, *, level: int = 1) -> list[Issue]:
    """The failures in ``html``, placed under a heading of ``level`` (1: the page title)."""
    return _walk(html, level).issues


def check_page(page) -> list[Issue]:
    """Every failure of the hub's rules in ``page`` (a specific page, live or draft). Each
    field is checked on its own, under the h2 the page's template gives it (a case study's
    "The problem"), so it may start at h2 or h3."""
    issues = [issue for html in field_html(page) for issue in check_html(html, level=2)]
    if getattr(page, "main_image_id", None) and not (page.main_image_alt or "").strip():
        issues.append(Issue("image-alt", str(page.main_image)))
    return issues


# --- Plain English ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


@dataclass
class Readability:
    words: int = 0
    sentences: int = 0
    reading_age: int | None = None
    long_sentences: list[str] = field(default_factory=list)

    @property
    def hard_to_read(self) -> bool:
        return self.reading_age is not None and self.reading_age > HIGH_READING_AGE


def readability(text: str) -> Readability:
    """Reading age (Flesch-Kincaid grade + 5) and the sentences over 25 words, of English
    text. Other languages get no reading age: the formula is for English."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if _WORD.search(s or "")]
    words = [w for s in sentences for w in _WORD.findall(s)]
    result = Readability(words=len(words), sentences=len(sentences))
    if len(words) < 30:
        return result  # too little text for the formula to mean anything
    syllables = sum(_syllables(word) for word in words)
    grade = 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59
    result.reading_age = min(max(round(grade + 5), 5), MAX_READING_AGE)
    result.long_sentences = [s for s in sentences if len(_WORD.findall(s)) > LONG_SENTENCE_WORDS][
        :5
    ]
    return result


def page_readability(page) -> Readability:
    return readability("".join(_walk(content_html(page)).text))
