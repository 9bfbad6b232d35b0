"""The hub's read endpoints behave as the public pages do, and stay within their bounds."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from directory.models import CoachProfile
from pages.models import CaseStudyPage

COACHES = "/api/v3/directory/coaches/"


def _directory_page_slugs(client, query: str) -> list[str]:
    """The profiles the public directory page lists for the same filters (all pages)."""
    slugs, page = [], 1
    while True:
        response = client.get(f"/coaches/?{query}&page={page}")
        cards = response.context["cards"]
        slugs += [card["coach"].slug for card in cards]
        if not response.context["listing"].items.has_next():
            return slugs
        page += 1


@pytest.mark.parametrize(
    "query",
    [
        "offer=go_and_see",
        "offer=coaching&offer=mentoring&mode=online",
        "q=frailty",
        "capacity=open&organisation_type=nhs_trust",
        "skill=no-such-skill",
    ],
)
def test_coaches_are_filtered_exactly_as_the_directory_page_filters_them(api, query):
    listing = api.get(f"{COACHES}?{query}&limit=50").json()
    assert [item["slug"] for item in listing["items"]] == _directory_page_slugs(api, query)
    assert listing["count"] == len(listing["items"])


def test_coach_facets_count_what_each_option_would_give(api):
    listing = api.get(f"{COACHES}?offer=go_and_see").json()
    offers = {facet["param"]: facet for facet in listing["facets"]}["offer"]
    selected = [option for option in offers["options"] if option["selected"]]
    assert [option["value"] for option in selected] == ["go_and_see"]
    assert selected[0]["count"] == listing["count"]


def test_an_unpublished_coach_is_not_in_the_api(api):
    coach = CoachProfile.objects.filter(live=True).first()
    assert api.get(f"{COACHES}{coach.pk}/").status_code == 200
    CoachProfile.objects.filter(pk=coach.pk).update(live=False)
    assert api.get(f"{COACHES}{coach.pk}/").status_code == 404
    slugs = [item["slug"] for item in api.get(f"{COACHES}?limit=50").json()["items"]]
    assert coach.slug not in slugs


def test_a_closed_coach_has_no_contact_link(api):
    coach = CoachProfile.objects.filter(live=True).first()
    CoachProfile.objects.filter(pk=coach.pk).update(capacity="closed")
    assert api.get(f"{COACHES}{coach.pk}/").json()["contact_url"] is None


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("limit=0", 422),
        ("limit=51", 422),
        ("offset=-1", 422),
        ("offer=bribes", 422),
        ("q=" + "x" * 201, 422),
    ],
)
def test_coach_list_bounds(api, query, status):
    response = api.get(f"{COACHES}?{query}")
    assert response.status_code == status
    assert response.json()["status"] == status


@pytest.mark.parametrize("words", ['"', 'falls "frailty', '"stroke"'])
def test_a_double_quote_in_the_directory_search_is_not_a_crash(api, words):
    """Found by schemathesis: SQLite's full-text engine failed on an unclosed quote (503)."""
    from urllib.parse import quote

    assert api.get(f"{COACHES}?q={quote(words)}").status_code == 200
    assert api.get(f"/coaches/?q={quote(words)}").status_code == 200


def test_the_limit_ceiling_comes_from_the_environment_setting():
    from django.conf import settings

    from directory.api import CoachFilters

    limit = CoachFilters.model_json_schema()["properties"]["limit"]
    assert limit["maximum"] == settings.WAGTAILAPI_LIMIT_MAX


def test_coach_list_queries_do_not_grow_with_the_page_size(api):
    api.get(f"{COACHES}?limit=1")  # warm caches (content types, locales)
    with CaptureQueriesContext(connection) as small:
        api.get(f"{COACHES}?limit=2")
    with CaptureQueriesContext(connection) as large:
        api.get(f"{COACHES}?limit=16")
    assert len(large) == len(small)


# Search ------------------------------------------------------------------------------------


def test_search_finds_filters_and_pages(api):
    everything = api.get("/api/v3/search/?q=falls&limit=50").json()
    assert everything["count"] == len(everything["items"]) > 2
    case_studies = api.get("/api/v3/search/?q=falls&kind=case_study").json()
    assert case_studies["items"]
    assert {item["kind"] for item in case_studies["items"]} == {"case_study"}
    first = api.get("/api/v3/search/?q=falls&limit=1").json()
    second = api.get("/api/v3/search/?q=falls&limit=1&page=2").json()
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert first["count"] == second["count"] == everything["count"]


def test_search_snippets_escape_everything_but_the_marks(api):
    response = api.get("/api/v3/search/?q=<script>falls").json()
    for item in response["items"]:
        assert "<script" not in item["snippet"]


