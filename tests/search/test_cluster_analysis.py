"""How an Elasticsearch or OpenSearch cluster analyses the hub's text: the index settings
(English stems, Polish ones with the analysis-stempel plugin, the editors' synonyms in the
search analyser), wired through Wagtail's INDEX_SETTINGS, and the bodies ``update_index``
sends when it creates an index (golden files beside this test, no cluster needed: the real
clients send them to the fake cluster in clusters.py). Against a real cluster, the analysers
themselves are checked in test_elasticsearch.py and test_opensearch.py."""

import copy
import json
import os
import re

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

import pytest

from search.analysis import cluster_index_settings, index_terms, stem, tokens
from search.models import SynonymSet
from search.queries import synonym_rules

from .clusters import EXPECTED, FakeCluster, expected

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# A few sets of each kind, in place of the starter sets (which editors change).
SYNONYMS = [
    ("A&E\naccident and emergency\nemergency department", ""),
    ("pressure ulcer, pressure sore, bed sore", ""),
    ("Plan-Do-Study-Act, PDSA", ""),
    ("upadki, falls", "pl"),
    ("GP", ""),  # one term: not a set
]
RULES = [
    "ae, accident and emergency, emergency department",
    "plan do study act, pdsa",
    "pressure ulcer, pressure sore, bed sore",
    "upadki, falls",
]


