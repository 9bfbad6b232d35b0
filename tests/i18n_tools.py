"""Tools for the translation tests: a pseudo-locale, a check for visible English, and a
walk through every public journey.

The pseudo-locale is the committed Polish catalogue with every translation replaced by the
English text with a combining dot above each letter ("Sėȧṙċḣ"). Rendered under it, text that
went through gettext holds no run of two plain ASCII letters; text that did not (a string
nobody marked, or one missing from the catalogue) does. Text that comes from the database
(page content, names typed into a form) is English by design and is allowed.
"""

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

import polib
from asgiref.local import Local

DOT = "\u0307"
# What must survive the transform untouched: printf and format placeholders, tags, entities.
_KEEP = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[a-z_]+\}|<[^>]*>|&[a-z]+;|&#\d+;")


def pseudo(text: str) -> str:
    out, last = [], 0
    for match in _KEEP.finditer(text):
        out.append(_dot(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_dot(text[last:]))
    return "".join(out)


def _dot(text: str) -> str:
    return "".join(f"{char}{DOT}" if char.isascii() and char.isalpha() else char for char in text)


def build_pseudo_locale(source_po: Path, folder: Path, language: str = "pl") -> Path:
    """Write ``folder/<language>/LC_MESSAGES/django.mo``: ``source_po``'s entries, each
    translated into pseudo-English. Returns ``folder`` (for ``LOCALE_PATHS``)."""
    catalogue = polib.pofile(str(source_po))
    for entry in catalogue:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if entry.msgid_plural:
            plural = pseudo(entry.msgid_plural)
            entry.msgstr_plural = {
                index: pseudo(entry.msgid) if index == 0 else plural
                for index in range(max(len(entry.msgstr_plural), 3))
            }
        else:
            entry.msgstr = pseudo(entry.msgid)
    target = folder / language / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    catalogue.save_as_mofile(str(target / "django.mo"))
    return folder


def reset_translation_cache():
    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()


# What is visible ---------------------------------------------------------------------

VISIBLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "aria-description")
SKIPPED_ELEMENTS = {"script", "style", "template"}


VOID_ELEMENTS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _VisibleText(HTMLParser):
    """Visible text in the page's own language: text inside an element marked with another
    ``lang`` (the language switcher's "English", an untranslated passage) is skipped, since
    it is meant to be in that language."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0
        self._langs: list[tuple[str, str | None]] = []  # (tag, lang) of open elements

    def _language(self):
        for _tag, lang in reversed(self._langs):
            if lang:
                return lang
        return None

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self._skip += 1
        if tag not in VOID_ELEMENTS:
            self._langs.append((tag, dict(attrs).get("lang")))
        if self._foreign():
            return
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self.texts.append(value)
            if tag == "input" and name == "value" and dict(attrs).get("type") == "submit":
                self.texts.append(value or "")

    def _foreign(self) -> bool:
        document = self._langs[0][1] if self._langs else None
        return document is not None and self._language() != document

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self._skip:
            self._skip -= 1
        for index in range(len(self._langs) - 1, -1, -1):
            if self._langs[index][0] == tag:
                del self._langs[index:]
                break

    def handle_data(self, data):
        if not self._skip and data.strip() and not self._foreign():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.texts]


# Runs of plain English: two or more ASCII letters, with the spaces and punctuation between.
_ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’.,:;()/&+-]*(?:\s+[A-Za-z0-9'’.,:;()/&+-]+)*")
# Names and abbreviations that read the same in every language.
ALWAYS_ALLOWED = {"NHS", "PDSA", "QI", "SPC", "XmR", "Core20PLUS5", "PSIRF", "ICS", "PCN", "URL"}


def database_text() -> str:
    """Every text value stored by the project's and Wagtail's models, one per line: what a
    page may show in English without anyone having forgotten to mark it."""
    values: list[str] = []
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
            or field.get_internal_type() == "StreamField"
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if value in (None, ""):
                    continue
                if not isinstance(value, str):
                    value = json.dumps(value, ensure_ascii=False)
                values.append(unescape(re.sub(r"<[^>]+>", "\n", unescape(value))))
    languages = [info["name_local"] for info in LANG_INFO.values() if "name_local" in info]
    return "\n".join([*values, *month_names(), *languages, *language_names(), *TYPED])


def language_names() -> list[str]:
    """Language names in the active language ("angielski"), from Django's own catalogue
    (a search result in another language is labelled with one)."""
    from django.conf import settings

    names = [
        str(translation.get_language_info(code)["name_translated"])
        for code, _ in settings.LANGUAGES
    ]
    return [*names, *(name.capitalize() for name in names)]


def month_names() -> list[str]:
    """Month names in the active language: dates are formatted by Django's own catalogue."""
    from django.utils import dates

    names = []
    for table in (dates.MONTHS, dates.MONTHS_3, dates.MONTHS_AP, dates.MONTHS_ALT):
        names.extend(str(name) for name in table.values())
    return [*names, *(name.capitalize() for name in names)]


