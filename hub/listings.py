"""The listing and facet engine: filtered, counted, paginated listings of any model.

Used by the page index pages (``pages``), the coach directory (``directory``) and their API
endpoints; the search service reports its facets in the same :class:`Facet` shape.

A visitor combines filters with a plain GET form: options within one filter widen the
results (OR), filters together narrow them (AND). Each option shows how many items it would
give with the other filters applied. The number of queries depends on the number of filters,
never on the number of items or options: one query for each filter's counts, one for its
option labels, one for the total, one for the page of items, plus a fixed set of prefetches.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, QuerySet
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, TranslatableMixin

from . import page_cache
from .enums import PlaceKind
from .models import Place, find_translations, localized, public

MAX_VALUES_PER_FILTER = 20


@dataclass
class FacetOption:
    """One value of a filter: how many items it would give, and whether it is chosen."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    """A filter as a visitor sees it: its URL parameter, its label and its options."""

    param: str
    label: str
    options: list[FacetOption]

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


# (locale) -> [(value, label)]: where a filter's options come from.
OptionSource = Callable[[Locale], list[tuple[str, str]]]


@dataclass(frozen=True)
class FacetSpec:
    """One filter: its URL parameter, the lookup it filters on, and where labels come from."""

    param: str
    label: str
    lookup: str
    options: OptionSource
    # Hide options that no item has (taxonomies grow; empty options are noise).
    hide_empty: bool = True


def choice_options(enum) -> OptionSource:
    """A filter's options from a ``TextChoices`` enum."""
    return lambda locale: [(value, str(label)) for value, label in enum.choices]


def taxonomy_options(model, value="slug") -> OptionSource:
    """A filter's options from a translatable taxonomy, named in the listing's language."""

    def options(locale):
        return list(localized(model.objects.all(), locale).values_list(value, "name"))

    return options


def place_facets(relation: str) -> list[FacetSpec]:
    """The two place filters every listing offers: the place itself and its kind
    (neighbourhood, PCN, ...). ``relation`` is the lookup from the listed model to
    :class:`hub.models.Place` (``"places"``)."""
    return [
        FacetSpec("place", _("Place"), f"{relation}__slug", taxonomy_options(Place)),
        FacetSpec("place_kind", _("Kind of place"), f"{relation}__kind", choice_options(PlaceKind)),
    ]


@dataclass
class ListingConfig:
    # (locale) -> the items a visitor may see, before filters.
    queryset: Callable[[Locale], QuerySet]
    facets: list[FacetSpec]
    ordering: tuple[str, ...] = ("-first_published_at", "-pk")
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # None: one page of every item, read in one query and not counted apart (a short
    # list such as a collaborative's teams).
    per_page: int | None = 12
    # Extra, non-facet filters (dates, past or upcoming): (request, queryset) -> queryset,
    # plus what the template needs to show them.
    extra_filter: Callable | None = None
    extra_context: Callable | None = None
    # The GET parameters other than the facets' that change which items are listed (the
    # extra filter's, a text query): the facet counts are kept per value of these.
    query_params: tuple[str, ...] = ()
    # Whether the template shows each item as a card kept with the page cache's parts (a
    # ``{% fragment %}`` keyed by ``item.pk``): then the page of items is read as keys only,
    # and the items themselves are loaded (all together) only if a card is rendered.
    cards_kept: bool = False
    # What tells this listing from another of the same model whose facet counts are kept
    # under the page cache's parts (one collaborative's teams from another's).
    cache_key: tuple = ()


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
    return lambda locale: public(model.objects.live()).filter(locale=locale)


@dataclass
class Filtered:
    """A listing's items with the visitor's filters applied, before pagination."""

    results: QuerySet
    facets: list[Facet]
    filtered: bool
    extra: dict = field(default_factory=dict)
    # How many results: () -> int, kept with the facets (a listing's page asks it once).
    count: Callable | None = None


