"""schemathesis over the live ``/api/v3/openapi.json``, in-process, as an anonymous client.

Every operation in the schema, Wagtail's and the hub's, is its own test, run through
schemathesis's own phases: **examples** (the schema's), **coverage** (every boundary and
every kind of invalid value, derived from the schema), **fuzzing** (``MAX_EXAMPLES``
generated requests, valid and invalid, derandomized so CI sends the same ones each run);
and :func:`test_stateful_journeys` runs the **stateful** phase over the schema's links.
Each response goes through **every** check schemathesis has (status codes, content types,
response headers and schemas, positive data accepted and negative data refused, missing
headers, unsupported methods, ...) plus :func:`anonymous_as_documented`.

``HUB_SCHEMATHESIS_EXAMPLES`` raises the fuzzing examples per operation for a longer run
(the issue's run used 100); the default keeps the suite's time modest.

The suite also runs on SQLite, which stores a NUL character where PostgreSQL refuses one
(a server error there): :func:`postgres_like_nul` makes SQLite refuse it too, so a NUL that
reaches the database fails here as it would in CI on PostgreSQL.

``pytest -s`` prints the numbers: operations, requests, statuses and seconds (timings are
reported, not asserted: the machines are shared and noisy).
"""

import os
import time
from collections import Counter
from contextlib import contextmanager
from urllib.parse import quote

from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.generation.stateful import run_state_machine_as_test
from schemathesis.pytest._test_builder import build_operation_test

import hub.urls  # noqa: F401 (mounts the API as served: the contract below is the live one)
from hub import api as hub_api

SCHEMA_URL = "/api/v3/openapi.json"
MAX_EXAMPLES = int(os.environ.get("HUB_SCHEMATHESIS_EXAMPLES", "10"))
STATEFUL_EXAMPLES = int(os.environ.get("HUB_SCHEMATHESIS_STATEFUL_EXAMPLES", "10"))
METHODS = ("get", "put", "post", "patch", "delete")
HYPOTHESIS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
CONFIG = {
    "workers": 1,
    "generation": {"max-examples": MAX_EXAMPLES, "mode": "all", "deterministic": True},
    "phases": {
        "examples": {"enabled": True},
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": True, "max-steps": 10},
    },
    "checks": {"enabled": True},
    # Rules between answers that JSON Schema cannot say, each refused with a 422 naming the
    # answers (so a schema-valid request may be refused here, and only with 422): Wagtail's
    # lists refuse `order=random` with an `offset`, and `child_of` with `descendant_of`;
    # the idea and adoption forms want the "other" text when "other" is chosen, and ids
    # that exist.
    "operations": [
        {
            "include-operation-id": operation_id,
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]
                }
            },
        }
        for operation_id in (
            "pages_list",
            "images_list",
            "documents_list",
            "submissions_create",
            "adoptions_create",
        )
    ],
}


def _operations(schema: dict) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in METHODS
    ]


# Known at collection from the generator the live view uses, so each operation is its own
# test; test_the_live_schema_has_exactly_these_operations keeps the two lists equal.
OPERATIONS = _operations(hub_api.api.get_openapi_schema())

requests_sent: Counter = Counter()  # "METHOD /path" -> requests
statuses: Counter = Counter()  # "METHOD status" -> responses
stateful_steps: Counter = Counter()  # "METHOD /path" -> steps of the stateful phase


def _allows_anonymous(operation) -> bool:
    requirements = operation.definition.raw.get(
        "security", operation.schema.raw_schema.get("security", [{}])
    )
    return {} in requirements


def anonymous_as_documented(ctx, response, case):
    """Public reads are public; everything else is refused to an anonymous caller. (A
    method the operation does not have, sent by the coverage phase, is answered by the
    path, with 204 to OPTIONS or 405: the unsupported_method check judges it.)"""
    if response.request.method != case.operation.method.upper():
        return
    status = response.status_code
    if _allows_anonymous(case.operation):
        if case.meta.generation.mode == GenerationMode.POSITIVE and status in (401, 403):
            raise AssertionError(f"a public operation refused an anonymous caller ({status})")
    elif 200 <= status < 300:
        raise AssertionError(f"an operation needing a token answered anonymously ({status})")


def _refuse_nul(execute, sql, params, many, context):
    values = [value for group in params for value in group] if many else (params or [])
    if any(isinstance(value, str) and "\x00" in value for value in values):
        raise ValueError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    return execute(sql, params, many, context)


