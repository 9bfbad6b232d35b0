"""/search/: results, facets that combine, sort, pages, highlighting, the query shown as
text, the empty and error states, and the suggestions endpoint."""

import datetime

from django.utils import timezone

import pytest

from demo.factories import (
    CaseStudyPageFactory,
    CoachProfileFactory,
    PriorityFactory,
    ResourcePageFactory,
    StandardPageFactory,
    TopicFactory,
)
from search import service
from search.text import highlight

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_page, org_a, org_b):
    stroke = PriorityFactory(name="Stroke")
    TopicFactory(name="falls")
    TopicFactory(name="sepsis")
    falls = CaseStudyPageFactory(
        parent=home_page,
        title="Halving inpatient falls",
        summary="A ward safety huddle cut falls at night.",
    )
    falls.organisations.set([org_a])
    falls.topics.add("falls")
    falls.save()
    falls_guide = ResourcePageFactory(
        parent=home_page,
        title="Falls huddle script",
        summary="What to say at the five-minute huddle about falls.",
        organisation=org_b,
    )
    falls_guide.topics.add("falls")
    falls_guide.save()
    sepsis = CaseStudyPageFactory(
        parent=home_page,
        title="Sepsis screening in the emergency department",
        summary="Screening for sepsis within an hour; fewer falls were a side effect.",
    )
    sepsis.organisations.set([org_a])
    sepsis.priorities.set([stroke])
    sepsis.topics.add("sepsis")
    sepsis.save()
    StandardPageFactory(parent=home_page, title="Sepsis draft plans", live=False)
    CoachProfileFactory(
        display_name="Hannah Lowe", organisation=org_a, bio="I coach teams on falls."
    )
    return {"falls": falls, "guide": falls_guide, "sepsis": sepsis}


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_finds_every_kind_together_with_type_organisation_and_date(client, library):
    response, html = get(client, q="falls")
    hits = response.context["results"].hits
    assert {hit.title for hit in hits} == {
        "Halving inpatient falls",
        "Falls huddle script",
        "Sepsis screening in the emergency department",
        "Hannah Lowe",
    }
    assert "4 results for “falls”" in html
    falls = next(hit for hit in hits if hit.title == "Halving inpatient falls")
    assert falls.kind_label == "Case study"
    assert falls.organisation == "Kingsmead Hospitals NHS Trust"
    assert falls.url == library["falls"].url
    coach = next(hit for hit in hits if hit.kind == "coach")
    assert coach.url == "/coaches/hannah-lowe/"
    assert "Sepsis draft plans" not in html


def test_titles_then_summaries_then_text(client, library):
    response, _html = get(client, q="falls")
    titles = [hit.title for hit in response.context["results"].hits]
    assert set(titles[:2]) == {"Halving inpatient falls", "Falls huddle script"}
    # "falls" is in the sepsis case study's summary, and in the coach's bio (body text).
    assert titles[2:] == ["Sepsis screening in the emergency department", "Hannah Lowe"]


def test_matched_words_are_highlighted_and_escaped(home_page, client):
    StandardPageFactory(
        parent=home_page,
        title="Safety huddles",
        listing_summary="Our <script>alert(1)</script> falls huddle & more",
    )
    _response, html = get(client, q="falls")
    assert "Our &lt;script&gt;alert(1)&lt;/script&gt; <mark>falls</mark> huddle &amp; more" in html
    assert "<script>alert(1)</script>" not in html


def test_plural_and_singular_are_both_highlighted():
    snippet = str(highlight("One fall, two falls.", ["falls"]))
    assert snippet == "One <mark>fall</mark>, two <mark>falls</mark>."


