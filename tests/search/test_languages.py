"""Search in the visitor's language: results in that language first, then the default
language's for whatever has no public translation into it (never both versions of a page),
marked with their language so screen readers pronounce them right."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Locale, Page

import pytest

from demo.factories import StandardPageFactory
from demo.translations import translate as translate_into
from search import service
from search.models import TRANSLATED_TAG, SearchDocument, SearchDocumentTag

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish(db):
    locale, _created = Locale.objects.get_or_create(language_code="pl")
    return locale


@pytest.fixture
def translate(django_capture_on_commit_callbacks, home_page, polish):
    """Translate a page into Polish as an editor does (wagtail-localize), and publish it."""

    def translate(page, strings, locale=polish):
        with django_capture_on_commit_callbacks(execute=True):
            if not home_page.has_translation(locale):
                translate_into(home_page, locale, {})
            translated = translate_into(page, locale, strings)
        # As published (wagtail-localize publishes when the transaction commits).
        return Page.objects.get(pk=translated.pk).specific

    return translate


@pytest.fixture
def wards(home_page):
    return {
        "night": StandardPageFactory(
            parent=home_page, title="Falls at night on older people's wards"
        ),
        "day": StandardPageFactory(parent=home_page, title="Falls by day in care homes"),
        "sepsis": StandardPageFactory(parent=home_page, title="Sepsis screening"),
    }


def titles(language, text="falls", **kwargs):
    results = service.search(service.SearchQuery(text=text, language=language, **kwargs))
    return [(hit.title, hit.language) for hit in results.hits]


def test_untranslated_pages_are_found_in_the_default_language(wards, polish):
    assert sorted(titles("pl")) == [
        ("Falls at night on older people's wards", "en"),
        ("Falls by day in care homes", "en"),
    ]


def test_a_translation_replaces_its_original_and_comes_first(wards, translate):
    translate(
        wards["day"],
        {"Falls by day in care homes": "Upadki (falls) w dzień w domach opieki"},
    )
    # The Polish page ranks first although the English one matches just as well; the
    # English "by day" original is not shown beside its own translation.
    assert titles("pl") == [
        ("Upadki (falls) w dzień w domach opieki", "pl"),
        ("Falls at night on older people's wards", "en"),
    ]
    # English visitors see English only.
    assert sorted(titles("en")) == [
        ("Falls at night on older people's wards", "en"),
        ("Falls by day in care homes", "en"),
    ]
    # The facet counts count what is listed.
    results = service.search(service.SearchQuery(text="falls", language="pl"))
    assert results.total == 2
    assert {o.value: o.count for o in results.facets[0].options} == {"page": 2}


def test_the_original_stands_in_again_when_the_translation_goes(wards, translate):
    polish_page = translate(wards["day"], {"Falls by day in care homes": "Upadki w dzień"})
    assert ("Falls by day in care homes", "en") not in titles("pl")

    polish_page.unpublish()
    assert ("Falls by day in care homes", "en") in titles("pl")

    polish_page.save_revision().publish()
    assert ("Falls by day in care homes", "en") not in titles("pl")

    Page.objects.get(pk=polish_page.pk).delete()
    assert ("Falls by day in care homes", "en") in titles("pl")


def test_a_polish_translation_does_not_hide_the_original_from_urdu(wards, translate):
    translate(wards["day"], {"Falls by day in care homes": "Upadki (falls) w dzień"})
    Locale.objects.get_or_create(language_code="ur")
    assert ("Falls by day in care homes", "en") in titles("ur")
    assert ("Upadki (falls) w dzień", "pl") not in titles("ur")


def test_aliases_are_not_documents_of_their_own(wards, translate, home_page):
    """wagtail-localize keeps an alias (the original's text) in a translated tree for each
    page not yet translated: the original is found, once, in its own language."""
    polish_home = translate(home_page, {})
    alias = wards["night"].create_alias(parent=polish_home, update_locale=polish_home.locale)
    page_type = ContentType.objects.get_for_model(Page)
    assert not SearchDocument.objects.filter(source_type=page_type, source_id=alias.pk).exists()
    assert titles("pl").count(("Falls at night on older people's wards", "en")) == 1


def test_autocomplete_and_similar_work_follow_the_same_rule(wards, translate):
    translate(wards["day"], {"Falls by day in care homes": "Falls w dzień"})
    assert [s.title for s in service.autocomplete("fall", language="pl")] == [
        "Falls w dzień",
        "Falls at night on older people's wards",
    ]
    similar = service.similar("falls by day at night", language="pl")
    assert [(hit.title, hit.language) for hit in similar] == [
        ("Falls w dzień", "pl"),
        ("Falls at night on older people's wards", "en"),
    ]


def test_by_date_the_newest_come_first_whatever_their_language(wards, translate):
    translate(wards["day"], {"Falls by day in care homes": "Upadki (falls) w dzień"})
    SearchDocument.objects.filter(title__startswith="Falls at night").update(
        date="2030-01-01T00:00:00Z"
    )
    assert titles("pl", sort="date")[0] == ("Falls at night on older people's wards", "en")


def test_the_search_page_marks_results_in_another_language(client, wards, translate):
    translate(wards["day"], {"Falls by day in care homes": "Upadki (falls) w dzień"})
    page = client.get("/pl/search/?q=falls").content.decode()
    night = page.index("Falls at night")
    marked = page.rindex('<div lang="en" dir="ltr">', 0, night)
    assert "</div>" not in page[marked:night]
    assert "Angielski" in page[page.rindex('class="hub-card__kicker"', 0, night) : night]
    polish = page.index("Upadki (falls) w dzień")
    assert 'lang="en"' not in page[page.rindex("<li", 0, polish) : polish]


def test_the_api_gives_each_hit_its_language(client, wards, translate):
    translate(wards["day"], {"Falls by day in care homes": "Upadki (falls) w dzień"})
    items = client.get("/api/v3/search/", {"q": "falls", "locale": "pl"}).json()["items"]
    assert [(item["title"], item["language"]) for item in items] == [
        ("Upadki (falls) w dzień", "pl"),
        ("Falls at night on older people's wards", "en"),
    ]


def test_rebuilding_keeps_what_each_original_is_translated_into(wards, translate):
    from search.documents import rebuild

    translate(wards["day"], {"Falls by day in care homes": "Upadki (falls) w dzień"})
    before = set(SearchDocumentTag.objects.filter(facet=TRANSLATED_TAG).values_list("value"))
    rebuild()
    after = set(SearchDocumentTag.objects.filter(facet=TRANSLATED_TAG).values_list("value"))
    assert before == after == {("pl",)}
    assert titles("pl") == [
        ("Upadki (falls) w dzień", "pl"),
        ("Falls at night on older people's wards", "en"),
    ]
