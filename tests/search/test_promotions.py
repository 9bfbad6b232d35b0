"""Promoted results: what hub editors recommend for a query (Wagtail's search_promotions),
shown above the results on the search page and in the API, for live, public pages and
external links only, and never a database write on the visitor's request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale, Page, PageViewRestriction

import pytest

from demo.factories import CaseStudyPageFactory, StandardPageFactory
from demo.translations import translate
from search import promotions, service

pytestmark = pytest.mark.django_db

PASSWORD = "a-test-password-1"


@pytest.fixture
def pages(home_page):
    return {
        "falls": CaseStudyPageFactory(
            parent=home_page,
            title="Halving inpatient falls",
            summary="A ward safety huddle cut falls at night.",
        ),
        "toolkit": StandardPageFactory(parent=home_page, title="Falls prevention toolkit"),
        "draft": StandardPageFactory(parent=home_page, title="Falls draft", live=False),
        "private": StandardPageFactory(parent=home_page, title="Falls private notes"),
    }


def promote(query_string, *picks):
    """As an editor does in Settings → Promoted search results (the admin creates the
    Query row; a visitor's search never does)."""
    query = Query.get(query_string)
    for order, pick in enumerate(picks):
        if isinstance(pick, Page):
            SearchPromotion.objects.create(
                query=query, page=pick, sort_order=order, description=f"About {pick.title}"
            )
        else:
            url, text = pick
            SearchPromotion.objects.create(
                query=query, external_link_url=url, external_link_text=text, sort_order=order
            )
    return query


def writes(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_the_promotions_for_the_query_come_first_in_a_labelled_list(client, pages):
    promote("falls", pages["toolkit"], ("https://www.nhs.uk/conditions/falls/", "NHS: Falls"))
    html = client.get("/search/", {"q": "falls"}).content.decode()

    section = html[html.index('<section class="hub-promoted"') : html.index("</section>")]
    assert 'aria-labelledby="hub-promoted-title"' in section
    assert ">Recommended</strong>" in section
    items = section.split("<li")[1:]
    assert [item.split('href="')[1].split('"')[0] for item in items] == [
        pages["toolkit"].url,
        "https://www.nhs.uk/conditions/falls/",
    ]
    assert "Falls prevention toolkit" in items[0] and "About Falls prevention toolkit" in items[0]
    assert ">NHS: Falls</a>" in items[1]
    # Above the results and their count.
    assert html.index("hub-promoted") < html.index("hub-results-count")


def test_the_query_matches_as_wagtail_normalises_it(client, pages):
    promote("Falls   Prevention", pages["toolkit"])
    for typed in ("falls prevention", "  FALLS prevention ", "Falls\tPrevention"):
        shown = promotions.promoted(typed)
        assert [promotion.title for promotion in shown] == ["Falls prevention toolkit"], typed
    assert promotions.promoted("falls") == []
    assert promotions.promoted("falls prevention toolkit") == []
    assert promotions.promoted("") == []


def test_only_live_public_pages_are_shown(client, pages):
    PageViewRestriction.objects.create(page=pages["private"], restriction_type="login")
    promote("falls", pages["draft"], pages["private"], pages["falls"])
    assert [promotion.title for promotion in promotions.promoted("falls")] == [
        "Halving inpatient falls"
    ]
    pages["falls"].unpublish()
    assert promotions.promoted("falls") == []
    html = client.get("/search/", {"q": "falls"}).content.decode()
    assert "hub-promoted" not in html
    assert "Falls draft" not in html and "Falls private notes" not in html


def test_a_search_writes_nothing_and_creates_no_query_row(client, pages):
    promote("falls", pages["toolkit"])
    queries_before = set(Query.objects.values_list("query_string", flat=True))
    client.get("/")  # the site's settings row is made on the first request to a site
    with CaptureQueriesContext(connection) as queries:
        for text in ("falls", "something nobody promoted"):
            assert client.get("/search/", {"q": text}).status_code == 200
            assert client.get("/api/v3/search/", {"q": text}).status_code == 200
    assert writes(queries) == []
    assert set(Query.objects.values_list("query_string", flat=True)) == queries_before
    assert not QueryDailyHits.objects.exists()


def test_the_api_gives_the_promotions_on_the_first_page(client, pages):
    promote("falls", pages["toolkit"], ("https://www.nhs.uk/conditions/falls/", "NHS: Falls"))
    data = client.get("/api/v3/search/", {"q": "Falls"}).json()
    assert data["promoted"] == [
        {
            "title": "Falls prevention toolkit",
            "url": f"http://testserver{pages['toolkit'].url}",
            "description": "About Falls prevention toolkit",
            "external": False,
            "language": "en",
        },
        {
            "title": "NHS: Falls",
            "url": "https://www.nhs.uk/conditions/falls/",
            "description": "",
            "external": True,
            "language": None,
        },
    ]
    assert client.get("/api/v3/search/", {"q": "falls", "page": 2}).json()["promoted"] == []
    assert client.get("/api/v3/search/", {"q": "sepsis"}).json()["promoted"] == []


def test_the_page_shows_them_on_the_first_page_only(client, pages):
    promote("falls", pages["toolkit"])
    html = client.get("/search/", {"q": "falls", "page": 2}).content.decode()
    assert "hub-promoted" not in html


def test_they_are_shown_when_the_search_backend_is_down(client, pages, monkeypatch):
    promote("falls", pages["toolkit"])

    def broken(query):
        raise ConnectionError("cluster down")

    monkeypatch.setattr(service, "search", broken)
    response = client.get("/search/", {"q": "falls"})
    assert response.status_code == 503
    assert "Falls prevention toolkit" in response.content.decode()


def test_a_polish_visitor_gets_the_polish_translation(
    client, home_page, pages, django_capture_on_commit_callbacks
):
    polish, _created = Locale.objects.get_or_create(language_code="pl")
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, polish, {})
        translated = translate(
            pages["toolkit"], polish, {"Falls prevention toolkit": "Zapobieganie upadkom"}
        )
    promote("upadki", pages["toolkit"], pages["falls"])
    [toolkit, falls] = promotions.promoted("upadki", language="pl")
    assert (toolkit.title, toolkit.language, toolkit.url) == (
        "Zapobieganie upadkom",
        "pl",
        Page.objects.get(pk=translated.pk).url,
    )
    # No Polish translation: the English page, marked as English.
    assert (falls.title, falls.language) == ("Halving inpatient falls", "en")
    html = client.get("/pl/search/", {"q": "upadki"}).content.decode()
    assert '<h3 class="nhsuk-heading-s nhsuk-u-margin-bottom-2" lang="en" dir="ltr">' in html
    assert "Polecane" in html


def test_hub_editors_keep_the_promotions_and_nobody_else_sees_the_admin(client, hub_editor):
    for codename in ("add", "change", "delete"):
        assert hub_editor.has_perm(f"wagtailsearchpromotions.{codename}_searchpromotion")
    client.login(username="hub.editor", password=PASSWORD)
    assert client.get("/admin/searchpicks/").status_code == 200
    assert client.get("/admin/searchpicks/add/").status_code == 200
