"""Similar existing work on the check page: live public pages only, title and link."""

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from demo.factories import StandardPageFactory
from submissions.portal.similar_work import similar_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    falls = StandardPageFactory(
        parent=home_page, title="Reducing falls at night on older people's wards"
    )
    sepsis = StandardPageFactory(
        parent=home_page, title="Sepsis screening in the emergency department"
    )
    draft = StandardPageFactory(parent=home_page, title="Falls draft page", live=False)
    private = StandardPageFactory(parent=home_page, title="Falls private page")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {"falls": falls, "sepsis": sepsis, "draft": draft, "private": private}


def test_finds_live_public_pages_sharing_words(pages):
    items = similar_work("Fewer falls at night on ward 7")
    titles = [item.title for item in items]
    assert pages["falls"].title in titles
    assert pages["sepsis"].title not in titles
    assert "Falls draft page" not in titles
    assert "Falls private page" not in titles
    assert next(item for item in items if item.title == pages["falls"].title).url == (
        pages["falls"].url
    )


def test_at_most_the_limit(home_page):
    for number in range(7):
        StandardPageFactory(parent=home_page, title=f"Falls project {number}")
    assert len(similar_work("falls project")) == 5
    assert len(similar_work("falls project", limit=2)) == 2


def test_nothing_to_search_for_finds_nothing(pages):
    assert similar_work("") == []
    assert similar_work("  ? !! a ") == []


def test_in_another_language_untranslated_work_is_offered_in_english(pages):
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="ur")
    [item] = similar_work("falls night", language="ur")
    assert (item.title, item.language, item.direction) == (pages["falls"].title, "en", "ltr")


def test_the_check_page_marks_work_in_another_language(completed_client, pages):
    from django.utils import translation

    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="ur")
    with translation.override("ur"):
        url = reverse("submissions:check")
    page = completed_client.get(url).content.decode().replace("&#x27;", "'")
    assert f'<a href="{pages["falls"].url}" lang="en" dir="ltr">' in page


def test_a_search_failure_is_not_the_submitters_problem(pages, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("search cluster down")

    from search import service

    monkeypatch.setattr(service, "get_engine", broken)
    assert similar_work("falls") == []


def test_the_check_page_shows_similar_work(completed_client, pages):
    page = completed_client.get(reverse("submissions:check")).content.decode()
    assert "Similar work already on the hub" in page
    assert f'<a href="{pages["falls"].url}">{pages["falls"].title}</a>' in page.replace(
        "&#x27;", "'"
    )
    assert "Falls private page" not in page