def test_search_that_fails_is_a_503_problem(api, monkeypatch):
    def broken(query):
        raise ConnectionError("search cluster is down")

    monkeypatch.setattr("search.service.search", broken)
    response = api.get("/api/v3/search/?q=falls")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("query", ["kind=novels", "sort=random", "locale=xx", "page=0"])
def test_search_refuses_unknown_values(api, query):
    assert api.get(f"/api/v3/search/?q=falls&{query}").status_code == 422


@pytest.mark.parametrize("language", ["en", "pl"])
def test_search_answers_as_the_search_service_does_in_the_language_asked_for(api, language):
    from search import service

    expected = service.search(service.SearchQuery(text="falls", language=language, per_page=50))
    response = api.get(f"/api/v3/search/?q=falls&locale={language}&limit=50").json()
    assert response["count"] == expected.total
    assert [item["id"] for item in response["items"]] == [hit.id for hit in expected.hits]


# Taxonomies --------------------------------------------------------------------------------


def test_taxonomies_name_things_in_the_language_asked_for(api, seeded):
    from wagtail.models import Locale

    from hub.models import Priority

    english = api.get("/api/v3/taxonomies/").json()
    assert "Stroke" in [item["name"] for item in english["priorities"]]
    in_polish = api.get("/api/v3/taxonomies/?locale=pl").json()
    names = [item["name"] for item in in_polish["priorities"]]
    assert "Udar mózgu" in names  # the demo's translation, made with wagtail-localize
    assert "Stroke" not in names
    assert "współtworzenie" in [item["name"] for item in in_polish["topics"]]
    assert "polski" in [item["name"] for item in in_polish["languages"]]
    in_urdu = api.get("/api/v3/taxonomies/?locale=ur").json()
    assert "فالج" in [item["name"] for item in in_urdu["priorities"]]
    # Slugs, which the other endpoints filter by, are the same in every language.
    assert sorted(item["slug"] for item in in_polish["priorities"]) == sorted(
        item["slug"] for item in english["priorities"]
    )

    # An untranslated one falls back to English.
    stroke = Priority.objects.get(name="Stroke", locale__language_code="en")
    stroke.get_translation(Locale.objects.get(language_code="pl")).delete()
    names = [item["name"] for item in api.get("/api/v3/taxonomies/?locale=pl").json()["priorities"]]
    assert "Stroke" in names
    assert len(names) == len(english["priorities"])


# Pages -------------------------------------------------------------------------------------


def test_draft_and_private_pages_are_not_readable_anonymously(api):
    from wagtail.models import PageViewRestriction

    page = CaseStudyPage.objects.live().first()
    assert api.get(f"/api/v3/pages/{page.pk}/").status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert api.get(f"/api/v3/pages/{page.pk}/").status_code == 404
    Page.objects.filter(pk=page.pk).update(live=False)
    assert api.get(f"/api/v3/pages/{page.pk}/").status_code == 404


def test_measures_come_with_their_series_and_spc_reading(api):
    page = CaseStudyPage.objects.live().filter(measures__isnull=False).first()
    measure = api.get(f"/api/v3/pages/{page.pk}/").json()["measures"][0]
    stored = page.measures.first()
    assert len(measure["series"]) == len(stored.series) == measure["spc"]["points"]
    assert measure["spc"]["summary"] == stored.spc.summary
    assert measure["spc"]["chart"] in ("run", "xmr")


def test_the_api_docs_page_is_linked_and_served(api):
    response = api.get("/api/v3/docs/")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_a_crash_is_a_json_500_not_the_html_page(seeded, db, monkeypatch):
    from django.test import Client

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("directory.api.serialize", broken)
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    response = client.get(COACHES)
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "Something went wrong on our side.",
    }
    assert b"a bug" not in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/pages/?offset=9223372036854775808",
        "/api/v3/images/?offset=99999999999",
        "/api/v3/documents/?limit=1&offset=" + "9" * 5000,
        "/api/v3/search/?q=falls&page=10000000000",
    ],
)
def test_positions_no_database_can_hold_are_a_400_not_a_crash(api, url):
    response = api.get(url)
    assert response.status_code == 400
    assert response.json()["status"] == 400


@pytest.mark.parametrize("url", ["/coaches/?q=a%00b", "/search/?q=falls&organisation=%00"])
def test_a_nul_in_a_web_page_address_is_a_400_not_a_crash(seeded, db, url):
    from django.test import Client

    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("endpoint", ["/api/v3/pages/", "/api/v3/images/", "/api/v3/documents/"])
def test_a_double_quote_in_wagtails_own_searches_is_not_a_server_error(client, db, endpoint):
    """Found by schemathesis: SQLite's full-text engine fails on a quote left open."""
    response = client.get(endpoint, {"search": 'falls "ward'})
    assert response.status_code == 200
