"""Elasticsearch: the request bodies the engine sends (golden files beside this test), the
way responses become results, and, against a real cluster (ELASTICSEARCH_URL), the whole
round trip. No cluster can run on the CI machines, so the integration tests skip there."""

import os

from django.test import override_settings

from wagtail.search.backends.elasticsearch9 import SearchBackend

import pytest

from demo.factories import CaseStudyPageFactory
from search import service
from search.engines.elasticsearch import (
    ElasticsearchEngine,
    autocomplete_request,
    parse_search_response,
    search_request,
    similar_request,
)

from .clusters import (
    GOLDEN_CASES,
    add_test_synonyms,
    check_analysis,
    check_language_fallback,
    check_round_trip,
    expected,
    run_case,
)

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture
def engine():
    # Creating the backend builds a client object; nothing connects until a request is sent.
    backend = SearchBackend({"URLS": ["http://localhost:9200"], "INDEX_PREFIX": "hub_"})
    return ElasticsearchEngine(backend)


def test_the_index_and_field_names_come_from_wagtails_mapping(engine):
    assert engine.index_name == "hub_search_searchdocument"
    assert engine.names["title_autocomplete"] == "title_edgengrams"
    assert engine.names["topic_values_filter"] == "topic_values_filter"


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_request_bodies(engine, name):
    """What the engine sends for each golden case: the builder's body, as in the file
    (the OpenSearch engine sends the same: ``test_opensearch.py``)."""
    client = FakeClient(expected("response.json"))
    engine.client = client
    run_case(engine, name)
    [(index, body)] = client.requests
    assert index == "hub_search_searchdocument"
    assert body == expected(name)


def test_every_request_in_another_language_ranks_and_filters_alike(engine):
    """Polish documents, coaches, and English ones with no Polish translation; Polish ones
    first, then by score, for searches, suggestions and similar work alike."""
    _method, criteria = GOLDEN_CASES["search_fallback.json"]
    body = search_request(engine.names, engine.index_name, criteria).to_dict()
    for request in (autocomplete_request, similar_request):
        args = ("falls",) if request is similar_request else ()
        other = request(engine.names, engine.index_name, *args, criteria).to_dict()
        assert other["sort"] == body["sort"]
        assert other["query"]["bool"]["filter"] == body["query"]["bool"]["filter"]


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
    check_round_trip(home_page)


@needs_cluster
@pytest.mark.django_db
def test_another_language_falls_back_to_the_default_on_a_real_cluster(
    cluster, home_page, django_capture_on_commit_callbacks
):
    check_language_fallback(home_page, django_capture_on_commit_callbacks)


@needs_cluster
@pytest.mark.django_db
def test_the_index_analyses_text_as_the_hub_does_on_a_real_cluster(cluster, home_page):
    from django.core.management import call_command

    add_test_synonyms()
    call_command("update_index", verbosity=0)
    engine = service.get_engine()

    def analyze(analyzer, text):
        response = engine.client.indices.analyze(
            index=engine.index_name, analyzer=analyzer, text=text
        )
        return [token["token"] for token in response["tokens"]]

    check_analysis(analyze)
