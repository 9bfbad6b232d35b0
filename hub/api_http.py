"""What every API operation does the same way over HTTP, whoever declared it (Wagtail or the
hub): ``HEAD`` and ``OPTIONS``, 405 as a problem document, caching headers and conditional
requests, and pagination links.

:func:`install` wraps the dispatch of each of the API's paths (a django-ninja ``PathView``),
so Wagtail's operations and the hub's get the same behaviour without any view knowing:

- ``HEAD`` is answered as ``GET`` without the body (``Content-Length`` says the GET's size);
  a plain ``OPTIONS`` (not a CORS preflight, which django-cors-headers answers) is a 204
  with ``Allow``; a method the path does not take is a 405 problem document with ``Allow``.
- Reads (a 200 to ``GET``/``HEAD``) get ``Cache-Control`` by what they hold: public content
  asked for anonymously is ``public, max-age=PUBLIC_MAX_AGE`` (short: an editor's change
  shows within a minute), with ``Vary: Authorization`` (a token may see drafts) and
  ``Vary: Accept-Language`` where the language of the answer follows that header; anything
  read with a token, and every operation that needs one (ideas, personal data), is
  ``private, no-store``. Other answers (writes, errors) are ``no-store``.
- Cacheable reads carry an ``ETag`` (a hash of the body, Django's own) and, where the hub
  knows when the thing last changed (a page: its last publication), ``Last-Modified``;
  ``If-None-Match`` and ``If-Modified-Since`` are answered with 304 by Django's
  ``ConditionalGetMiddleware``, applied to the API alone.
- Lists (``{"count", "items"}``) carry RFC 8288 ``Link`` headers to the ``next``,
  ``prev``, ``first`` and ``last`` pages, for ``limit``/``offset`` and ``page``/``limit``
  lists alike. A page past the end is an empty list (``count`` still the total), never the
  last page again, so a client may page until ``items`` is empty.
"""

import json
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from math import ceil
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from .api_schemas import problem_response
from .links import absolute_url

__all__ = ["PUBLIC_MAX_AGE", "PathPolicy", "install"]

# Seconds a shared cache (a CDN, a browser) may keep a public read before asking again (with
# If-None-Match, answered 304 when nothing changed).
PUBLIC_MAX_AGE = 60
PRIVATE = {"private": True, "no_store": True}
DEFAULT_LIMIT = 20  # Wagtail's lists and the hub's offset lists


class PathPolicy:
    """How the reads of one API path may be cached.

    ``public``: anonymous callers may read it (``hub.api.PUBLIC_OPERATIONS``);
    ``language_varies``: the answer follows ``Accept-Language`` when no ``locale`` is given;
    ``last_modified``: ``(request, path kwargs) -> datetime | None``, when the thing read
    last changed."""

    def __init__(
        self,
        *,
        public: bool,
        language_varies: bool = False,
        last_modified: Callable | None = None,
    ):
        self.public = public
        self.language_varies = language_varies
        self.last_modified = last_modified


def install(path_views: dict, policies: dict[str, PathPolicy]) -> None:
    """Wrap each ``PathView``'s dispatch (idempotent). ``path_views``: schema path ->
    ``PathView``; ``policies``: schema path -> :class:`PathPolicy` (absent: private)."""
    for path, path_view in path_views.items():
        if getattr(path_view, "hub_http_installed", False):
            continue
        methods = {method for operation in path_view.operations for method in operation.methods}
        policy = policies.get(path, PathPolicy(public=False))
        path_view._sync_view = _http(path_view._sync_view, methods, policy)
        path_view.hub_http_installed = True


def allowed_methods(methods: set[str]) -> list[str]:
    allowed = set(methods) | {"OPTIONS"}
    if "GET" in allowed:
        allowed.add("HEAD")
    return sorted(allowed)


def method_not_allowed(methods: set[str]) -> HttpResponse:
    allowed = allowed_methods(methods)
    response = problem_response(status=405, detail=f"This address takes {', '.join(allowed)} only.")
    response["Allow"] = ", ".join(allowed)
    return response


def _http(dispatch, methods: set[str], policy: PathPolicy):
    conditional = ConditionalGetMiddleware(get_response=lambda request: None)

    @wraps(dispatch)
    def view(request: HttpRequest, *args, **kwargs):
        method = request.method
        if method == "OPTIONS":
            response = HttpResponse(status=HTTPStatus.NO_CONTENT)
            response["Allow"] = ", ".join(allowed_methods(methods))
            patch_cache_control(response, no_store=True)
            return response
        head = method == "HEAD" and "GET" in methods
        if method not in methods and not head:
            return _no_store(method_not_allowed(methods))
        if head:
            request.method = "GET"
        try:
            response = dispatch(request, *args, **kwargs)
            if request.method == "GET" and response.status_code == 200:
                response = _cacheable(request, response, policy, kwargs)
                response = conditional.process_response(request, response)
            elif response.status_code != 304:
                _no_store(response)
        finally:
            request.method = method
        if head and response.status_code != 304:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response

    return view


def _no_store(response: HttpResponse) -> HttpResponse:
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, no_store=True)
    return response


def _cacheable(request, response, policy: PathPolicy, kwargs) -> HttpResponse:
    if not policy.public or "HTTP_AUTHORIZATION" in request.META:
        patch_cache_control(response, **PRIVATE)
        return response
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    patch_vary_headers(
        response,
        ("Authorization", "Accept-Language") if policy.language_varies else ("Authorization",),
    )
    if policy.last_modified is not None:
        changed = policy.last_modified(request, kwargs)
        if changed is not None:
            response["Last-Modified"] = http_date(changed.timestamp())
    _add_pagination_links(request, response)
    return response


def _add_pagination_links(request, response) -> None:
    if not response.get("Content-Type", "").startswith("application/json"):
        return
    try:
        body = json.loads(response.content)
    except ValueError:
        return
    if not isinstance(body, dict) or "count" not in body or "items" not in body:
        return
    links = pagination_links(request, body)
    if links:
        response["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())


def pagination_links(request, body: dict) -> dict[str, str]:
    """``rel`` -> absolute URL of the neighbouring pages of a list answer."""
    count = body["count"]
    query = request.GET.copy()
    if "page" in body and "limit" in body:  # a numbered list (search)
        limit, page = body["limit"], body["page"]
        last = max(1, ceil(count / limit))
        pages = {"first": 1, "last": last}
        if page < last:
            pages["next"] = page + 1
        if page > 1:
            pages["prev"] = min(page - 1, last)
        return {rel: _url(request, query, page=number) for rel, number in pages.items()}
    try:
        limit = int(request.GET.get("limit", DEFAULT_LIMIT))
        offset = int(request.GET.get("offset", 0))
    except ValueError:
        return {}
    if limit < 1:
        return {}
    offsets = {"first": 0, "last": max(0, (ceil(count / limit) - 1) * limit)}
    if offset + limit < count:
        offsets["next"] = offset + limit
    if offset > 0:
        offsets["prev"] = min(max(0, offset - limit), offsets["last"])
    return {
        rel: _url(request, query, offset=number, limit=limit) for rel, number in offsets.items()
    }


def _url(request, query, **changes) -> str:
    query = query.copy()
    for name, value in changes.items():
        query[name] = str(value)
    return absolute_url(f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}")
