"""What every API router shares: the error shape, taxonomy links and listing facets.

Below the apps (each app's ``api.py`` imports this module); the API mount itself
(``hub.api``, project wiring) sits above them. Every error is RFC 9457
``application/problem+json`` (``type``, ``title``, ``status``, ``detail``, ``errors``), the
shape Wagtail's v3 API already uses: :class:`ProblemDetail` describes it in the contract and
:func:`problem_response` answers with it.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

from wagtail.api.v3.errors import ProblemDetail, problem_response

from ninja import Schema

from .listings import Facet

__all__ = [
    "COMMON_ERRORS",
    "ProblemDetail",
    "TaxonomyRef",
    "facets_payload",
    "problem_response",
    "request_language",
    "taxonomy_ref",
    "taxonomy_refs",
]


def request_language(request: HttpRequest, explicit: str | None = None) -> str:
    """The language an API answer's human-readable text (``detail``, error messages) is
    in, and the language a list answers in when the client names none: ``explicit`` (a
    payload's ``language``) or the ``locale`` query parameter when it names an offered
    language, else the first of the site's languages in the client's ``Accept-Language``,
    else the default.

    The API's paths are outside Django's language prefixes, cookie and locale middleware
    (``hub.middleware.HubLocaleMiddleware`` keeps them in the default language), so only
    these count; responses that use the header say ``Vary: Accept-Language``."""
    offered = {code for code, _name in settings.LANGUAGES}
    for code in (explicit, request.GET.get("locale")):
        if code in offered:
            return code
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


# Responses every hub operation may give besides its success, for the contract.
COMMON_ERRORS = {400: ProblemDetail, 422: ProblemDetail}


class TaxonomyRef(Schema):
    """A link to an organisation, priority, method, audience or skill."""

    id: int
    name: str
    slug: str


def taxonomy_ref(obj) -> dict | None:
    """A taxonomy object as a :class:`TaxonomyRef` payload (``None`` stays ``None``)."""
    return {"id": obj.pk, "name": obj.name, "slug": obj.slug} if obj is not None else None


def taxonomy_refs(objects, locale_id) -> list[dict]:
    """Taxonomy objects as :class:`TaxonomyRef` payloads in the language ``locale_id``
    (a page's own), each falling back to itself where not translated, in one query.

    A page's many-to-many links (priorities, methods, audiences) point at the
    default-language objects even on a translated page: wagtail-localize translates
    foreign keys, not many-to-many fields."""
    objects = list(objects)
    if not objects:
        return []
    model = type(objects[0])
    translated = {
        obj.translation_key: obj
        for obj in model.objects.filter(
            translation_key__in=[obj.translation_key for obj in objects], locale_id=locale_id
        )
    }
    return [taxonomy_ref(translated.get(obj.translation_key, obj)) for obj in objects]


def facets_payload(facets: list[Facet]) -> list[dict]:
    """Listing or search facets (:class:`hub.listings.Facet`, the response type too) as the
    API returns them: labels in the active language."""
    return [
        {
            "param": facet.param,
            "label": str(facet.label),
            "options": [vars(option) for option in facet.options],
        }
        for facet in facets
    ]
