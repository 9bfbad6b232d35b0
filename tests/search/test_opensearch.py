"""OpenSearch: the requests the engine sends through the real ``opensearch-py`` client (the
Elasticsearch golden files: one request builder), OpenSearch's responses read back into
results, errors, and, against a real cluster (OPENSEARCH_URL), the whole round trip.

No cluster can run on the CI machines: here a fake one answers over HTTP on 127.0.0.1
(``clusters.FakeCluster``) with hand-made responses in OpenSearch 2/3's shape
(``expected/opensearch-*.json``), and the integration tests skip."""

import os

from django.test import override_settings

from wagtail.search.backends.opensearch3 import SearchBackend

import pytest

from demo.factories import CaseStudyPageFactory
from search import service
from search.engines import engine_for
from search.engines.base import Criteria
from search.engines.opensearch import OpenSearchEngine

from .clusters import (
    GOLDEN_CASES,
    FakeCluster,
    add_test_synonyms,
    check_analysis,
    check_language_fallback,
    check_round_trip,
    expected,
    run_case,
)
from .test_elasticsearch import page_document

OS_URL = os.environ.get("OPENSEARCH_URL", "")


@pytest.fixture
def fake_cluster():
    cluster = FakeCluster(product="opensearch", responses=[expected("opensearch-response.json")])
    yield cluster
    cluster.stop()


@pytest.fixture
def engine(fake_cluster):
    backend = SearchBackend({"URLS": [fake_cluster.url], "INDEX_PREFIX": "hub_", "TIMEOUT": 5})
    return engine_for(backend)


def test_wagtails_opensearch_backend_gets_the_opensearch_engine(engine):
    from opensearchpy import OpenSearch

    assert isinstance(engine, OpenSearchEngine)
    assert isinstance(engine.client, OpenSearch)
    assert engine.index_name == "hub_search_searchdocument"
    assert engine.names["title_autocomplete"] == "title_edgengrams"
    assert engine.names["topic_values_filter"] == "topic_values_filter"


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_request_bodies_are_the_elasticsearch_ones(engine, fake_cluster, name):
    """What reaches the cluster, sent by opensearch-py: the same golden body as for
    Elasticsearch, posted to the index's ``_search``."""
    run_case(engine, name)
    [request] = fake_cluster.searches()
    assert (request.method, request.path) == ("POST", "/hub_search_searchdocument/_search")
    assert request.headers["content-type"] == "application/json"
    assert "x-elastic-client-meta" not in request.headers  # not the Elasticsearch client
    assert request.body == expected(name)


SEARCH = GOLDEN_CASES["search.json"][1]


def test_a_search_response_becomes_results(engine):
    result = engine.search(SEARCH)
    assert result.ids == [41, 17, 203]
    assert result.total == 3  # hits.total is {"value": 3, "relation": "eq"}
    assert result.facet_counts == {
        "kind": {"case_study": 1, "coach": 1, "resource": 1},
        "organisation": {"wealdshire-community-health": 2, "wealdshire-hospitals": 1},
        "priority": {},
        "topic": {"falls": 3, "frailty": 2},
        "method": {"pdsa": 2},
    }
    # The summary fragment is preferred to the title's, the body's used when it is the only
    # one; OpenSearch escaped them (encoder: html), so they are kept as they came.
    assert result.highlights == {
        41: "Night-time <mark>falls</mark> fell by a third after a &quot;bay watch&quot; "
        "rota &amp; bed alarms.",
        17: "Run the huddle at 10:00 and review every <mark>fall</mark> from the last 24 hours "
        "&lt;before&gt; handover.",
    }
    assert result.documents is None  # the service loads them by id


def test_a_date_sorted_response_keeps_the_clusters_order(engine, fake_cluster):
    fake_cluster.responses = [expected("opensearch-response-date-sort.json")]
    result = engine.search(GOLDEN_CASES["search_filtered.json"][1])
    # Newest first, the undated last (its sort key is Long.MIN_VALUE); scores are null.
    assert result.ids == [88, 41, 203]
    assert result.total == 14
    assert result.facet_counts["kind"] == {"case_study": 9, "event": 4, "coach": 1}
    assert result.highlights == {
        88: "<mark>Falls</mark> prevention week",
        41: "Night-time <mark>falls</mark> fell by a third.",
    }


def test_suggestions_and_similar_work_are_ids_in_the_clusters_order(engine, fake_cluster):
    fake_cluster.responses = [expected("opensearch-response-autocomplete.json")]
    for name in ("autocomplete.json", "similar.json"):
        result = run_case(engine, name)
        assert (result.ids, result.total) == ([52, 41], 2)


def test_a_total_given_as_a_number_is_read_too(engine, fake_cluster):
    """``rest_total_hits_as_int`` (OpenSearch 1.x clients, some proxies) gives a number."""
    response = expected("opensearch-response.json")
    response["hits"]["total"] = 3
    fake_cluster.responses = [response]
    assert engine.search(SEARCH).total == 3