def test_the_query_is_shown_as_text(client, library):
    _response, html = get(client, q="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def facet(response, name):
    facets = {facet.param: facet for facet in response.context["results"].facets}
    return {option.value: (option.count, option.selected) for option in facets[name].options}


def test_facet_counts_combine(client, library):
    response, _html = get(client, q="falls")
    assert facet(response, "kind") == {
        "case_study": (2, False),
        "resource": (1, False),
        "coach": (1, False),
    }
    assert facet(response, "topic") == {"falls": (2, False), "sepsis": (1, False)}
    assert facet(response, "organisation") == {
        "kingsmead-hospitals-nhs-trust": (3, False),
        "eastbridge-county-council": (1, False),
    }

    # Choosing a type narrows the other facets; the type facet still offers the others.
    response, _html = get(client, q="falls", kind="case_study")
    assert [hit.title for hit in response.context["results"].hits] == [
        "Halving inpatient falls",
        "Sepsis screening in the emergency department",
    ]
    assert facet(response, "kind") == {
        "case_study": (2, True),
        "resource": (1, False),
        "coach": (1, False),
    }
    assert facet(response, "topic") == {"falls": (1, False), "sepsis": (1, False)}
    assert facet(response, "priority") == {"stroke": (1, False)}

    # Two options of one facet widen (OR); facets together narrow (AND).
    response, _html = get(client, q="falls", kind=["case_study", "resource"], topic="falls")
    assert response.context["results"].total == 2
    assert facet(response, "topic") == {"falls": (2, True), "sepsis": (1, False)}


def test_filters_without_words_browse_everything(client, library):
    response, html = get(client, topic="sepsis")
    assert [hit.title for hit in response.context["results"].hits] == [
        "Sepsis screening in the emergency department"
    ]
    assert "1 result" in html


def test_unknown_filter_values_are_ignored(client, library):
    response, _html = get(client, q="falls", topic="no-such-topic", kind="nonsense")
    assert response.context["results"].total == 4
    assert response.context["results"].query.filters == {}


def test_sort_by_date(client, library):
    library["falls"].first_published_at = timezone.now() - datetime.timedelta(days=30)
    library["falls"].save()
    library["guide"].first_published_at = timezone.now()
    library["guide"].save()
    response, _html = get(client, q="falls", sort="date", kind=["case_study", "resource"])
    titles = [hit.title for hit in response.context["results"].hits]
    assert titles.index("Falls huddle script") < titles.index("Halving inpatient falls")


def test_pages_and_stable_urls(client, home_page):
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"Sepsis page {number}")
    response, html = get(client, q="sepsis", page="2")
    results = response.context["results"]
    assert results.total == 12
    assert len(results.hits) == 2
    assert "Page 1 of 2" in html
    query = service.SearchQuery.from_querydict(
        client.get("/", {"topic": ["b", "a"], "q": "x", "sort": "date"}).wsgi_request.GET
    )
    assert query.querystring() == "q=x&topic=a&topic=b&sort=date"


def test_out_of_range_and_bad_requests_do_not_fail(client, library):
    response, _html = get(client, q="falls", page="999")
    assert response.context["results"].page_obj.number == 1
    for params in ({"page": "abc", "q": "falls"}, {"q": "x" * 5000}, {"sort": "nonsense"}):
        assert client.get("/search/", params).status_code == 200


def test_empty_state_offers_spelling_and_popular_topics(client, library):
    response, html = get(client, q="zzzxqy")
    assert response.context["results"].total == 0
    assert "No results for “zzzxqy”" in html
    assert "Popular topics" in html
    assert 'href="/search/?topic=falls"' in html


def test_a_misspelling_is_corrected(client, library):
    response, html = get(client, q="sepssi screening")
    results = response.context["results"]
    assert results.corrected_text == "sepsis screening"
    assert results.hits[0].title == "Sepsis screening in the emergency department"
    assert "Showing results for <strong>sepsis screening</strong>" in html


def test_nothing_typed_shows_the_form_and_popular_topics(client, library):
    response, html = get(client)
    assert response.context["results"] is None
    assert "Popular topics" in html


def test_a_broken_backend_is_a_message_not_a_crash(client, library, monkeypatch):
    def broken():
        raise ConnectionError("cluster down")

    monkeypatch.setattr(service, "get_engine", broken)
    response = client.get("/search/", {"q": "falls"})
    assert response.status_code == 503
    assert "Search is not working right now" in response.content.decode()


def test_the_header_search_box_goes_here(client, library):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html
    assert 'data-search-suggest="/search/suggest/"' in html


def test_suggestions(client, library):
    data = client.get("/search/suggest/", {"q": "halv"}).json()
    assert data == {
        "results": [
            {
                "title": "Halving inpatient falls",
                "url": library["falls"].url,
                "type": "Case study",
            }
        ]
    }
    assert client.get("/search/suggest/", {"q": "fall hud"}).json()["results"][0]["title"] == (
        "Falls huddle script"
    )
    assert client.get("/search/suggest/", {"q": ""}).json() == {"results": []}
