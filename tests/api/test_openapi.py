"""The emitted ``/api/v3/openapi.json`` is a valid OpenAPI 3.1 document that names every hub
operation and says which need a token; the Swagger UI is served from the hub itself."""

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from hub import api as hub_api

SCHEMA_URL = "/api/v3/openapi.json"
BEARER = "BearerTokenAuth"

# (method, path) -> operationId, for every operation the hub adds to Wagtail's API.
HUB_OPERATIONS = {
    ("get", "/api/v3/taxonomies/"): "taxonomies_list",
    ("get", "/api/v3/directory/coaches/"): "coaches_list",
    ("get", "/api/v3/directory/coaches/{coach_id}/"): "coaches_detail",
    ("get", "/api/v3/search/"): "search",
    ("get", "/api/v3/submissions/"): "submissions_list",
    ("post", "/api/v3/submissions/"): "submissions_create",
    ("get", "/api/v3/submissions/{reference}/"): "submissions_detail",
    ("post", "/api/v3/case-studies/{page_id}/adoptions/"): "adoptions_create",
}
HUDDLE_ONLY = {("get", "/api/v3/submissions/"), ("get", "/api/v3/submissions/{reference}/")}
# Wagtail's reads that anonymous clients may make (live, public content only).
WAGTAIL_PUBLIC_READS = {
    "/api/v3/pages/",
    "/api/v3/pages/find/",
    "/api/v3/pages/{page_id}/",
    "/api/v3/images/",
    "/api/v3/images/{image_id}/",
    "/api/v3/documents/",
    "/api/v3/documents/{document_id}/",
    # Not the redirects: Wagtail reads them anonymously, docs/api.md needs a token (hub.api).
}
METHODS = ("get", "put", "post", "patch", "delete")


@pytest.fixture
def client(db):
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def schema(client):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


def _security(schema, operation):
    # An operation's own requirements, else the document's; none at all means anonymous.
    return operation.get("security", schema.get("security", [{}]))


def test_the_schema_validates_as_openapi_3_1(schema):
    assert re.fullmatch(r"3\.1\.\d+", schema["openapi"])
    validate(schema, cls=OpenAPIV31SpecValidator)


def test_the_validator_is_strict_enough_to_catch_wagtail_s_unfixed_schema():
    """Without hub.api._valid_openapi the emitted schema is invalid: the check has teeth."""
    unfixed = hub_api.install().get_openapi_schema.__wrapped__()
    unfixed = json.loads(json.dumps(unfixed, cls=DjangoJSONEncoder))
    assert "AllowAnonymous" in unfixed["components"]["securitySchemes"]
    with pytest.raises(OpenAPIValidationError, match="scheme"):
        validate(unfixed, cls=OpenAPIV31SpecValidator)


def test_no_allow_anonymous_scheme_is_left(schema):
    assert schema["components"]["securitySchemes"] == {BEARER: {"type": "http", "scheme": "bearer"}}
    assert "AllowAnonymous" not in json.dumps(schema)


def test_every_hub_operation_is_there_with_an_operation_id_and_a_summary(schema):
    for (method, path), operation_id in HUB_OPERATIONS.items():
        assert path in schema["paths"], path
        operation = schema["paths"][path].get(method)
        assert operation is not None, (method, path)
        assert operation["operationId"] == operation_id
        assert operation["summary"].strip()


def test_every_operation_has_a_unique_operation_id_and_a_summary(schema):
    ids = []
    for method, path, operation in _operations(schema):
        assert operation.get("operationId"), (method, path)
        assert operation.get("summary", "").strip(), (method, path)
        ids.append(operation["operationId"])
    assert len(ids) == len(set(ids)) > 40


def test_huddle_reads_need_the_bearer_token_and_public_ones_need_nothing(schema):
    for method, path in HUB_OPERATIONS:
        requirements = _security(schema, schema["paths"][path][method])
        if (method, path) in HUDDLE_ONLY:
            assert requirements == [{BEARER: []}], (method, path)
        else:
            assert {} in requirements, (method, path)


def test_wagtail_s_public_reads_allow_anonymous_and_everything_else_needs_the_token(schema):
    hub_paths = {path for _method, path in HUB_OPERATIONS}
    for method, path, operation in _operations(schema):
        if path in hub_paths:
            continue
        requirements = _security(schema, operation)
        assert {BEARER: []} in requirements, (method, path)
        if method == "get" and path in WAGTAIL_PUBLIC_READS:
            assert {} in requirements, (method, path)
        else:
            assert {} not in requirements, (method, path)


def test_the_swagger_ui_is_served_from_the_hub_not_a_cdn(client):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert SCHEMA_URL in html
    assets = re.findall(r"""<(?:script|link)\b[^>]*\b(?:src|href)=["']([^"']+)["']""", html)
    assert any(asset.endswith(".js") for asset in assets)
    assert any(asset.endswith(".css") for asset in assets)
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", html), assets
    assert "https://" not in html
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert Client().get(asset).status_code == 200, asset