def filter_listing(request, config: ListingConfig, locale: Locale) -> Filtered:
    """Apply the request's GET filters to ``config.queryset(locale)`` and count each option.

    Shared by the index pages (:func:`build_listing` paginates the result) and the API
    (which pages by limit and offset), so both filter exactly alike.
    """
    base = config.queryset(locale)
    extra = {}
    if config.extra_filter:
        base, extra = config.extra_filter(request, base)

    label = base.model._meta.label
    # The options and their counts change only when the content does: kept with the page
    # cache's parts (hub.page_cache.remember), per listing, language and filters.
    option_lists = {
        spec.param: page_cache.remember(
            ("facet-options", label, spec.param, locale.pk), lambda spec=spec: spec.options(locale)
        )
        for spec in config.facets
    }
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

    def count_facets():
        return [facet(spec) for spec in config.facets]

    def facet(spec):
        counts = dict(
            apply(base, skip=spec.param)
            .order_by()
            .values_list(spec.lookup)
            .annotate(n=Count("pk", distinct=True))
            .values_list(spec.lookup, "n")
        )
        options = [
            FacetOption(
                value=value,
                label=label,
                count=counts.get(value, 0),
                selected=value in selected[spec.param],
            )
            for value, label in option_lists[spec.param]
        ]
        if spec.hide_empty:
            options = [option for option in options if option.count or option.selected]
        return Facet(param=spec.param, label=spec.label, options=options)

    # Kept per listing, language and what changes the items (not the page, the order, or
    # any other parameter someone adds to the address).
    given = {} if request is None else request.GET
    filters = (
        tuple((param, tuple(values)) for param, values in sorted(selected.items())),
        tuple((name, tuple(given.getlist(name))) for name in config.query_params),
    )
    facets = page_cache.remember(
        ("facets", label, *config.cache_key, locale.pk, filters), count_facets
    )

    results = apply(base).distinct().order_by(*config.ordering)

    def count():
        # Keys only: counting the distinct rows themselves would compare every column.
        return page_cache.remember(
            ("listing-count", label, *config.cache_key, locale.pk, filters),
            lambda: results.values("pk").order_by().count(),
        )

    if config.select_related:
        results = results.select_related(*config.select_related)
    if config.prefetch_related:
        results = results.prefetch_related(*config.prefetch_related)
    return Filtered(
        results=results,
        facets=facets,
        filtered=any(selected.values()) or bool(extra.get("filtered")),
        extra=extra,
        count=count,
    )


class _CountedPaginator(Paginator):
    """A paginator told how to count its items (``Filtered.count``)."""

    def __init__(self, object_list, per_page, count: Callable):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()


class _ItemLater(SimpleLazyObject):
    """One item of a listing's page that knows its key: ``item.pk`` costs nothing, anything
    else loads every item of the page at once (``load``) and answers as the item would."""

    def __init__(self, pk, model, load):
        super().__init__(lambda: load()[pk])
        self.__dict__["pk"] = pk
        self.__dict__["_model"] = model

    @property
    def __class__(self):
        # What ``isinstance`` asks (templates ask whether a value is a context; Wagtail's
        # ``pageurl``, whether it is a page): the listing's model, known without loading.
        return self.__dict__["_model"]

    def __getitem__(self, key):
        # Templates try ``item[name]`` before ``item.name``; the items are model instances,
        # which have no item access, so say so at once rather than load the item.
        raise TypeError("a listing item is not subscriptable")


def _translatable_related(items, lookups) -> list:
    """The translatable objects (organisations, places...) that ``items`` were loaded with
    (``lookups``: the listing's select_related and prefetch_related)."""
    related = []
    for item in items:
        for lookup in lookups:
            if not isinstance(lookup, str) or "__" in lookup:
                continue  # (a Prefetch object, or a relation of a relation)
            value = getattr(item, lookup, None)
            found = value.all() if hasattr(value, "all") else [value]
            related.extend(obj for obj in found if isinstance(obj, TranslatableMixin))
    return related


def _items_later(page, results: QuerySet, related: tuple = ()) -> list:
    keys = list(page.object_list.values_list("pk", flat=True))
    loaded: dict = {}

    def load() -> dict:
        if not loaded:
            loaded.update({item.pk: item for item in results.filter(pk__in=keys)})
            # Their cards name these in the visitor's language (|localized_name): one query
            # for all of them, not one per name.
            find_translations(_translatable_related(loaded.values(), related))
        return loaded

    return [_ItemLater(pk, results.model, load) for pk in keys]


def build_listing(request, config: ListingConfig, locale: Locale) -> Listing:
    """Filter, count and paginate ``config.queryset(locale)`` from the request's GET data.

    Works for any model: pages use ``live_pages(Model)``; other models pass a callable that
    returns what may be shown publicly in that language.
    """
    filtered = filter_listing(request, config, locale)
    if config.per_page is None:
        items = list(filtered.results)
        paginator = Paginator(items, max(len(items), 1))
    else:
        paginator = _CountedPaginator(filtered.results, config.per_page, filtered.count)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    if config.cards_kept:
        page.object_list = _items_later(
            page, filtered.results, (*config.select_related, *config.prefetch_related)
        )
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
