"""Elasticsearch: the request bodies the engine sends (golden files beside this test), the
way responses become results, and, against a real cluster (ELASTICSEARCH_URL), the whole
round trip. No cluster can run on the CI machines, so the integration tests skip there."""

import json
import os
from pathlib import Path

from django.test import override_settings

from wagtail.search.backends.elasticsearch9 import SearchBackend

import pytest

from search import service
from search.engines.base import Criteria
from search.engines.elasticsearch import (
    ElasticsearchEngine,
    autocomplete_request,
    parse_search_response,
    search_request,
    similar_request,
)
from tests.factories import CaseStudyPageFactory

EXPECTED = Path(__file__).parent / "expected"
ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture
def engine():
    # Creating the backend builds a client object; nothing connects until a request is sent.
    backend = SearchBackend({"URLS": ["http://localhost:9200"], "INDEX_PREFIX": "hub_"})
    return ElasticsearchEngine(backend)


def expected(name):
    return json.loads((EXPECTED / name).read_text())


def test_the_index_and_field_names_come_from_wagtails_mapping(engine):
    assert engine.index_name == "hub_search_searchdocument"
    assert engine.names["title_autocomplete"] == "title_edgengrams"
    assert engine.names["topic_values_filter"] == "topic_values_filter"


def test_search_body(engine):
    criteria = Criteria(
        words=("pressure", "ulcers"),
        text="pressure ulcers",
        language="en",
        also_kinds_any_language=("coach",),
        offset=10,
        limit=10,
    )
    body = search_request(engine.names, engine.index_name, criteria).to_dict()
    assert body == expected("search.json")


def test_search_body_with_filters_and_date_sort(engine):
    criteria = Criteria(
        words=("falls",),
        text="falls",
        language="pl",
        also_kinds_any_language=("coach",),
        filters={"kind": ("case_study", "resource"), "topic": ("falls",)},
        sort="date",
    )
    body = search_request(engine.names, engine.index_name, criteria).to_dict()
    assert body == expected("search_filtered.json")


def test_search_body_in_another_language_with_the_default_as_fallback(engine):
    """Polish documents, coaches, and English ones with no Polish translation; Polish ones
    first, then by score."""
    criteria = Criteria(
        words=("falls",),
        text="falls",
        language="pl",
        also_kinds_any_language=("coach",),
        fallback_language="en",
    )
    body = search_request(engine.names, engine.index_name, criteria).to_dict()
    assert body == expected("search_fallback.json")
    for request in (autocomplete_request, similar_request):
        args = ("falls",) if request is similar_request else ()
        other = request(engine.names, engine.index_name, *args, criteria).to_dict()
        assert other["sort"] == body["sort"]
        assert other["query"]["bool"]["filter"] == body["query"]["bool"]["filter"]


def test_autocomplete_body(engine):
    criteria = Criteria(
        words=("pressure", "ul"), language="en", also_kinds_any_language=("coach",), limit=8
    )
    body = autocomplete_request(engine.names, engine.index_name, criteria)
    assert body.to_dict() == expected("autocomplete.json")


def test_more_like_this_body(engine):
    criteria = Criteria(language="en", kinds=("case_study", "resource", "event", "page"), limit=5)
    body = similar_request(
        engine.names, engine.index_name, "Fewer falls at night on ward 7", criteria
    )
    assert body.to_dict() == expected("similar.json")


def test_responses_become_results(engine):
    result = parse_search_response(expected("response.json"), engine.names)
    assert result.ids == [12, 7]
    assert result.total == 2
    assert result.facet_counts["kind"] == {"case_study": 1, "resource": 1}
    assert result.facet_counts["topic"] == {"falls": 2}
    # The summary fragment is preferred to the title's; Elasticsearch escaped it.
    assert result.highlights[12] == "Fewer <mark>falls</mark> &lt;at night&gt;"
    assert result.highlights[7] == "<mark>Falls</mark> huddle script"


class FakeClient:
    def __init__(self, response):
        self.response = response
        self.requests = []

    def search(self, index, body):
        self.requests.append((index, body))
        return self.response


@pytest.mark.django_db
def test_the_service_uses_the_engine_and_the_documents(engine, home_page, monkeypatch):
    page = CaseStudyPageFactory(parent=home_page, title="Falls <b>work</b>")
    page.topics.add("falls")
    page.save()
    document = page_document(page)
    response = expected("response.json")
    response["hits"]["hits"] = response["hits"]["hits"][:1]
    response["hits"]["hits"][0]["_id"] = str(document.pk)
    engine.client = FakeClient(response)
    monkeypatch.setattr(service, "get_engine", lambda: engine)
    results = service.search(service.SearchQuery(text="falls", filters={"topic": ["falls"]}))
    index, body = engine.client.requests[0]
    assert index == "hub_search_searchdocument"
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"topic_values_filter": ["falls"]}}]}
    }
    [hit] = results.hits
    assert hit.title == "Falls <b>work</b>"  # escaped by the template
    assert str(hit.snippet) == "Fewer <mark>falls</mark> &lt;at night&gt;"


def page_document(page):
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page

    from search.models import SearchDocument

    return SearchDocument.objects.get(
        source_type=ContentType.objects.get_for_model(Page), source_id=page.pk
    )


# --- against a real cluster ------------------------------------------------------------------

needs_cluster = pytest.mark.skipif(
    not ES_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against"
)


@pytest.fixture
def cluster():
    import elasticsearch

    major = int(elasticsearch.__versionstr__.split(".")[0])
    backends = {
        "default": {
            "BACKEND": f"wagtail.search.backends.elasticsearch{major}",
            "URLS": [ES_URL],
            "INDEX_PREFIX": "hub_test_",
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


@needs_cluster
@pytest.mark.django_db
def test_round_trip_on_a_real_cluster(cluster, home_page):
    from django.core.management import call_command

    CaseStudyPageFactory(parent=home_page, title="Preventing pressure ulcers")
    CaseStudyPageFactory(parent=home_page, title="Blood pressure checks in pharmacies")
    call_command("update_index", verbosity=0)
    results = service.search(service.SearchQuery(text="presure ulcers"))
    assert results.hits[0].title == "Preventing pressure ulcers"
    assert "<mark>" in str(results.hits[0].snippet)
    kinds = {option.value: option.count for option in results.facets[0].options}
    assert kinds == {"case_study": 1}
    assert [s.title for s in service.autocomplete("preven")] == ["Preventing pressure ulcers"]
    assert service.similar("We want to prevent pressure ulcers at home")[0].title == (
        "Preventing pressure ulcers"
    )


@needs_cluster
@pytest.mark.django_db
def test_another_language_falls_back_to_the_default_on_a_real_cluster(
    cluster, home_page, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from wagtail.models import Locale

    from hub.demo import translate_page

    polish, _created = Locale.objects.get_or_create(language_code="pl")
    night = CaseStudyPageFactory(parent=home_page, title="Falls at night")
    day = CaseStudyPageFactory(parent=home_page, title="Falls by day")
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, polish, {})
        translate_page(day, polish, {"Falls by day": "Falls w dzień"})
    call_command("update_index", verbosity=0)
    hits = service.search(service.SearchQuery(text="falls", language="pl")).hits
    assert [(hit.title, hit.language) for hit in hits] == [
        ("Falls w dzień", "pl"),
        (night.title, "en"),
    ]
