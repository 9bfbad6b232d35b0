"""The coach directory in the API: ``/api/v3/directory/coaches/``.

Published profiles only, filtered exactly as the public directory page filters them (the
same ``directory_listing`` and ``pages.listings.filter_listing``). A profile in the API
never carries an email address, a phone number or the coach's account: people contact a
coach through the hub's contact form (``contact_url``).
"""

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from wagtail.models import Locale

from ninja import Field, Query, Router, Schema

from hub.api import COMMON_ERRORS, ProblemDetail
from hub.links import absolute_url
from pages.api import TaxonomyRef
from pages.listings import filter_listing

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
    languages: list[TaxonomyRef]
    offers: list[OfferKind]
    working_modes: list[WorkingModeKind]
    area: str
    capacity: Capacity
    photo: Photo | None
    profile_url: str
    contact_url: str | None = Field(
        description="The hub's contact form; absent when the coach is not taking requests."
    )


class FacetOption(Schema):
    value: str
    label: str
    count: int
    selected: bool


class Facet(Schema):
    param: str
    label: str
    options: list[FacetOption]


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
    language: list[str] = Field([], description="Language slug.")
    mode: list[WorkingModeKind] = []
    capacity: list[Capacity] = []
    limit: int = Field(20, ge=1, le=settings.WAGTAILAPI_LIMIT_MAX)
    offset: int = Field(0, ge=0, le=10_000)


def _ref(obj):
    return {"id": obj.pk, "name": obj.name, "slug": obj.slug} if obj is not None else None


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
        "organisation": _ref(coach.organisation),
        "bio": coach.bio,
        "skills": [_ref(item) for item in coach.skills.all()],
        "priorities": [_ref(item) for item in coach.priorities.all()],
        "languages": [_ref(item) for item in coach.languages.all()],
        "offers": [offer.kind for offer in coach.offers.all()],
        "working_modes": [mode.kind for mode in coach.working_modes.all()],
        "area": coach.area,
        "capacity": coach.capacity,
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
        "facets": [
            {
                "param": facet.param,
                "label": str(facet.label),
                "options": [vars(option) for option in facet.options],
            }
            for facet in filtered.facets
        ],
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