def golden(name, actual):
    """Compare with expected/<name>; UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    if UPDATE:
        (EXPECTED / name).write_text(
            json.dumps(actual, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        )
    assert actual == expected(name)


@pytest.fixture
def synonyms(db):
    SynonymSet.objects.all().delete()
    for terms, language in SYNONYMS:
        SynonymSet.objects.create(terms=terms, language=language)


# --- the settings ------------------------------------------------------------------------------


def test_english_index_settings():
    golden("index-settings.json", cluster_index_settings())


def test_polish_stems_and_synonyms_index_settings():
    golden(
        "index-settings-polish.json",
        cluster_index_settings(polish_stemmer=True, synonyms=RULES),
    )


def test_text_fields_use_the_default_analysers_and_synonyms_apply_at_search_time_only():
    analysis = cluster_index_settings(synonyms=RULES)["settings"]["analysis"]
    index, search = analysis["analyzer"]["default"], analysis["analyzer"]["default_search"]
    assert index["filter"] == ["lowercase", "hub_possessive", "hub_english_stemmer"]
    # After the stemmer: the rules are stemmed as queries are.
    assert search["filter"] == [*index["filter"], "hub_synonyms"]
    assert analysis["filter"]["hub_synonyms"]["type"] == "synonym_graph"
    # With the Polish stemmer, Lucene cannot read the rules through the multiplexer: before.
    polish = cluster_index_settings(polish_stemmer=True, synonyms=RULES)["settings"]["analysis"]
    assert polish["analyzer"]["default_search"]["filter"] == [
        "lowercase",
        "hub_possessive",
        "hub_synonyms",
        "hub_stems",
    ]
    # No sets, no synonym filter (an empty one is not valid everywhere).
    plain = cluster_index_settings()["settings"]["analysis"]
    assert "hub_synonyms" not in plain["filter"]
    assert plain["analyzer"]["default_search"] == plain["analyzer"]["default"]


def test_the_english_stemmer_is_the_one_the_database_engines_use():
    """porter2 is Snowball's English stemmer, search.analysis.stem's: the same stems on a
    cluster as in headline_terms/body_terms."""
    filters = cluster_index_settings()["settings"]["analysis"]["filter"]
    assert filters["hub_english_stemmer"] == {"type": "stemmer", "language": "porter2"}
    assert stem("preventing", "en") == stem("prevention", "en") == "prevent"


def test_the_character_filters_fold_as_search_analysis_does():
    """A&E joined, Urdu letter variants folded, vowel marks and joiners dropped: each rule
    of the character filters, applied here as a cluster applies it, gives the same words
    as search.analysis.tokens."""
    char_filters = cluster_index_settings()["settings"]["analysis"]["char_filter"]

    def python(java_regex):
        # \uXXXX escapes as characters; Java's [\p{L}\p{N}] is Python's [^\W_].
        characters = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), java_regex)
        return characters.replace(r"[\p{L}\p{N}]", r"[^\W_]")

    def apply(text):
        text = re.sub(python(char_filters["hub_joined_words"]["pattern"]), "", text)
        for rule in char_filters["hub_urdu_letters"]["mappings"]:
            source, target = (python(side) for side in rule.split("=>"))
            text = text.replace(source, target)
        return re.sub(python(char_filters["hub_dropped_marks"]["pattern"]), "", text).lower()

    for text in ("A&E waits", "R&D and Q&A", "كتاب", "اُردُو", "می\u200cخواهم"):
        assert re.findall(r"[^\W_]+", apply(text)) == tokens(text), text


# --- the editors' synonyms ---------------------------------------------------------------------


def test_synonym_rules_are_the_sets_in_the_words_search_reads(synonyms):
    assert synonym_rules() == RULES
    # Written as index_terms writes A&E, so a rule and the terms fields agree.
    assert "ae" in index_terms("A&E", ("en",)).split()


def test_the_settings_hold_the_analysis_and_not_the_synonyms():
    """Settings cannot read the database; update_index adds the sets at build time."""
    with override_settings(
        WAGTAILSEARCH_BACKENDS={
            "default": {
                "BACKEND": "wagtail.search.backends.opensearch3",
                "INDEX_SETTINGS": cluster_index_settings(),
            }
        }
    ):
        from wagtail.search.backends import get_search_backend

        analysis = get_search_backend().settings["settings"]["analysis"]
        # Wagtail's own analysers (autocomplete) kept beside the hub's.
        assert {"ngram_analyzer", "edgengram_analyzer", "default", "default_search"} <= set(
            analysis["analyzer"]
        )
        assert "hub_synonyms" not in analysis["filter"]


# --- what update_index sends -----------------------------------------------------------------


@pytest.fixture(params=["elasticsearch", "opensearch"])
def fake_cluster(request):
    cluster = FakeCluster(product=request.param)
    yield cluster
    cluster.stop()


@pytest.fixture
def cluster_backend(fake_cluster):
    if fake_cluster.product == "elasticsearch":
        import elasticsearch

        backend = f"elasticsearch{elasticsearch.__versionstr__.split('.')[0]}"
    else:
        import opensearchpy

        backend = f"opensearch{opensearchpy.__versionstr__.split('.')[0]}"
    backends = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{backend}",
            "URLS": [fake_cluster.url],
            "INDEX_PREFIX": "hub_",
            "TIMEOUT": 5,
            "INDEX_SETTINGS": cluster_index_settings(),
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield backends


@pytest.mark.django_db
def test_update_index_creates_each_index_with_the_analysis_and_the_editors_synonyms(
    fake_cluster, cluster_backend, synonyms
):
    configured = copy.deepcopy(cluster_backend)
    call_command("update_index", "--schema-only", verbosity=0)

    [create] = fake_cluster.put("/hub_search_searchdocument_")[:1]
    assert "/" not in create.path.strip("/")  # PUT /<index>: the index itself
    golden("index-create.json", create.body)
    assert create.body["settings"]["analysis"]["filter"]["hub_synonyms"]["synonyms"] == RULES
    # Every index the rebuild creates (pages for the admin's search too) gets the same.
    creates = [r for r in fake_cluster.requests if r.method == "PUT" and r.path.count("/") == 1]
    assert len(creates) > 1
    assert all(r.body == create.body for r in creates)
    # The settings are as configured again once the rebuild is done.
    assert configured == settings.WAGTAILSEARCH_BACKENDS


@pytest.mark.django_db
def test_the_search_documents_mapping_leaves_text_to_the_default_analysers(
    fake_cluster, cluster_backend, synonyms
):
    call_command("update_index", "--schema-only", verbosity=0)
    [mapping] = [
        r
        for r in fake_cluster.put("/hub_search_searchdocument_")
        if r.path.split("?")[0].endswith("/_mapping")
    ]
    golden("index-mapping.json", mapping.body)
    properties = mapping.body["properties"]
    for field in ("title", "summary", "keywords", "body", "headline_terms", "body_terms"):
        assert properties[field]["type"] == "text"
        assert "analyzer" not in properties[field], field  # the index's default
    # Title suggestions keep Wagtail's edge n-grams.
    assert properties["title_edgengrams"]["analyzer"] == "edgengram_analyzer"


@pytest.mark.django_db
def test_a_database_backend_gets_no_index_settings(synonyms):
    from search.management.commands.update_index import index_settings_with_synonyms

    with index_settings_with_synonyms("default") as rules:
        assert rules is None


@pytest.mark.django_db
def test_update_index_uses_the_polish_stemmer_when_configured(
    fake_cluster, cluster_backend, synonyms, settings
):
    settings.SEARCH_POLISH_STEMMER = True
    call_command("update_index", "--schema-only", verbosity=0)
    [create] = fake_cluster.put("/hub_search_searchdocument_")[:1]
    analysis = create.body["settings"]["analysis"]
    expected_polish = cluster_index_settings(polish_stemmer=True, synonyms=RULES)
    assert (
        analysis["analyzer"]["default_search"]
        == (expected_polish["settings"]["analysis"]["analyzer"]["default_search"])
    )
    assert analysis["filter"]["hub_polish_stemmer"] == {"type": "polish_stem"}
