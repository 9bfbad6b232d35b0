"""What every API router shares: the error shape, taxonomy links and listing facets.

Below the apps (each app's ``api.py`` imports this module); the API mount itself
(``hub.api``, project wiring) sits above them. Every error is RFC 9457
``application/problem+json`` (``type``, ``title``, ``status``, ``detail``, ``errors``), the
shape Wagtail's v3 API already uses: :class:`ProblemDetail` describes it in the contract and
:func:`problem_response` answers with it.
"""

from django.conf import settings
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
]

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


def request_language(request) -> str:
    """The language an API list answers in when the client names none (``locale``): the
    first of the site's languages in the request's ``Accept-Language``, else the default.
    (The API's paths are outside the site's language prefixes and cookie, so only the
    header counts; responses that use it say ``Vary: Accept-Language``.)"""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE
