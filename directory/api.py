"""The coach directory in the API: ``/api/v3/directory/coaches/``.

Published profiles only, filtered exactly as the public directory page filters them (the
same ``directory_listing`` and ``hub.listings.filter_listing``). A profile in the API
never carries an email address, a phone number or the coach's account: people contact a
coach through the hub's contact form (``contact_url``).
"""

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from wagtail.models import Locale

from ninja import Field, Query, Router, Schema

from hub.api_schemas import (
    COMMON_ERRORS,
    ProblemDetail,
    TaxonomyRef,
    facets_payload,
    taxonomy_ref,
)
from hub.enums import PlaceKind
from hub.links import absolute_url
from hub.listings import Facet, filter_listing

from .enums import Capacity, OfferKind, WorkingModeKind
from .listings import MAX_QUERY_LENGTH, PHOTO_RENDITION, directory_listing, live_profiles
from .listings import profile_prefetches as _prefetches

router = Router(tags=["directory"])


class Photo(Schema):
    url: str
    width: int
    height: int
    alt: str


class Coach(Schema):
    id: int
    slug: str
    display_name: str
    role: str
    organisation: TaxonomyRef | None
    bio: str
    skills: list[TaxonomyRef]
    priorities: list[TaxonomyRef]
    places: list[TaxonomyRef]
    languages: list[TaxonomyRef]
    offers: list[OfferKind]
    working_modes: list[WorkingModeKind]
    area: str
    capacity: Capacity = Field(
        description="Whether the coach takes requests, as the directory shows it: `closed` "
        "for a coach the hub has no address to send requests to."
    )
    photo: Photo | None
    profile_url: str
    contact_url: str | None = Field(
        description="The hub's contact form; absent when the coach is not taking requests."
    )


class CoachList(Schema):
    count: int
    items: list[Coach]
    facets: list[Facet]


class CoachFilters(Schema):
    """Each filter takes one or more values (repeat the parameter): values within a filter
    widen the results, filters together narrow them. Unknown values are ignored, as on the
    directory page. ``facets`` in the response lists the values with their counts."""

    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Words to search for.")
    skill: list[str] = Field([], description="QI skill slug.")
    offer: list[OfferKind] = []
    priority: list[str] = Field([], description="System priority slug.")
    organisation: list[str] = Field([], description="Organisation slug.")
    organisation_type: list[str] = []
    place: list[str] = Field([], description="Place slug (see /api/v3/taxonomies/).")
    place_kind: list[PlaceKind] = []
    language: list[str] = Field([], description="Language slug.")
    mode: list[WorkingModeKind] = []
    capacity: list[Capacity] = []
    limit: int = Field(20, ge=1, le=settings.WAGTAILAPI_LIMIT_MAX)
    offset: int = Field(0, ge=0, le=10_000)


def _photo(coach) -> dict | None:
    if coach.photo is None:
        return None
    rendition = coach.photo.get_rendition(PHOTO_RENDITION)
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": coach.photo_alt,
    }


def serialize(coach) -> dict:
    profile_url = absolute_url(reverse("directory:profile", args=[coach.slug]))
    return {
        "id": coach.pk,
        "slug": coach.slug,
        "display_name": coach.display_name,
        "role": coach.role,
        "organisation": taxonomy_ref(coach.organisation),
        "bio": coach.bio,
        "skills": [taxonomy_ref(item) for item in coach.skills.all()],
        "priorities": [taxonomy_ref(item) for item in coach.priorities.all()],
        "places": [taxonomy_ref(item) for item in coach.places.all()],
        "languages": [taxonomy_ref(item) for item in coach.languages.all()],
        "offers": [offer.kind for offer in coach.offers.all()],
        "working_modes": [mode.kind for mode in coach.working_modes.all()],
        "area": coach.area,
        "capacity": coach.public_capacity,
        "photo": _photo(coach),
        "profile_url": profile_url,
        "contact_url": (
            absolute_url(reverse("directory:contact", args=[coach.slug]))
            if coach.accepts_requests
            else None
        ),
    }


@router.get(
    "/coaches/",
    response={200: CoachList, **COMMON_ERRORS},
    url_name="hub_coaches",
    summary="List published coach and mentor profiles",
    operation_id="coaches_list",
    auth=None,
)
def list_coaches(request: HttpRequest, filters: CoachFilters = Query(...)):  # noqa: B008
    locale = Locale.get_default()
    filtered = filter_listing(request, directory_listing(filters.q.strip()), locale)
    total = filtered.results.count()
    page = filtered.results[filters.offset : filters.offset + filters.limit]
    return {
        "count": total,
        "items": [serialize(coach) for coach in page],
        "facets": facets_payload(filtered.facets),
    }


@router.get(
    "/coaches/{coach_id}/",
    response={200: Coach, 404: ProblemDetail},
    url_name="hub_coach",
    summary="One published coach profile",
    operation_id="coaches_detail",
    auth=None,
)
def get_coach(request: HttpRequest, coach_id: int):
    coach = get_object_or_404(
        live_profiles().select_related("organisation").prefetch_related(*_prefetches()),
        pk=coach_id,
    )
    return serialize(coach)
