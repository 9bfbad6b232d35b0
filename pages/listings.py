"""Filtered, counted, paginated listings for the index pages.

A visitor combines filters with a plain GET form: options within one filter widen the
results (OR), filters together narrow them (AND). Each option shows how many items it would
give with the other filters applied. The number of queries depends on the number of filters,
never on the number of items or options: one query for each filter's counts, one for its
option labels, one for the total, one for the page of items, plus a fixed set of prefetches.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from hub.enums import OrganisationType
from hub.models import Audience, Organisation, Priority, QIMethod, Topic, localized

from .enums import AttendanceMode, EventType, ResourceType

MAX_VALUES_PER_FILTER = 20


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list[Option]

    @property
    def selected(self) -> list[Option]:
        return [option for option in self.options if option.selected]


@dataclass(frozen=True)
class FacetSpec:
    """One filter: its URL parameter, the lookup it filters on, and where labels come from."""

    param: str
    label: str
    lookup: str
    options: Callable[[Locale], list[tuple[str, str]]]
    # Hide options that no item has (taxonomies grow; empty options are noise).
    hide_empty: bool = True


def _choices(enum) -> Callable[[Locale], list[tuple[str, str]]]:
    return lambda locale: [(value, str(label)) for value, label in enum.choices]


def _taxonomy(model, value="slug") -> Callable[[Locale], list[tuple[str, str]]]:
    def options(locale):
        return list(localized(model.objects.all(), locale).values_list(value, "name"))

    return options


def _topics(locale):
    return list(
        Topic.objects.filter(locale=Locale.get_default())
        .order_by("name")
        .values_list("slug", "name")
    )


ORGANISATION = FacetSpec(
    "organisation", _("Organisation"), "organisations__slug", _taxonomy(Organisation)
)
ORGANISATION_TYPE = FacetSpec(
    "organisation_type",
    _("Type of organisation"),
    "organisations__organisation_type",
    _choices(OrganisationType),
)
PRIORITY = FacetSpec("priority", _("System priority"), "priorities__slug", _taxonomy(Priority))
# Through the page's own reverse relation: taggit's join from a page subclass to a shared
# through model (PageTopic points at wagtailcore.Page) uses the wrong column.
TOPIC = FacetSpec("topic", _("Topic"), "topic_items__tag__slug", _topics)
METHOD = FacetSpec("method", _("QI method"), "methods__slug", _taxonomy(QIMethod))


@dataclass
class ListingConfig:
    # (locale) -> the items a visitor may see, before filters.
    queryset: Callable[[Locale], QuerySet]
    facets: list[FacetSpec]
    ordering: tuple[str, ...] = ("-first_published_at", "-pk")
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    per_page: int = 12
    # Extra, non-facet filters (dates, past or upcoming): (request, queryset) -> queryset,
    # plus what the template needs to show them.
    extra_filter: Callable | None = None
    extra_context: Callable | None = None


@dataclass
class Listing:
    items: object  # a Paginator page
    facets: list[Facet]
    total: int
    filtered: bool
    extra: dict = field(default_factory=dict)


def _selected_values(request, spec: FacetSpec, valid: set[str]) -> list[str]:
    values = request.GET.getlist(spec.param)[:MAX_VALUES_PER_FILTER]
    return [value for value in dict.fromkeys(values) if value in valid]


def live_pages(model):
    """The queryset factory for a page type: live, public pages in the listing's language."""
    return lambda locale: model.objects.live().public().filter(locale=locale)


@dataclass
class Filtered:
    """A listing's items with the visitor's filters applied, before pagination."""

    results: QuerySet
    facets: list[Facet]
    filtered: bool
    extra: dict = field(default_factory=dict)


