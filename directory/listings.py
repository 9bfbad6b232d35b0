"""The public directory's listing: live profiles, text search, filters with counts, pages.

Built on the shared listing engine (``hub.listings.build_listing``): the queryset callable
gives the live profiles (narrowed by the search query when there is one), and each filter is
a ``FacetSpec`` over a plain relation, so the counts are one ``GROUP BY`` per filter on SQLite
and PostgreSQL alike. Queries per request depend on the number of filters, never on the
number of profiles.
"""

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model

from hub.enums import OrganisationType
from hub.listings import FacetSpec, ListingConfig, choice_options, place_facets, taxonomy_options
from hub.models import Organisation, Priority

from .enums import Capacity, OfferKind, WorkingModeKind
from .models import CoachProfile, Language, Skill

MAX_QUERY_LENGTH = 200
# A search narrows the directory to at most this many profiles (by relevance).
MAX_SEARCH_RESULTS = 500
PHOTO_RENDITION = "fill-160x160"


FACETS = [
    FacetSpec("skill", _("QI skill or method"), "skills__slug", taxonomy_options(Skill)),
    FacetSpec("offer", _("What they offer"), "offers__kind", choice_options(OfferKind)),
    FacetSpec("priority", _("System priority"), "priorities__slug", taxonomy_options(Priority)),
    FacetSpec(
        "organisation", _("Organisation"), "organisation__slug", taxonomy_options(Organisation)
    ),
    FacetSpec(
        "organisation_type",
        _("Type of organisation"),
        "organisation__organisation_type",
        choice_options(OrganisationType),
    ),
    *place_facets("places"),
    FacetSpec("language", _("Language"), "languages__slug", taxonomy_options(Language)),
    FacetSpec(
        "mode", _("Online or in person"), "working_modes__kind", choice_options(WorkingModeKind)
    ),
    # What the badges say: a coach with nowhere to send requests counts as not taking them.
    FacetSpec("capacity", _("Taking requests"), "public_capacity_value", choice_options(Capacity)),
]


def live_profiles():
    return CoachProfile.objects.live().with_public_capacity()


def search_profile_ids(query: str) -> list[int]:
    """Live profiles matching ``query``, most relevant first (Wagtail search).

    Double quotes are dropped: SQLite's full-text engine (the embedded default) reads one
    as the start of a phrase and fails on one left open, which the visitor saw as a 503;
    in a search for people they mean nothing."""
    words = query.replace('"', " ").strip()
    if not words:
        return []
    results = live_profiles().search(words)[:MAX_SEARCH_RESULTS]
    return [profile.pk for profile in results]


def profile_prefetches():
    """What a profile card or page shows, fetched in a fixed number of queries."""
    return (
        # Whether the contact form is open depends on the account's address too.
        "user",
        "skills",
        "priorities",
        "places",
        "offers",
        "languages",
        "working_modes",
        Prefetch(
            "photo",
            queryset=get_image_model().objects.prefetch_renditions(PHOTO_RENDITION),
        ),
    )


def directory_listing(query: str = "") -> ListingConfig:
    ordering: tuple = ("display_name", "pk")
    if query:
        ids = search_profile_ids(query)

        def queryset(locale):
            return live_profiles().filter(pk__in=ids)

        if ids:
            relevance = Case(
                *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)],
                default=Value(len(ids)),
                output_field=IntegerField(),
            )
            ordering = (relevance, "display_name", "pk")
    else:

        def queryset(locale):
            return live_profiles()

    return ListingConfig(
        queryset=queryset,
        facets=FACETS,
        ordering=ordering,
        select_related=("organisation",),
        prefetch_related=profile_prefetches(),
        query_params=("q",),
    )
