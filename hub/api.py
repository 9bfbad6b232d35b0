"""The hub's headless API: one OpenAPI contract at ``/api/v3/``.

Wagtail's v3 API (pages, images, documents, redirects, snippets, sites) is a single
django-ninja ``NinjaAPI``; the hub adds its own routers to that same instance, so
``/api/v3/openapi.json`` describes everything and every error has one shape (RFC 9457
``application/problem+json``: ``type``, ``title``, ``status``, ``detail``, ``errors``).

:func:`install` runs once from ``HubConfig.ready()``, before anything reads ``api.urls``.
Project wiring: the one module that imports every app's router (``<app>/api.py``). It owns
the taxonomies router and the fixes to Wagtail's emitted schema (see :func:`_valid_openapi`).
What the routers share (error shape, taxonomy links, facets) is in :mod:`hub.api_schemas`,
below the apps, so no app imports this module.
"""

import json
from functools import wraps
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext

from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.permissions import require_any_permission
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page

from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError

from directory.api import router as directory_router
from directory.models import Language, Skill
from pages.api import extend_pages_list, register_field_schemas
from pages.api import router as case_studies_router
from pages.models import Adoption
from search.api import router as search_router
from submissions.api import router as submissions_router

from . import api_http, signin
from .api_schemas import COMMON_ERRORS, problem_response, request_language
from .enums import PlaceKind
from .models import Audience, Organisation, Place, Priority, QIMethod, Topic, localized

__all__ = ["PUBLIC_OPERATIONS", "api", "install", "not_found", "urls"]

TITLE = "Improvement Hub API"
DESCRIPTION = (
    "Content, coach directory, search and idea submission for the Improvement Hub. "
    "Anonymous clients read published, public content. Reading ideas needs the bearer token "
    "of a huddle member (`Authorization: Bearer <token>`). Errors are "
    "`application/problem+json`. See docs/api.md.\n\n"
    "Limits: each client address may post {submissions} ideas an hour (429 after that); "
    "{failures} unknown bearer tokens from one address within {minutes} minutes lock that "
    "address out of the API and the admin's sign-in for {minutes} minutes (429); request "
    "bodies over {body} bytes are refused (413); lists return at most {list_max} items. "
    "Every 429 carries `Retry-After`: the seconds until the limit resets."
)

# Who may call what without a token: docs/api.md ("What is there"). Every other operation
# needs a bearer token (401 without), whatever the package that declared it says, and the
# reads of redirects also need one of the redirect permissions (403 without).
# tests/api/test_access.py walks every path of the OpenAPI document against this table.
PUBLIC_OPERATIONS = frozenset(
    {
        ("GET", "/pages/"),
        ("GET", "/pages/find/"),
        ("GET", "/pages/{page_id}/"),
        ("GET", "/images/"),
        ("GET", "/images/{image_id}/"),
        ("GET", "/documents/"),
        ("GET", "/documents/{document_id}/"),
        ("GET", "/taxonomies/"),
        ("GET", "/directory/coaches/"),
        ("GET", "/directory/coaches/{coach_id}/"),
        ("GET", "/search/"),
        ("POST", "/submissions/"),
        ("POST", "/case-studies/{page_id}/adoptions/"),
    }
)
# Reads that need a Wagtail permission as well as a token: (path prefix, model).
PERMISSION_READS = (("/redirects/", Redirect),)

api = None  # the installed NinjaAPI, set by install()


def install():
    """Add the hub's routers to Wagtail's v3 API and fix its schema (once)."""
    global api
    if api is not None:
        return api
    register_field_schemas()
    # Importing Wagtail's API builds every page schema: only once the hub's field types
    # are registered (the line above).
    from wagtail.api.v3.api import api as wagtail_api

    wagtail_api.title = TITLE
    wagtail_api.description = DESCRIPTION.format(
        submissions=settings.API_SUBMISSIONS_RATE_LIMIT,
        failures=settings.AXES_FAILURE_LIMIT,
        minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        body=settings.API_MAX_BODY_BYTES,
        list_max=settings.WAGTAILAPI_LIMIT_MAX,
    )
    wagtail_api.add_router("/taxonomies/", taxonomies_router)
    wagtail_api.add_router("/case-studies/", case_studies_router)
    wagtail_api.add_router("/directory/", directory_router)
    wagtail_api.add_router("/search/", search_router)
    wagtail_api.add_router("/submissions/", submissions_router)
    wagtail_api.get_openapi_schema = _valid_openapi(wagtail_api.get_openapi_schema)
    wagtail_api.add_exception_handler(signin.TokenLockedOut, signin.token_locked_out)
    _answer_errors_in_request_language(wagtail_api)
    api = wagtail_api
    return api


def _plain_errors(exc: PydanticValidationError) -> list[dict]:
    """Each refused value by ``type``, ``loc`` and ``msg`` only: never the validator's own
    links (``https://errors.pydantic.dev/…``), context or input."""
    return [
        {"type": error["type"], "loc": list(error["loc"]), "msg": error["msg"]}
        for error in exc.errors(include_url=False, include_context=False, include_input=False)
    ]


def _no_snippets(request: HttpRequest, *args, **kwargs):
    response = problem_response(
        status=404,
        detail="No snippet type is published through the API: taxonomies are at "
        "/api/v3/taxonomies/, coaches at /api/v3/directory/coaches/.",
    )
    response["Cache-Control"] = "no-store"
    return response


def _answer_errors_in_request_language(ninja_api):
    """Every error the API answers (422, 400, 404...) says its ``detail`` in the request's
    language (``hub.api_schemas.request_language``: ``locale`` or ``Accept-Language``).
    Wagtail's 422 handler keeps its list of ``errors``; its English ``detail`` is replaced
    by the hub's translated one."""
    on_exception = ninja_api.on_exception

    @wraps(on_exception)
    def in_request_language(request, exc):
        with translation.override(request_language(request)):
            return on_exception(request, exc)

    ninja_api.on_exception = in_request_language
    wagtail_validation = ninja_api._exception_handlers[NinjaValidationError]

    def validation_failed(request, exc):
        if isinstance(exc, PydanticValidationError):
            errors = _plain_errors(exc)
        else:
            errors = json.loads(wagtail_validation(request, exc).content).get("errors")
        return problem_response(status=422, detail=gettext("Validation failed"), errors=errors)

    for exc_class in (NinjaValidationError, PydanticValidationError, DjangoValidationError):
        ninja_api.add_exception_handler(exc_class, validation_failed)


def urls():
    """The API's URL patterns, once every router is mounted, with the access table and the
    HTTP behaviour every path shares (``hub.api_http``) applied."""
    patterns = install().urls
    _apply_access_table(api)
    # Wagtail publishes a snippet model only when it declares api_fields, and no hub
    # snippet does (taxonomies and coaches have their own endpoints): its snippet
    # operations could never answer, so they are not in the contract and answer 404.
    for method, path, operation in operations(api):
        if (method, path) == ("GET", "/pages/"):
            extend_pages_list(operation)
    api_http.install(dict(path_views(api)), _http_policies())
    for path, path_view in path_views(api):
        if path.startswith("/snippets/"):
            for operation in path_view.operations:
                operation.include_in_schema = False
            path_view._sync_view = _no_snippets
    return patterns


def path_views(ninja_api):
    """Every (path, ``PathView``) of ``ninja_api``, paths as the schema writes them."""
    for router in ninja_api._get_bound_routers():
        for route, path_view in router.path_operations.items():
            full = "/" + "/".join(part for part in (router.prefix + route).split("/") if part)
            yield (full + "/" if full != "/" else full), path_view


def operations(ninja_api):
    """Every (method, path, operation) of ``ninja_api``, paths as the schema writes them."""
    for full, path_view in path_views(ninja_api):
        for operation in path_view.operations:
            for method in operation.methods:
                yield method, full, operation


# Lists whose language follows Accept-Language when no ``locale`` is given.
LANGUAGE_VARIES = frozenset({"/pages/", "/taxonomies/", "/search/"})


def _page_last_modified(request, kwargs):
    return _last_changed(Page.objects.filter(pk=kwargs.get("page_id")).first())


def _last_changed(page):
    """When a page's API answer last changed: its last publication, or a later approval on
    its spread register."""
    if page is None:
        return None
    changes = [page.last_published_at]
    changes += Adoption.objects.filter(
        case_study_id=page.pk, reviewed_at__isnull=False
    ).values_list("reviewed_at", flat=True)
    return max((change for change in changes if change), default=None)


def _http_policies() -> dict[str, api_http.PathPolicy]:
    """How each public read may be cached (every other path: private, no-store)."""
    policies = {}
    for method, path in PUBLIC_OPERATIONS:
        if method != "GET":
            continue
        policies[path] = api_http.PathPolicy(
            public=True,
            language_varies=path in LANGUAGE_VARIES,
            last_modified=_page_last_modified if path == "/pages/{page_id}/" else None,
        )
    return policies


def _apply_access_table(ninja_api):
    """Make every operation answer as ``PUBLIC_OPERATIONS`` says (idempotent): public ones
    keep their optional token, every other one requires a token, and every token check goes
    through the sign-in lockout (``hub.signin.LockoutBearerTokenAuth``)."""
    for method, path, operation in operations(ninja_api):
        if getattr(operation, "hub_access_applied", False):
            continue
        public = (method, path) in PUBLIC_OPERATIONS
        callbacks = [
            signin.LockoutBearerTokenAuth() if isinstance(cb, BearerTokenAuth) else cb
            for cb in operation.auth_callbacks
            if public or not isinstance(cb, AllowAnonymous)
        ]
        if not public and not any(isinstance(cb, BearerTokenAuth) for cb in callbacks):
            callbacks = [signin.LockoutBearerTokenAuth()]
        operation.auth_callbacks = callbacks
        operation.auth_param = callbacks or None
        if method == "GET" and not public:
            for prefix, model in PERMISSION_READS:
                if path.startswith(prefix):
                    operation.view_func = require_any_permission(
                        model, ("add", "change", "delete")
                    )(operation.view_func)
        operation.hub_access_applied = True


def _valid_openapi(get_schema):
    """Wagtail marks optional authentication with an ``AllowAnonymous`` HTTP security
    scheme that has no ``scheme``, which is not valid OpenAPI. Drop it and say "no
    credentials needed" the standard way: an empty security requirement ``{}``.

    Also: the hub's lockout-aware token check is published under the scheme name clients
    know (``BearerTokenAuth``), and the limits are part of the contract: every operation
    that takes a token may answer 401 and 429, and every 429 says ``Retry-After``."""

    @wraps(get_schema)
    def wrapper(*args, **kwargs):
        schema = get_schema(*args, **kwargs)
        schemes = schema.get("components", {}).get("securitySchemes", {})
        schemes.pop("AllowAnonymous", None)
        if LOCKOUT_SCHEME in schemes:
            schemes[BEARER_SCHEME] = schemes.pop(LOCKOUT_SCHEME)
        problem = _problem_response_schema(schema)
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                requirements = operation.get("security")
                if requirements:
                    operation["security"] = [
                        {}
                        if "AllowAnonymous" in requirement
                        else {
                            (BEARER_SCHEME if name == LOCKOUT_SCHEME else name): scopes
                            for name, scopes in requirement.items()
                        }
                        for requirement in requirements
                    ]
                responses = operation.setdefault("responses", {})
                if any(
                    BEARER_SCHEME in requirement for requirement in operation.get("security", [])
                ):
                    responses.setdefault(
                        "401", {**problem, "description": "No token, or an unknown or revoked one"}
                    )
                    responses.setdefault(
                        "429",
                        {
                            **problem,
                            "description": "Too many unknown tokens or failed sign-ins from "
                            "this address: locked out until Retry-After has passed",
                        },
                    )
                for status in list(responses):
                    if str(status) == "429":
                        responses[status] = {
                            **responses[status],
                            "headers": {"Retry-After": RETRY_AFTER_HEADER},
                        }
        _complete_contract(schema, problem)
        return schema

    return wrapper


API_PREFIX = "/api/v3"
# What every public read answers with besides its body (hub.api_http).
READ_HEADERS = {
    "Cache-Control": {
        "description": "public, max-age=60 for public content read anonymously; "
        "private, no-store with a token or personal data.",
        "schema": {"type": "string"},
    },
    "ETag": {
        "description": "The answer's version, for If-None-Match.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "A page's last publication (pages only), for If-Modified-Since.",
        "schema": {"type": "string"},
    },
    "Link": {
        "description": "Lists: RFC 8288 links to the first, last, next and prev pages.",
        "schema": {"type": "string"},
    },
}
NOT_MODIFIED = {
    "description": "Not Modified: the ETag (If-None-Match) or date (If-Modified-Since) "
    "given is still current.",
    "headers": {name: READ_HEADERS[name] for name in ("Cache-Control", "ETag")},
}
# Statuses any operation may answer, with when (hub.middleware, hub.api_http, Wagtail).
ERROR_REASONS = {
    400: "Bad Request: a NUL character (%00) in the address, a limit over the maximum, a "
    "position no database holds, or a body that is not JSON",
    401: "No token, or an unknown or revoked one",
    403: "The token's user may not do this",
    404: "Nothing at this address",
    413: "The body is larger than API_MAX_BODY_BYTES",
    422: "A parameter or an answer was refused: `errors` names each one",
}


# Positions in a list: hub.middleware.RequestGuardMiddleware refuses (400) any beyond this.
POSITIONS = ("limit", "offset", "page")
MAX_POSITION = 10**9


def _bound_position(schema: dict, name: str) -> None:
    """Wagtail's own lists refuse (400) a ``limit`` over ``WAGTAILAPI_LIMIT_MAX``; every
    position over ``MAX_POSITION`` is refused by the request guard."""
    ceiling = settings.WAGTAILAPI_LIMIT_MAX if name == "limit" else MAX_POSITION
    if schema.get("type") == "integer":
        schema["maximum"] = min(schema.get("maximum", ceiling), ceiling)
    for option in schema.get("anyOf", []):
        _bound_position(option, name)


# No address may hold a NUL character (hub.middleware.RequestGuardMiddleware: 400).
NO_NUL = r"^[^\x00]*$"


def _without_nul(schema: dict) -> None:
    """Say on every text parameter that it cannot hold a NUL character."""
    if schema.get("type") == "string" and not (
        {"pattern", "enum", "const", "format"} & set(schema)
    ):
        schema["pattern"] = NO_NUL
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            _without_nul(option)
    if isinstance(schema.get("items"), dict):
        _without_nul(schema["items"])


def _complete_contract(schema: dict, problem: dict) -> None:
    """Every status and content type an operation may answer with, in the contract: errors
    are ``application/problem+json``; reads say their caching headers and may answer 304."""
    for path, path_item in schema.get("paths", {}).items():
        short = path.removeprefix(API_PREFIX)
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = {}
            for status, response in operation["responses"].items():
                responses.setdefault(str(status), response)
            operation["responses"] = responses
            for status, response in responses.items():
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    response["content"] = {"application/problem+json": content["application/json"]}
            parameters = operation.get("parameters", [])
            for parameter in parameters:
                if parameter["in"] == "query" and parameter["name"] in POSITIONS:
                    _bound_position(parameter["schema"], parameter["name"])
                if parameter["in"] in ("query", "path"):
                    _without_nul(parameter["schema"])
            # 404: any address may name nothing (an id, a locale, a path that is not a page).
            statuses = {400, 404}
            if parameters or "requestBody" in operation:
                statuses.add(422)
            if "requestBody" in operation:
                statuses.add(413)
            if (method.upper(), short) not in PUBLIC_OPERATIONS:
                statuses |= {401, 403}
            for status in sorted(statuses):
                responses.setdefault(str(status), {**problem, "description": ERROR_REASONS[status]})
            if (method, short) == ("get", "/pages/"):
                _document_pages_list(operation)
            if method == "get" and "200" in responses:
                responses["200"].setdefault("headers", {}).update(READ_HEADERS)
                responses["304"] = NOT_MODIFIED


LOCKOUT_SCHEME = "LockoutBearerTokenAuth"
BEARER_SCHEME = "BearerTokenAuth"
RETRY_AFTER_HEADER = {
    "description": "Seconds until the limit resets and the request may be repeated.",
    "schema": {"type": "integer", "minimum": 1},
}


def _problem_response_schema(schema) -> dict:
    if "ProblemDetail" in schema.get("components", {}).get("schemas", {}):
        body = {"$ref": "#/components/schemas/ProblemDetail"}
    else:
        body = {"type": "object"}
    return {"description": "", "content": {"application/problem+json": {"schema": body}}}


def not_found(request: HttpRequest, *args, **kwargs):
    """Any other address under /api/ is a JSON 404, never the HTML page."""
    with translation.override(request_language(request)):
        return problem_response(status=404, detail=gettext("No API endpoint at this address."))


# Taxonomies --------------------------------------------------------------------------------

LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]


class TaxonomyItem(Schema):
    id: int
    name: str
    slug: str
    description: str = ""


