"""The public directory's listing: live profiles, text search, filters with counts, pages.

Built on the shared listing engine (``pages.listings.build_listing``): the queryset callable
gives the live profiles (narrowed by the search query when there is one), and each filter is
a ``FacetSpec`` over a plain relation, so the counts are one ``GROUP BY`` per filter on SQLite
and PostgreSQL alike. Queries per request depend on the number of filters, never on the
number of profiles.
"""

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import Locale

from hub.enums import OrganisationType
from hub.models import Organisation, Priority, localized
from pages.listings import FacetSpec, ListingConfig

from .enums import Capacity, OfferKind, WorkingModeKind
from .models import CoachProfile, Language, Skill

MAX_QUERY_LENGTH = 200
# A search narrows the directory to at most this many profiles (by relevance).
MAX_SEARCH_RESULTS = 500
PHOTO_RENDITION = "fill-160x160"


def _choices(enum):
    return lambda locale: [(value, str(label)) for value, label in enum.choices]


def _taxonomy(model):
    def options(locale):
        return list(localized(model.objects.all(), locale).values_list("slug", "name"))

    return options


FACETS = [
    FacetSpec("skill", _("QI skill or method"), "skills__slug", _taxonomy(Skill)),
    FacetSpec("offer", _("What they offer"), "offers__kind", _choices(OfferKind)),
    FacetSpec("priority", _("System priority"), "priorities__slug", _taxonomy(Priority)),
    FacetSpec("organisation", _("Organisation"), "organisation__slug", _taxonomy(Organisation)),
    FacetSpec(
        "organisation_type",
        _("Type of organisation"),
        "organisation__organisation_type",
        _choices(OrganisationType),
    ),
    FacetSpec("language", _("Language"), "languages__slug", _taxonomy(Language)),
    FacetSpec("mode", _("Online or in person"), "working_modes__kind", _choices(WorkingModeKind)),
    FacetSpec("capacity", _("Taking requests"), "capacity", _choices(Capacity)),
]


def live_profiles():
    return CoachProfile.objects.live()


def search_profile_ids(query: str) -> list[int]:
    """Live profiles matching ``query``, most relevant first (Wagtail search)."""
    results = live_profiles().search(query)[:MAX_SEARCH_RESULTS]
    return [profile.pk for profile in results]


def profile_prefetches():
    """What a profile card or page shows, fetched in a fixed number of queries."""
    return (
        "skills",
        "priorities",
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
    )


def localized_names(model, locale: Locale) -> dict:
    """``{translation_key: (name, locale_id)}`` for ``model`` in ``locale``, falling back to
    the default language (one query), so labels of the default-language objects a profile
    links to can be shown in the visitor's language."""
    rows = localized(model.objects.all(), locale).values_list("translation_key", "name", "locale")
    return {key: (name, locale_id) for key, name, locale_id in rows}
