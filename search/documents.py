"""What goes into the public search index, and keeping it right.

:data:`SOURCES` is the one list of what is searchable: each page type or model, the kind of
result it gives, and how its facet values are read. :func:`sync` writes or removes the
:class:`~search.models.SearchDocument` of one item, depending only on whether the public may
see it now (live, no view restriction, a registered type); the signal handlers in
``search.signals`` call it whenever that can change, and :func:`rebuild` recreates every
document (``manage.py update_index``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import dates, timezone, translation

from wagtail.models import Page
from wagtail.search import index

from directory.listings import live_profiles
from hub.models import QIMethod
from pages.models import PartnerPage

from .analysis import STEMMERS, index_terms, is_stop_word, tokens
from .enums import Kind
from .models import TRANSLATED_TAG, SearchDocument, SearchDocumentTag, SearchTerm

MAX_BODY_LENGTH = 20_000
MAX_TERM_LENGTH = 64
# Fields a page's summary or title come from: everything else searchable is its body text.
_HEADLINE_FIELDS = {"title", "summary", "listing_summary", "search_description"}


@dataclass
class DocumentData:
    kind: str
    language: str
    title: str
    summary: str
    body: str
    url: str
    organisation: str = ""
    date: object = None
    keywords: list[str] = field(default_factory=list)
    tags: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """A searchable model: the kind of result it gives and how to describe one item."""

    model_label: str  # "app_label.ModelName"
    kind: Kind
    describe: Callable[[object], DocumentData]

    @property
    def model(self):
        return apps.get_model(self.model_label)


# --- pages -----------------------------------------------------------------------------------


def _names(objects: Iterable) -> list[str]:
    return [obj.name for obj in objects if obj is not None]


def _slugs(objects: Iterable) -> list[str]:
    return [obj.slug for obj in objects if obj is not None]


def _text(value) -> str:
    """Plain text of a field value (rich text and StreamFields give theirs through Wagtail's
    ``get_searchable_content``, already without markup)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(item) for item in value)
    return str(value)


def _page_body(page) -> str:
    """The text of every searchable field of ``page`` except its title and summary."""
    parts = []
    for search_field in page.get_search_fields():
        if type(search_field) is index.SearchField and (
            search_field.field_name not in _HEADLINE_FIELDS
        ):
            parts.append(_text(search_field.get_value(page)))
    return " ".join(part for part in parts if part)[:MAX_BODY_LENGTH]


def _section_organisation(page):
    """The organisation whose partner section holds ``page``, if any."""
    section = PartnerPage.objects.ancestor_of(page).select_related("organisation").first()
    return section.organisation if section else None


def _related(page, name) -> list:
    manager = getattr(page, name, None)
    return list(manager.all()) if manager is not None else []


def _page_organisations(page) -> list:
    if hasattr(page, "organisations"):
        organisations = _related(page, "organisations")
    else:
        single = next(
            (
                getattr(page, name)
                for name in ("organisation", "organiser")
                if getattr(page, f"{name}_id", None)
            ),
            None,
        )
        organisations = [single] if single else []
    return organisations or [org for org in [_section_organisation(page)] if org]


def _translated_languages(page) -> list[str]:
    """The languages a default-language page has a public translation in (none for a page
    in another language: only the default language stands in for missing translations)."""
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return []
    return list(
        public_pages()
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .values_list("locale__language_code", flat=True)
    )


def describe_page(page, kind: Kind) -> DocumentData:
    organisations = _page_organisations(page)
    priorities = _related(page, "priorities")
    methods = _related(page, "methods")
    topics = _related(page, "topics")
    places = _related(page, "places")
    date = (
        getattr(page, "start", None) or page.first_published_at or page.latest_revision_created_at
    )
    extra = []
    if start := getattr(page, "start", None):
        # Events are looked for by when they are ("training in March", "marzec").
        extra += date_words(start)
    if getattr(page, "event_type", ""):
        extra += in_every_language(page.get_event_type_display)
    return DocumentData(
        kind=kind,
        language=page.locale.language_code,
        title=page.title,
        summary=_text(getattr(page, "teaser", "") or page.search_description),
        body=_page_body(page),
        url=page.get_url() or "",
        organisation=organisations[0].name if organisations else "",
        date=date,
        keywords=_organisation_names(organisations)
        + _names(priorities)
        + _names(methods)
        + _names(places)
        + _names(topics)
        + in_every_language(lambda: Kind(kind).label)
        + extra,
        tags={
            "organisation": _slugs(organisations),
            "place": _slugs(places),
            "priority": _slugs(priorities),
            "method": _slugs(methods),
            "topic": _slugs(topics),
            TRANSLATED_TAG: _translated_languages(page),
        },
    )


def in_every_language(label) -> list[str]:
    """``label()`` (a translated name) in each of the hub's languages, so a visitor finds it
    in theirs."""
    names = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.append(str(label()))
    return list(dict.fromkeys(names))