def english_runs(text: str, allowed: str) -> list[str]:
    """The plain-English runs in ``text`` that are not in ``allowed`` (database text)."""
    found = []
    text = re.sub(f"[A-Za-z]{DOT}", "\u00b7", text)  # translated letters are not English
    for match in _ENGLISH_RUN.finditer(text):
        run = match.group(0).strip(" .,:;()/&+-'’")
        run = re.sub(r"^[\d\s.,:;/-]+|[\d\s.,:;/-]+$", "", run)  # "Kwi 2024": a date
        words = re.findall(r"[A-Za-z]{2,}", run)
        if not words or all(word in ALWAYS_ALLOWED for word in words):
            continue
        if run in allowed or " ".join(run.split()) in allowed:
            continue
        # A value from the database next to punctuation the template adds ("Ward 7,").
        if all(part.strip() in allowed for part in re.split(r"[,:;()]", run) if part.strip()):
            continue
        found.append(run)
    return found


# The public journeys ------------------------------------------------------------------

# What the walk types into search boxes: shown back to the visitor as typed.
TYPED = ("falls", "zzzz", "zzzqqxx")


def localized_reverse(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def public_journeys(client, language: str):
    """Yield ``(label, html)`` for every public page a visitor sees in ``language``: home,
    listings, a case study, each step of the idea form (with an error state), check
    answers, confirmation, save for later, the status page, the directory, a coach, the
    contact form (with errors), search with and without results, and the 404 page.

    Needs ``demo.seed.seed()`` content, with ``language`` translations."""
    from directory.models import CoachProfile
    from pages.models import (
        CaseStudyIndexPage,
        CaseStudyPage,
        PartnerIndexPage,
        ResourceIndexPage,
        TrainingIndexPage,
    )
    from submissions.portal.steps import STEPS
    from tests.submissions.conftest import valid_answers

    def get(label, url, status=200):
        response = client.get(url)
        assert response.status_code == status, (label, url, response.status_code)
        return label, response.content.decode()

    def post(label, url, data, status=200):
        response = client.post(url, data)
        assert response.status_code == status, (label, url, response.status_code)
        return label, response.content.decode()

    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    yield get("home", f"{prefix}/")
    for model in (CaseStudyIndexPage, ResourceIndexPage, TrainingIndexPage, PartnerIndexPage):
        index = model.objects.filter(locale__language_code=language).first()
        if index:
            yield get(f"listing {model.__name__}", index.get_url())
            yield get(f"listing {model.__name__} filtered", index.get_url() + "?q=falls&page=1")
    case_study = CaseStudyPage.objects.filter(
        locale__language_code=language, slug="halving-inpatient-falls"
    ).first()
    assert case_study, f"the demo has no {language} case study"
    yield get("case study", case_study.get_url())
    yield get("case study: adopt", case_study.get_url() + "adopt/")
    yield post("case study: adopt errors", case_study.get_url() + "adopt/", {})

    # The idea form, every step, then an error on the first one.
    yield get("idea: start", localized_reverse("submissions:start", language))
    answers = valid_answers()
    for step in STEPS:
        url = localized_reverse(step.url_name, language)
        yield get(f"idea: {step.slug}", url)
        response = client.post(url, answers[step.slug])
        assert response.status_code == 302, (step.slug, response.content.decode()[:2000])
    about_you = localized_reverse("submissions:about-you", language)
    yield post(
        "idea: about-you errors",
        about_you,
        {"submitter_name": "", "submitter_email": "not-an-email", "submitter_type": ""},
    )
    client.post(about_you, answers["about-you"])
    save = localized_reverse("submissions:save", language)
    yield get("idea: save for later", save)
    yield post("idea: save for later errors", save, {"email": "nope"})
    check = localized_reverse("submissions:check", language)
    yield get("idea: check answers", check)
    response = client.post(check)
    assert response.status_code == 302, response.content.decode()[:2000]
    label, confirmation = get("idea: confirmation", response["Location"])
    yield label, confirmation
    status = re.search(r'href="([^"]*/submit-an-idea/status/[^"]+)"', confirmation)
    assert status, "no status link on the confirmation page"
    yield get("idea: status", status.group(1))

    coach = CoachProfile.objects.filter(slug="hannah-lowe").first() or (
        CoachProfile.objects.first()
    )
    yield get("directory", localized_reverse("directory:index", language))
    yield get("directory filtered", localized_reverse("directory:index", language) + "?q=zzzz")
    yield get("coach", localized_reverse("directory:profile", language, coach.slug))
    contact = localized_reverse("directory:contact", language, coach.slug)
    yield get("contact", contact)
    yield post("contact errors", contact, {"email": "not-an-email"})

    search = localized_reverse("search", language)
    yield get("search: empty", search)
    yield get("search: results", search + "?q=falls")
    yield get("search: no results", search + "?q=zzzqqxx")
    yield get("404", f"{prefix}/no-such-page/", status=404)
