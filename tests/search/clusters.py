"""What the Elasticsearch and OpenSearch tests share: the golden request cases, and a fake
cluster that answers over HTTP on 127.0.0.1 so the real clients (``elasticsearch``,
``opensearch-py``) send real requests without a real cluster.

No Elasticsearch or OpenSearch server can run on the CI machines; the fake answers only the
few calls the hub makes (HEAD on the root and the index, ``_search``), with canned
responses the test gives it, and records every request as the cluster received it."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from search.engines.base import Criteria, word_concepts
from search.queries import Concept, Word

EXPECTED = Path(__file__).parent / "expected"
INDEX = "hub_search_searchdocument"


def expected(name):
    return json.loads((EXPECTED / name).read_text())


# (golden file, engine method, its arguments): the requests the cluster engines send, the same
# for Elasticsearch and OpenSearch.
GOLDEN_CASES = {
    "search.json": (
        "search",
        Criteria(
            concepts=(Concept(((Word("pressure", ("pressur",)), Word("ulcers", ("ulcer",))),)),),
            text="pressure ulcers",
            language="en",
            also_kinds_any_language=("coach",),
            offset=10,
            limit=10,
        ),
    ),
    "search_filtered.json": (
        "search",
        Criteria(
            concepts=word_concepts(["falls"]),
            text="falls",
            language="pl",
            also_kinds_any_language=("coach",),
            filters={"kind": ("case_study", "resource"), "topic": ("falls",)},
            sort="date",
        ),
    ),
    # Polish documents, coaches, and English ones with no Polish translation; Polish ones
    # first, then by score.
    "search_fallback.json": (
        "search",
        Criteria(
            concepts=word_concepts(["falls"]),
            text="falls",
            language="pl",
            also_kinds_any_language=("coach",),
            fallback_language="en",
        ),
    ),
    "autocomplete.json": (
        "autocomplete",
        Criteria(
            concepts=word_concepts(["pressure", "ul"]),
            language="en",
            also_kinds_any_language=("coach",),
            limit=8,
        ),
    ),
    # Two concepts, one with synonyms ("A&E" is "ae": no prefix), found relaxed: one of two.
    "search_relaxed.json": (
        "search",
        Criteria(
            concepts=(
                Concept(
                    (
                        (Word("ae"),),
                        (Word("emergency", ("emerg",)), Word("department", ("depart",))),
                    ),
                    label="ae",
                ),
                Concept(((Word("waits", ("wait",)),),), label="waits"),
            ),
            relaxed=True,
            min_match=1,
            text="A&E waits",
            language="en",
        ),
    ),
    "similar.json": (
        "similar",
        (
            "Fewer falls at night on ward 7",
            Criteria(language="en", kinds=("case_study", "resource", "event", "page"), limit=5),
        ),
    ),
}


def run_case(engine, name):
    method, args = GOLDEN_CASES[name]
    args = args if isinstance(args, tuple) else (args,)
    return getattr(engine, method)(*args)


def _parse(raw: bytes):
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode()  # newline-delimited JSON (a bulk request)


@dataclass
class Request:
    method: str
    path: str
    headers: dict
    body: dict | None


@dataclass
class FakeCluster:
    """An HTTP server playing Elasticsearch (``product="elasticsearch"``, which the
    ``elasticsearch`` client insists on) or OpenSearch."""

    product: str = "opensearch"
    # Answers to searches, in order; the last one repeats.
    responses: list = field(default_factory=list)
    # An error answer instead: (status, body).
    error: tuple[int, dict] | None = None
    index_exists: bool = True
    # Seconds to wait before answering (a cluster that hangs).
    delay: float = 0.0
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self):
        cluster = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body=None):
                payload = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if cluster.product == "elasticsearch":
                    self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                cluster.requests.append(
                    Request(
                        method=self.command,
                        path=self.path,
                        headers={key.lower(): value for key, value in self.headers.items()},
                        body=_parse(raw),
                    )
                )
                if cluster.delay:
                    time.sleep(cluster.delay)

            def do_HEAD(self):  # noqa: N802 - http.server's naming
                self._record()
                path = self.path.split("?")[0].strip("/")
                found = path == "" or (path == INDEX and cluster.index_exists)
                self._answer(200 if found else 404)

            def do_POST(self):  # noqa: N802
                self._record()
                path = self.path.split("?")[0]
                if cluster.error:
                    self._answer(*cluster.error)
                elif path == f"/{INDEX}/_search":
                    responses = cluster.responses
                    self._answer(200, responses.pop(0) if len(responses) > 1 else responses[0])
                elif path.endswith("/_refresh"):
                    self._answer(200, {"_shards": {"total": 1, "successful": 1, "failed": 0}})
                else:
                    self._answer(404, {"error": "no such route in the fake cluster"})

            do_GET = do_POST  # noqa: N815

            def do_PUT(self):  # noqa: N802
                """Creating an index, its mapping, an alias: what a rebuild sends."""
                self._record()
                name = self.path.split("?")[0].strip("/").split("/")[0]
                self._answer(
                    200, {"acknowledged": True, "shards_acknowledged": True, "index": name}
                )

            def do_DELETE(self):  # noqa: N802
                self._record()
                self._answer(200, {"acknowledged": True})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def put(self, path_start: str) -> list[Request]:
        """The PUT requests whose path starts with ``path_start``."""
        return [r for r in self.requests if r.method == "PUT" and r.path.startswith(path_start)]

    def searches(self) -> list[Request]:
        return [request for request in self.requests if request.path.startswith(f"/{INDEX}/")]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# --- against a real cluster (Elasticsearch or OpenSearch, whichever the settings name) --------


def check_round_trip(home_page):
    """Index two pages, then search (with a typo), suggest and find similar work."""
    from django.core.management import call_command

    from demo.factories import CaseStudyPageFactory
    from search import service

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


def check_language_fallback(home_page, capture_on_commit_callbacks):
    """A Polish search finds the Polish translation first, then the English page that has
    none."""
    from django.core.management import call_command

    from wagtail.models import Locale

    from demo.factories import CaseStudyPageFactory
    from demo.translations import translate
    from search import service

    polish, _created = Locale.objects.get_or_create(language_code="pl")
    night = CaseStudyPageFactory(parent=home_page, title="Falls at night")
    day = CaseStudyPageFactory(parent=home_page, title="Falls by day")
    with capture_on_commit_callbacks(execute=True):
        translate(home_page, polish, {})
        translate(day, polish, {"Falls by day": "Falls w dzień"})
    call_command("update_index", verbosity=0)
    hits = service.search(service.SearchQuery(text="falls", language="pl")).hits
    assert [(hit.title, hit.language) for hit in hits] == [
        ("Falls w dzień", "pl"),
        (night.title, "en"),
    ]


def check_analysis(analyze):
    """The index's analysers as a cluster runs them (``analyze(analyzer, text)`` gives the
    tokens): English stems, A&E whole, possessives dropped, Urdu folded, and the editors'
    synonyms at search time only. Call after the set below exists and update_index ran."""
    assert analyze("default", "Preventing prevention") == ["prevent", "prevent"]
    assert analyze("default", "A&E waits") == ["ae", "wait"]
    assert analyze("default", "Parkinson's") == ["parkinson"]
    assert analyze("default", "كتاب") == analyze("default", "کتاب")
    assert analyze("default", "zqxalpha") == ["zqxalpha"]
    assert "zqxbeta" in analyze("default_search", "zqxalpha")


def add_test_synonyms():
    from search.models import SynonymSet

    SynonymSet.objects.create(terms="zqxalpha, zqxbeta")