def date_words(value) -> list[str]:
    """The month (in every language, and in Polish also as in "12 marca") and the year of
    a date, in the hub's time zone."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    month = local.month
    words = in_every_language(lambda: dates.MONTHS[month])
    words += in_every_language(lambda: dates.MONTHS_ALT[month])
    return [*dict.fromkeys(words), str(local.year)]


def _language_names(language) -> list[str]:
    """A spoken language by its name in the directory, in each of the hub's languages and
    in itself ("Urdu", "urdu", "اردو")."""
    names = [language.name]
    if info := LANG_INFO.get(language.code or ""):
        names += in_every_language(lambda: translation.gettext(info["name"]))
        names.append(info["name_local"])
    return list(dict.fromkeys(names))


def _organisation_names(organisations) -> list[str]:
    """Names and the abbreviations people use for them ("WUH", "RCPN")."""
    names = []
    for organisation in organisations:
        if organisation is not None:
            names.append(organisation.name)
            if organisation.abbreviations:
                names.append(organisation.abbreviations)
    return names


def _page_source(model_label: str, kind: Kind) -> Source:
    return Source(model_label, kind, lambda page: describe_page(page, kind))


# --- coach profiles --------------------------------------------------------------------------


def _method_slugs(skills) -> list[str]:
    """The QI methods a coach's skills count as: those the skill names, and a method with
    the skill's own slug."""
    slugs = _slugs(skills)
    named = [method.slug for skill in skills for method in skill.methods.all()]
    same = QIMethod.objects.filter(slug__in=slugs).values_list("slug", flat=True)
    return list(dict.fromkeys([*named, *same]))


def describe_coach(profile) -> DocumentData:
    """A coach's public profile: never their email address or account."""
    skills = list(profile.skills.all())
    priorities = list(profile.priorities.all())
    languages = list(profile.languages.all())
    offers = list(profile.offers.all())
    places = list(profile.places.all())
    organisation = profile.organisation
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("directory:profile", kwargs={"slug": profile.slug})
    return DocumentData(
        kind=Kind.COACH,
        language=settings.LANGUAGE_CODE,
        title=profile.display_name,
        summary=profile.role,
        body=" ".join([profile.bio, profile.area]),
        url=url,
        organisation=organisation.name if organisation else "",
        date=None,
        # What people look for a coach by: their organisation, skills, what they offer,
        # the languages they speak (named in every language), "coach" and "mentor".
        keywords=_organisation_names([organisation])
        + _names(skills)
        + _names(priorities)
        + _names(places)
        + [name for language in languages for name in _language_names(language)]
        + [word for offer in offers for word in in_every_language(offer.get_kind_display)]
        + in_every_language(lambda: Kind.COACH.label),
        tags={
            "organisation": _slugs([organisation]),
            "priority": _slugs(priorities),
            "place": _slugs(places),
            "method": _method_slugs(skills),
        },
    )


SOURCES = [
    _page_source("pages.CaseStudyPage", Kind.CASE_STUDY),
    _page_source("pages.ResourcePage", Kind.RESOURCE),
    _page_source("pages.EventPage", Kind.EVENT),
    _page_source("pages.StandardPage", Kind.PAGE),
    _page_source("pages.ProjectPage", Kind.PROJECT),
    _page_source("pages.PartnerPage", Kind.PAGE),
    _page_source("pages.PartnerIndexPage", Kind.PAGE),
    _page_source("pages.CaseStudyIndexPage", Kind.PAGE),
    _page_source("pages.ProjectIndexPage", Kind.PAGE),
    _page_source("pages.ResourceIndexPage", Kind.PAGE),
    _page_source("pages.TrainingIndexPage", Kind.PAGE),
    _page_source("pages.CollaborativeIndexPage", Kind.PAGE),
    _page_source("pages.CollaborativePage", Kind.PAGE),
    _page_source("pages.CollaborativeTeamPage", Kind.PAGE),
    Source("directory.CoachProfile", Kind.COACH, describe_coach),
]


def source_for(model) -> Source | None:
    return next((source for source in SOURCES if source.model is model), None)


def source_models() -> list:
    return [source.model for source in SOURCES]


# --- who may see it --------------------------------------------------------------------------


def public_pages():
    """Live pages anyone may see. Aliases (wagtail-localize's stand-ins for pages not yet
    translated, with the original's text) are left out: the original is found instead."""
    return Page.objects.live().public().filter(alias_of__isnull=True)


def public_coaches():
    return live_profiles()


def is_public(obj) -> bool:
    if isinstance(obj, Page):
        return (
            bool(obj.live) and obj.alias_of_id is None and public_pages().filter(pk=obj.pk).exists()
        )
    return bool(getattr(obj, "live", False)) and public_coaches().filter(pk=obj.pk).exists()


def _source_key(obj) -> tuple[int, int]:
    """Pages are keyed on the base page type, so a page's document is found from any of its
    classes (signals send the base class on some deletions)."""
    model = Page if isinstance(obj, Page) else type(obj)
    return ContentType.objects.get_for_model(model).pk, obj.pk


# --- writing documents -----------------------------------------------------------------------


