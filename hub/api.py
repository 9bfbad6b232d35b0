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

from functools import wraps
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from wagtail.models import Locale

from ninja import Query, Router, Schema

from directory.api import router as directory_router
from directory.models import Language, Skill
from pages.api import register_field_schemas
from search.api import router as search_router
from submissions.api import router as submissions_router

from .api_schemas import COMMON_ERRORS, problem_response
from .models import Audience, Organisation, Priority, QIMethod, Topic, localized

__all__ = ["api", "install", "not_found"]

TITLE = "Improvement Hub API"
DESCRIPTION = (
    "Content, coach directory, search and idea submission for the Improvement Hub. "
    "Anonymous clients read published, public content. Reading ideas needs the bearer token "
    "of a huddle member (`Authorization: Bearer <token>`). Errors are "
    "`application/problem+json`. See docs/api.md."
)

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
    wagtail_api.description = DESCRIPTION
    wagtail_api.add_router("/taxonomies/", taxonomies_router)
    wagtail_api.add_router("/directory/", directory_router)
    wagtail_api.add_router("/search/", search_router)
    wagtail_api.add_router("/submissions/", submissions_router)
    wagtail_api.get_openapi_schema = _valid_openapi(wagtail_api.get_openapi_schema)
    api = wagtail_api
    return api


def _valid_openapi(get_schema):
    """Wagtail marks optional authentication with an ``AllowAnonymous`` HTTP security
    scheme that has no ``scheme``, which is not valid OpenAPI. Drop it and say "no
    credentials needed" the standard way: an empty security requirement ``{}``."""

    @wraps(get_schema)
    def wrapper(*args, **kwargs):
        schema = get_schema(*args, **kwargs)
        schema.get("components", {}).get("securitySchemes", {}).pop("AllowAnonymous", None)
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                requirements = operation.get("security")
                if requirements:
                    operation["security"] = [
                        {} if "AllowAnonymous" in requirement else requirement
                        for requirement in requirements
                    ]
        return schema

    return wrapper


def not_found(request: HttpRequest, *args, **kwargs):
    """Any other address under /api/ is a JSON 404, never the HTML page."""
    return problem_response(status=404, detail="No API endpoint at this address.")


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


class LocaleItem(Schema):
    code: str
    name: str
    default: bool


class Taxonomies(Schema):
    locale: str
    organisations: list[OrganisationItem]
    priorities: list[TaxonomyItem]
    methods: list[TaxonomyItem]
    audiences: list[TaxonomyItem]
    topics: list[TaxonomyItem]
    skills: list[TaxonomyItem]
    languages: list[TaxonomyItem]
    locales: list[LocaleItem]


class TaxonomyParams(Schema):
    locale: LanguageCode = settings.LANGUAGE_CODE  # type: ignore[valid-type]


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
    locale = Locale.objects.filter(language_code=params.locale).first() or Locale.get_default()
    return {
        "locale": locale.language_code,
        "organisations": _items(Organisation, locale, extra=("organisation_type", "website")),
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
