"""The search page (``/search/``), its title suggestions (``/search/suggest/``), and the
admin's report of what people search for (Reports → Search terms).

Everything goes through ``search.service``. The page is a plain GET form: every search,
filter, sort and page is a shareable URL, and it works without JavaScript; the suggestions
endpoint serves the optional autocomplete (``search/static/search/autocomplete.mjs``).
"""

import logging

from django.http import JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, NumberColumn, Table
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from hub import page_cache

from . import promotions, query_log, service
from .enums import Sort
from .models import SearchQueryCount

logger = logging.getLogger(__name__)


@require_GET
def search(request):
    query = service.SearchQuery.from_querydict(request.GET)
    results, failed = None, False
    # Editors' recommendations, on the first page; read from the database, so they are shown
    # even when the search backend is down.
    promoted = promotions.promoted(query.text) if query.page == 1 else []
    if query.text or any(query.filters.values()):
        try:
            results = service.search(query)
        except Exception:
            # A search backend that is down is a message on the page, not an error page.
            logger.exception("Search failed")
            failed = True
        else:
            # Counted in memory: no database write on this request (search/query_log.py),
            # and counted again each time the page cache serves this page.
            if query_log.is_counted(query):
                page_cache.on_every_request(
                    request, query_log.record, query.text, found=results.total > 0
                )
    context = {
        "query": results.query if results else query,
        "search_query": query.text,
        "results": results,
        "promoted": promoted,
        "failed": failed,
        "sort_choices": Sort.choices,
        "popular_topics": [] if results or failed else service.popular_topics(get_language()),
    }
    return TemplateResponse(request, "search/search.html", context, status=503 if failed else 200)


@require_GET
def suggest(request):
    """``{"results": [{"title", "url", "type"}]}``: titles for what has been typed."""
    try:
        suggestions = service.autocomplete(request.GET.get("q", ""))
    except Exception:
        logger.exception("Search suggestions failed")
        suggestions = []
    response = JsonResponse(
        {
            "results": [
                {"title": item.title, "url": item.url, "type": item.kind_label}
                for item in suggestions
            ]
        }
    )
    response["Cache-Control"] = "public, max-age=60"
    return response


# --- the admin's "Search terms" report ----------------------------------------------------

PERIODS = [
    ("1", _("Last week")),
    ("4", _("Last 4 weeks")),
    ("8", _("Last 8 weeks")),
]
DEFAULT_PERIOD = "4"
# Characters that make a spreadsheet program read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A search term as text in a spreadsheet: what visitors typed must never run as a
    formula when an editor opens the CSV (``=HYPERLINK(...)`` typed twice)."""
    value = str(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


class SearchTermsFilterSet(WagtailFilterSet):
    weeks = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIODS, empty_label=None, method="in_period"
    )

    class Meta:
        model = SearchQueryCount
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if data.get("weeks") not in dict(PERIODS):
            data["weeks"] = DEFAULT_PERIOD
        super().__init__(data, *args, **kwargs)
        self.form.fields["weeks"].initial = DEFAULT_PERIOD

    def in_period(self, queryset, name, value):
        return queryset.filter(day__gte=query_log.since(int(value)))


class SearchTermsPaginator(WagtailPaginator):
    # Rows are search terms (summed day counts), not the model's rows.
    verbose_name = _("search term")
    verbose_name_plural = _("search terms")


class SearchTermsReportView(ReportView):
    """Reports → Search terms: the most searched terms, and those that found nothing, over
    the last 1, 4 or 8 weeks, each term only when searched at least twice (a name typed
    once never shows). For hub editors (``search.view_searchquerycount``)."""

    page_title = _("Search terms")
    header_icon = "search"
    results_template_name = "search/admin/search_terms_results.html"
    index_url_name = "search_terms_report"
    index_results_url_name = "search_terms_report_results"
    filterset_class = SearchTermsFilterSet
    paginator_class = SearchTermsPaginator
    permission_policy = ModelPermissionPolicy(SearchQueryCount)
    permission_required = "view"
    columns = [
        Column("query", label=_("Search term")),
        NumberColumn("searched", label=_("Searches")),
        NumberColumn("found_nothing", label=_("Found nothing")),
    ]
    list_export = ["query", "searched", "found_nothing"]
    export_headings = {
        "query": _("Search term"),
        "searched": _("Searches"),
        "found_nothing": _("Found nothing"),
    }
    # (Wagtail's XLSX export already writes every cell as text.)
    custom_field_preprocess = {"query": {SpreadsheetExportMixin.FORMAT_CSV: spreadsheet_safe}}

    @cached_property
    def weeks(self) -> int:
        value = self.filters.form.cleaned_data.get("weeks") if self.filters.is_valid() else ""
        return int(value or DEFAULT_PERIOD)

    def get_filename(self):
        return f"search-terms-{self.weeks}-weeks-{timezone.localdate():%Y-%m-%d}"

    def get_base_queryset(self):
        return SearchQueryCount.objects.all()

    @cached_property
    def counts(self):
        """The day counts of the period chosen."""
        return self.filter_queryset(self.get_base_queryset())

    def get_queryset(self):
        return query_log.most_searched(self.counts)

    def get_filtered_queryset(self):
        return self.get_queryset()  # filtered before the counts are summed

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nothing_found = list(query_log.nothing_found(self.counts)[: self.paginate_by])
        context.update(
            weeks=self.weeks,
            min_shown=query_log.MIN_SHOWN,
            nothing_found_table=Table(self.columns, nothing_found, classname="listing"),
        )
        return context