def filter_listing(request, config: ListingConfig, locale: Locale) -> Filtered:
    """Apply the request's GET filters to ``config.queryset(locale)`` and count each option.

    Shared by the index pages (:func:`build_listing` paginates the result) and the API
    (which pages by limit and offset), so both filter exactly alike.
    """
    base = config.queryset(locale)
    extra = {}
    if config.extra_filter:
        base, extra = config.extra_filter(request, base)

    option_lists = {spec.param: spec.options(locale) for spec in config.facets}
    selected = {
        spec.param: _selected_values(
            request, spec, {value for value, _label in option_lists[spec.param]}
        )
        for spec in config.facets
    }

    def apply(queryset, skip=None):
        for spec in config.facets:
            if spec.param != skip and selected[spec.param]:
                queryset = queryset.filter(**{f"{spec.lookup}__in": selected[spec.param]})
        return queryset

    facets = []
    for spec in config.facets:
        counts = dict(
            apply(base, skip=spec.param)
            .order_by()
            .values_list(spec.lookup)
            .annotate(n=Count("pk", distinct=True))
            .values_list(spec.lookup, "n")
        )
        options = [
            Option(
                value=value,
                label=label,
                count=counts.get(value, 0),
                selected=value in selected[spec.param],
            )
            for value, label in option_lists[spec.param]
        ]
        if spec.hide_empty:
            options = [option for option in options if option.count or option.selected]
        facets.append(Facet(param=spec.param, label=spec.label, options=options))

    results = apply(base).distinct().order_by(*config.ordering)
    if config.select_related:
        results = results.select_related(*config.select_related)
    if config.prefetch_related:
        results = results.prefetch_related(*config.prefetch_related)
    return Filtered(
        results=results,
        facets=facets,
        filtered=any(selected.values()) or bool(extra.get("filtered")),
        extra=extra,
    )


def build_listing(request, config: ListingConfig, locale: Locale) -> Listing:
    """Filter, count and paginate ``config.queryset(locale)`` from the request's GET data.

    Works for any model: pages use ``live_pages(Model)``; other models pass a callable that
    returns what may be shown publicly in that language.
    """
    filtered = filter_listing(request, config, locale)
    paginator = Paginator(filtered.results, config.per_page)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    extra = filtered.extra
    if config.extra_context:
        extra.update(config.extra_context(request))
    return Listing(
        items=page,
        facets=filtered.facets,
        total=paginator.count,
        filtered=filtered.filtered,
        extra=extra,
    )


def case_study_listing() -> ListingConfig:
    from .models import CaseStudyPage

    return ListingConfig(
        queryset=live_pages(CaseStudyPage),
        facets=[ORGANISATION, ORGANISATION_TYPE, PRIORITY, TOPIC, METHOD],
        select_related=("main_image",),
        prefetch_related=("organisations",),
    )


def resource_listing() -> ListingConfig:
    from .models import ResourcePage

    return ListingConfig(
        queryset=live_pages(ResourcePage),
        facets=[
            FacetSpec(
                "resource_type", _("Type of resource"), "resource_type", _choices(ResourceType)
            ),
            FacetSpec("audience", _("Audience"), "audiences__slug", _taxonomy(Audience)),
            FacetSpec(
                "organisation", _("Organisation"), "organisation__slug", _taxonomy(Organisation)
            ),
            FacetSpec(
                "organisation_type",
                _("Type of organisation"),
                "organisation__organisation_type",
                _choices(OrganisationType),
            ),
            PRIORITY,
            TOPIC,
        ],
        select_related=("organisation", "document"),
    )


def _parse_day(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _event_filter(request, queryset):
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


def event_listing(past: bool = False) -> ListingConfig:
    from .models import EventPage

    return ListingConfig(
        queryset=live_pages(EventPage),
        facets=[
            FacetSpec("event_type", _("Type of event"), "event_type", _choices(EventType)),
            FacetSpec(
                "attendance", _("Online or in person"), "attendance", _choices(AttendanceMode)
            ),
            FacetSpec("organisation", _("Organiser"), "organiser__slug", _taxonomy(Organisation)),
            TOPIC,
        ],
        ordering=("-start",) if past else ("start",),
        select_related=("organiser",),
        extra_filter=_event_filter,
    )