def test_no_match_is_an_empty_result(engine, fake_cluster):
    response = expected("opensearch-response.json")
    response["hits"] = {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []}
    for aggregation in response["aggregations"].values():
        aggregation["doc_count"] = 0
        aggregation["values"]["buckets"] = []
    fake_cluster.responses = [response]
    result = engine.search(SEARCH)
    assert (result.ids, result.total, result.highlights) == ([], 0, {})
    assert result.facet_counts["kind"] == {}


def test_an_error_response_raises_the_clients_error(engine, fake_cluster):
    from opensearchpy import RequestError

    fake_cluster.error = (400, expected("opensearch-response-error.json"))
    with pytest.raises(RequestError) as error:
        engine.search(SEARCH)
    assert error.value.status_code == 400
    assert error.value.error == "search_phase_execution_exception"


@pytest.mark.django_db
def test_a_failing_cluster_is_a_message_on_the_search_page(
    client, home_page, engine, fake_cluster, monkeypatch
):
    fake_cluster.error = (400, expected("opensearch-response-error.json"))
    monkeypatch.setattr(service, "get_engine", lambda: engine)
    response = client.get("/search/", {"q": "falls"})
    assert response.status_code == 503
    assert "Search is not working right now" in response.content.decode()


@pytest.mark.django_db
def test_the_service_shows_opensearch_results(engine, fake_cluster, home_page, monkeypatch):
    page = CaseStudyPageFactory(parent=home_page, title="Falls <b>work</b>")
    page.topics.add("falls")
    page.save()
    response = expected("opensearch-response.json")
    response["hits"]["hits"] = response["hits"]["hits"][:1]
    response["hits"]["hits"][0]["_id"] = str(page_document(page).pk)
    fake_cluster.responses = [response]
    monkeypatch.setattr(service, "get_engine", lambda: engine)
    results = service.search(service.SearchQuery(text="falls", filters={"topic": ["falls"]}))
    [request] = fake_cluster.searches()
    assert request.body["post_filter"] == {
        "bool": {"filter": [{"terms": {"topic_values_filter": ["falls"]}}]}
    }
    [hit] = results.hits
    assert hit.title == "Falls <b>work</b>"  # escaped by the template
    assert str(hit.snippet) == (
        "Night-time <mark>falls</mark> fell by a third after a &quot;bay watch&quot; "
        "rota &amp; bed alarms."
    )
    [topic] = [facet for facet in results.facets if facet.param == "topic"]
    topics = {option.value: option.count for option in topic.options}
    assert topics == {"falls": 3}  # "frailty" is no topic of this database: left out


def test_the_configured_timeout_reaches_the_client(fake_cluster):
    backend = SearchBackend({"URLS": [fake_cluster.url], "INDEX_PREFIX": "hub_", "TIMEOUT": 3})
    connection = engine_for(backend).client.transport.get_connection()
    assert connection.timeout == 3


def test_criteria_without_words_match_everything(engine, fake_cluster):
    engine.search(Criteria(language="en", facets=False))
    [request] = fake_cluster.searches()
    assert request.body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert "highlight" not in request.body


# --- against a real cluster ------------------------------------------------------------------

needs_cluster = pytest.mark.skipif(
    not OS_URL, reason="OPENSEARCH_URL is not set: no OpenSearch cluster to test against"
)


@pytest.fixture
def cluster():
    import opensearchpy

    major = int(opensearchpy.__versionstr__.split(".")[0])
    backends = {
        "default": {
            "BACKEND": f"wagtail.search.backends.opensearch{major}",
            "URLS": [OS_URL],
            "INDEX_PREFIX": "hub_test_",
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


@needs_cluster
@pytest.mark.django_db
def test_round_trip_on_a_real_cluster(cluster, home_page):
    assert isinstance(service.get_engine(), OpenSearchEngine)
    check_round_trip(home_page)


@needs_cluster
@pytest.mark.django_db
def test_another_language_falls_back_to_the_default_on_a_real_cluster(
    cluster, home_page, django_capture_on_commit_callbacks
):
    check_language_fallback(home_page, django_capture_on_commit_callbacks)


@needs_cluster
@pytest.mark.django_db
def test_the_health_check_sees_a_real_cluster(cluster, home_page):
    from django.core.management import call_command

    from search.engines import backend_status

    call_command("update_index", verbosity=0)
    status = backend_status()
    assert (status.ok, status.backend) == (True, "opensearch"), status.detail


@needs_cluster
@pytest.mark.django_db
def test_the_index_analyses_text_as_the_hub_does_on_a_real_cluster(cluster, home_page):
    from django.core.management import call_command

    add_test_synonyms()
    call_command("update_index", verbosity=0)
    engine = service.get_engine()

    def analyze(analyzer, text):
        response = engine.client.indices.analyze(
            index=engine.index_name, body={"analyzer": analyzer, "text": text}
        )
        return [token["token"] for token in response["tokens"]]

    check_analysis(analyze)