def _terms(language: str, *texts: str) -> set[str]:
    return {
        word
        for text in texts
        for word in tokens(text)
        if 3 <= len(word) <= MAX_TERM_LENGTH
        and not word.isdigit()
        and not is_stop_word(word, language)
    }


def _document_terms(document: SearchDocument | None) -> set[str]:
    """The words of a document, for the vocabulary that tells known words from typos."""
    if document is None:
        return set()
    return _terms(
        document.language, document.title, document.summary, document.keywords, document.body
    )


def _count_terms(added: set[str], removed: set[str]) -> None:
    """Keep ``SearchTerm.documents`` in step; drop words no document uses."""
    if removed:
        SearchTerm.objects.filter(term__in=removed).update(documents=F("documents") - 1)
        SearchTerm.objects.filter(term__in=removed, documents__lte=0).delete()
    if added:
        existing = set(SearchTerm.objects.filter(term__in=added).values_list("term", flat=True))
        SearchTerm.objects.filter(term__in=existing).update(documents=F("documents") + 1)
        SearchTerm.objects.bulk_create(
            [
                SearchTerm(term=term, initial=term[0], length=len(term), documents=1)
                for term in added - existing
            ],
            ignore_conflicts=True,
        )


def _write(obj, data: DocumentData, *, index_now: bool = True) -> SearchDocument:
    source_type_id, source_id = _source_key(obj)
    document = SearchDocument.objects.filter(
        source_type_id=source_type_id, source_id=source_id
    ).first()
    old_terms = _document_terms(document)
    document = document or SearchDocument(source_type_id=source_type_id, source_id=source_id)
    document.kind = data.kind
    document.language = data.language
    document.title = data.title[:255]
    document.summary = data.summary
    document.body = data.body
    document.keywords = " ".join(dict.fromkeys(data.keywords))
    # The keywords name things in every language (months, types, languages spoken): their
    # stems are taken in every language with a stemmer; the text's in its own language.
    document.headline_terms = index_terms(
        " ".join([document.title, document.summary, document.keywords]),
        (data.language, *STEMMERS),
    )
    document.body_terms = index_terms(document.body, (data.language,))
    document.url = data.url[:500]
    document.organisation = data.organisation[:255]
    document.date = data.date
    document.save()  # not indexed on save (search_auto_update is off): indexed below
    document.tags.all().delete()
    SearchDocumentTag.objects.bulk_create(
        [
            SearchDocumentTag(document=document, facet=facet, value=value)
            for facet, values in data.tags.items()
            for value in dict.fromkeys(values)
        ]
    )
    new_terms = _document_terms(document)
    _count_terms(new_terms - old_terms, old_terms - new_terms)
    if index_now:  # once its facet values exist (Elasticsearch stores them)
        index.insert_or_update_object(document)
    return document


def remove(obj) -> None:
    source_type_id, source_id = _source_key(obj)
    for document in SearchDocument.objects.filter(
        source_type_id=source_type_id, source_id=source_id
    ):
        _count_terms(set(), _document_terms(document))
        index.remove_object(document)
        document.delete()


def _sync_one(obj) -> SearchDocument | None:
    source = source_for(type(obj))
    if source is None or not is_public(obj):
        remove(obj)
        return None
    return _write(obj, source.describe(obj))


def _rewrite_original(obj) -> None:
    """Rewrite the document of the default-language page ``obj`` translates, if any: whether
    it stands in for the translation in searches depends on the translation being public."""
    if not isinstance(obj, Page) or obj.locale.language_code == settings.LANGUAGE_CODE:
        return
    original = (
        Page.objects.filter(
            translation_key=obj.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .exclude(pk=obj.pk)
        .first()
    )
    if original is not None:
        _sync_one(original.specific)


@transaction.atomic
def sync(obj) -> SearchDocument | None:
    """Write ``obj``'s document if the public may see it, remove it otherwise (and rewrite
    its original's, if it is a translation)."""
    if isinstance(obj, Page):
        obj = obj.specific
    document = _sync_one(obj)
    _rewrite_original(obj)
    return document


def deleted(obj) -> None:
    """``obj`` is gone: remove its document (and rewrite a deleted translation's original,
    which stands in for it again)."""
    remove(obj)
    _rewrite_original(obj)


def sync_subtree(page) -> None:
    """After a move or a change of view restrictions: the page and everything below it."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        sync(descendant)


def public_items():
    """Every item the public may see, of every searchable type."""
    for source in SOURCES:
        model = source.model
        if issubclass(model, Page):
            queryset = model.objects.live().public().exact_type(model).filter(alias_of__isnull=True)
        else:
            queryset = public_coaches()
        yield from queryset.iterator(chunk_size=500)


@transaction.atomic
def rebuild(*, index_now: bool = True) -> int:
    """Recreate every document from the content (what ``update_index`` runs first).

    ``index_now=False`` leaves the new documents for the caller to index in bulk, as
    ``update_index`` does straight after."""
    SearchDocumentTag.objects.all().delete()
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    count = 0
    for item in public_items():
        source = source_for(type(item))
        _write(item, source.describe(item), index_now=index_now)
        count += 1
    return count