class OrganisationItem(TaxonomyItem):
    organisation_type: str
    website: str


class PlaceItem(TaxonomyItem):
    kind: PlaceKind
    parent_id: int | None = Field(description="The id of the larger place it sits inside.")


class LocaleItem(Schema):
    code: str
    name: str
    default: bool


class Taxonomies(Schema):
    locale: str
    organisations: list[OrganisationItem]
    places: list[PlaceItem]
    priorities: list[TaxonomyItem]
    methods: list[TaxonomyItem]
    audiences: list[TaxonomyItem]
    topics: list[TaxonomyItem]
    skills: list[TaxonomyItem]
    languages: list[TaxonomyItem]
    locales: list[LocaleItem]


class TaxonomyParams(Schema):
    locale: LanguageCode | None = Field(  # type: ignore[valid-type]
        None, description="The language of the names (by default the request's Accept-Language)."
    )


taxonomies_router = Router(tags=["taxonomies"])


def _items(model, locale, *, extra=()):
    rows = localized(model.objects.all(), locale)
    items = []
    for obj in rows:
        item = {
            "id": obj.pk,
            "name": obj.name,
            "slug": obj.slug,
            "description": getattr(obj, "description", "") or "",
        }
        for name in extra:
            item[name] = getattr(obj, name)
        items.append(item)
    return items


@taxonomies_router.get(
    "/",
    response={200: Taxonomies, **COMMON_ERRORS},
    url_name="hub_taxonomies",
    summary="Every taxonomy, in one language",
    operation_id="taxonomies_list",
    auth=None,
)
def list_taxonomies(request: HttpRequest, params: TaxonomyParams = Query(...)):  # noqa: B008
    """Organisations, system priorities, QI methods, audiences, topics, coach skills and
    languages, with names in ``locale`` where translated (the default language otherwise).
    Ids and slugs are what the other endpoints filter by."""
    code = params.locale or request_language(request)
    locale = Locale.objects.filter(language_code=code).first() or Locale.get_default()
    return {
        "locale": locale.language_code,
        "organisations": _items(Organisation, locale, extra=("organisation_type", "website")),
        "places": _items(Place, locale, extra=("kind", "parent_id")),
        "priorities": _items(Priority, locale),
        "methods": _items(QIMethod, locale),
        "audiences": _items(Audience, locale),
        "topics": _items(Topic, locale),
        "skills": _items(Skill, locale),
        "languages": _items(Language, locale),
        "locales": [
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "default": code == settings.LANGUAGE_CODE,
            }
            for code, _name in settings.LANGUAGES
        ],
    }


# The characters of Wagtail's fields syntax: names, commas, brackets, `*` and `-`.
FIELDS_PATTERN = r"^[A-Za-z0-9_,()*\- ]*$"


def _document_pages_list(operation: dict) -> None:
    """The hub's additions to Wagtail's pages list (``pages.api.extend_pages_list``)."""
    parameters = operation.setdefault("parameters", [])
    for parameter in parameters:
        if parameter["name"] == "locale":
            parameter["description"] = (
                "The pages' language (by default the request's Accept-Language; empty for "
                "every language)."
            )
    names = {parameter["name"] for parameter in parameters}
    added = [
        {
            "in": "query",
            "name": "fields",
            "required": False,
            "description": "Fields to add to each item, Wagtail's syntax: `teaser,measures(name)`; "
            "`*` for every field, `-title` to leave one out. Without one `type`, only the fields "
            "every page has (listing_summary, teaser, listing_image_thumbnail). 422 for a field "
            "the type does not have.",
            "schema": {"type": "string", "pattern": FIELDS_PATTERN},
        },
        {
            "in": "query",
            "name": "starts_after",
            "required": False,
            "description": "Only events starting on or after this date (or date and time).",
            "schema": {
                "anyOf": [
                    {"type": "string", "format": "date"},
                    {"type": "string", "format": "date-time"},
                ]
            },
        },
        {
            "in": "query",
            "name": "starts_before",
            "required": False,
            "description": "Only events starting on or before this date (or date and time). "
            "Neither date can be combined with `search` (422).",
            "schema": {
                "anyOf": [
                    {"type": "string", "format": "date"},
                    {"type": "string", "format": "date-time"},
                ]
            },
        },
    ]
    parameters += [parameter for parameter in added if parameter["name"] not in names]
