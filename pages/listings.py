"""The filters of the page listings (case studies, resources, training and events).

Each index page builds its ``ListingConfig`` from these (``pages.models``); the engine that
filters, counts and paginates is the shared one in :mod:`hub.listings`.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.enums import OrganisationType
from hub.listings import FacetSpec, choice_options, place_facets, taxonomy_options
from hub.models import Audience, Organisation, Priority, QIMethod, Topic

from .enums import AttendanceMode, EventType, ResourceType

ORGANISATION = FacetSpec(
    "organisation", _("Organisation"), "organisations__slug", taxonomy_options(Organisation)
)
ORGANISATION_TYPE = FacetSpec(
    "organisation_type",
    _("Type of organisation"),
    "organisations__organisation_type",
    choice_options(OrganisationType),
)
PRIORITY = FacetSpec(
    "priority", _("System priority"), "priorities__slug", taxonomy_options(Priority)
)
# Through the page's own reverse relation: taggit's join from a page subclass to a shared
# through model (PageTopic points at wagtailcore.Page) uses the wrong column. Pages are
# tagged with default-language topics; a translation has the same slug, so the filter's
# values hold in every language and only the names change.
TOPIC = FacetSpec("topic", _("Topic"), "topic_items__tag__slug", taxonomy_options(Topic))
METHOD = FacetSpec("method", _("QI method"), "methods__slug", taxonomy_options(QIMethod))

CASE_STUDY_FACETS = [
    ORGANISATION,
    ORGANISATION_TYPE,
    *place_facets("places"),
    PRIORITY,
    TOPIC,
    METHOD,
]

RESOURCE_FACETS = [
    FacetSpec(
        "resource_type", _("Type of resource"), "resource_type", choice_options(ResourceType)
    ),
    FacetSpec("audience", _("Audience"), "audiences__slug", taxonomy_options(Audience)),
    FacetSpec(
        "organisation", _("Organisation"), "organisation__slug", taxonomy_options(Organisation)
    ),
    FacetSpec(
        "organisation_type",
        _("Type of organisation"),
        "organisation__organisation_type",
        choice_options(OrganisationType),
    ),
    PRIORITY,
    TOPIC,
]

EVENT_FACETS = [
    FacetSpec("event_type", _("Type of event"), "event_type", choice_options(EventType)),
    FacetSpec("attendance", _("Online or in person"), "attendance", choice_options(AttendanceMode)),
    FacetSpec("organisation", _("Organiser"), "organiser__slug", taxonomy_options(Organisation)),
    *place_facets("places"),
    TOPIC,
]


def _parse_day(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def event_dates_filter(request, queryset):
    """Upcoming events, or past ones (``?when=past``), within an optional date range."""
    today = timezone.localdate()
    past = request.GET.get("when") == "past"
    date_from = _parse_day(request.GET.get("from"))
    date_to = _parse_day(request.GET.get("to"))
    errors = {}
    if request.GET.get("from") and date_from is None:
        errors["from"] = _("Enter a date as YYYY-MM-DD, e.g. 2026-03-31.")
    if request.GET.get("to") and date_to is None:
        errors["to"] = _("Enter a date as YYYY-MM-DD, e.g. 2026-03-31.")
    if date_from and date_to and date_from > date_to:
        errors["to"] = _("The end of the range must be on or after its start.")
        date_to = None
    queryset = queryset.filter(**{"end_date__lt" if past else "end_date__gte": today})
    if date_from:
        queryset = queryset.filter(end_date__gte=date_from)
    if date_to:
        queryset = queryset.filter(start__date__lte=date_to)
    return queryset, {
        "past": past,
        "date_from": request.GET.get("from", ""),
        "date_to": request.GET.get("to", ""),
        "date_errors": errors,
        "filtered": bool(date_from or date_to),
    }