@pytest.fixture
def postgres_like_nul(db):
    with connection.execute_wrapper(_refuse_nul):
        yield


@contextmanager
def connection_kept_open():
    """Django closes "old" connections when a request starts and ends; inside the tests'
    transaction that would drop it on PostgreSQL, so, as Django's test client does, requests
    sent straight to the WSGI handler leave the connection alone."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def live_schema(seeded, django_db_blocker):
    """The schema as the running app serves it; requests go to the app in-process."""
    with django_db_blocker.unblock(), connection_kept_open():
        return schemathesis.openapi.from_wsgi(
            SCHEMA_URL, WSGIHandler(), config=SchemathesisConfig.from_dict(CONFIG)
        )


@pytest.fixture
def in_test_transaction(postgres_like_nul):
    with connection_kept_open():
        yield
    cache.clear()


@pytest.fixture(scope="module")
def stopwatch():
    started = time.monotonic()
    yield
    elapsed = time.monotonic() - started
    print(  # noqa: T201 (the numbers, with pytest -s)
        f"\nschemathesis: {len(requests_sent)} operations, {sum(requests_sent.values())} "
        f"requests (max {MAX_EXAMPLES} generated per operation) in {elapsed:.1f} s\n"
        f"statuses: {dict(sorted(statuses.items()))}\n"
        f"stateful: {sum(stateful_steps.values())} steps over {len(stateful_steps)} operations"
    )


def test_the_live_schema_has_exactly_these_operations(live_schema):
    assert sorted(_operations(live_schema.raw_schema)) == sorted(OPERATIONS)
    assert len(OPERATIONS) > 40


def _fresh_limits() -> None:
    """Each request starts afresh: ideas posted per address per hour (the cache), and the
    lockout after unknown tokens (django-axes' records: schemathesis sends made-up ones)."""
    from axes.models import AccessAttempt, AccessFailureLog

    cache.clear()
    AccessAttempt.objects.all().delete()
    AccessFailureLog.objects.all().delete()


def _record(method: str, path: str, response) -> None:
    requests_sent[f"{method} {path}"] += 1
    statuses[f"{response.request.method} {response.status_code}"] += 1


@pytest.mark.usefixtures("stopwatch", "in_test_transaction")
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_operation_answers_within_its_contract(live_schema, method, path):
    """The examples, coverage and fuzzing phases, every check."""
    operation = live_schema[path][method]

    def check(case):
        _fresh_limits()
        response = case.call_and_validate(additional_checks=[anonymous_as_documented])
        _record(method, path, response)

    test = build_operation_test(
        config=live_schema.config,
        operation=operation,
        test_func=check,
        given_kwargs={},
        feedback=FeedbackSources(),
        explicit_settings=HYPOTHESIS,
    )
    test()


@pytest.mark.usefixtures("stopwatch", "in_test_transaction")
def test_stateful_journeys(live_schema):
    """The stateful phase: sequences that follow the schema's links (a list's item to its
    detail, a posted idea to its reference), every check on every step."""

    class Journeys(live_schema.as_state_machine()):
        def before_call(self, case):
            _fresh_limits()

        def validate_response(self, response, case, **kwargs):
            _record(case.method, case.path, response)
            stateful_steps[f"{case.method} {case.path}"] += 1
            case.validate_response(response, additional_checks=[anonymous_as_documented], **kwargs)

    run_state_machine_as_test(
        Journeys,
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=10,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    # The journeys really went from one operation to another.
    assert sum(stateful_steps.values()) >= STATEFUL_EXAMPLES
    assert len(stateful_steps) > 1


def test_a_nul_in_any_query_parameter_is_refused_not_a_crash(seeded, postgres_like_nul):
    """What PostgreSQL would turn into a server error: every query parameter of every read,
    with a NUL in its value, is a 400 problem document."""
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    with_nul = quote("a\x00b")
    tried = 0
    for path, item in hub_api.install().get_openapi_schema()["paths"].items():
        if "get" not in item or "{" in path:
            continue
        for parameter in item["get"].get("parameters", []):
            if parameter["in"] != "query":
                continue
            response = client.get(f"{path}?{parameter['name']}={with_nul}")
            tried += 1
            assert response.status_code == 400, (path, parameter["name"], response.content)
            assert response["Content-Type"] == "application/problem+json"
    assert tried > 30
    assert client.get("/api/v3/submissions/IH%00/").status_code == 400
