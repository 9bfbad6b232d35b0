"""The huddle inbox: the list of ideas (filters, search, sorting, counts per status,
pagination) and its CSV export, in the Wagtail admin.

Built on Wagtail's generic listing view, so the search box and the filters refresh the
results in place (``results/``) and every state is a plain URL that works without
JavaScript. The export posts to ``export/`` with the list's own query string: the same
FilterSet and search (``inbox_filters``) pick the same ideas, and every export is recorded
(:class:`~submissions.models.InboxExport` and Wagtail's audit log).

Eight columns, so the table fits a 1280 px screen: the title links to the idea, and a new
idea's status cell has the one-click "Start triage" (``huddle:triage``, in ``views.idea``).

A page costs the same number of queries whatever the number of ideas: one count, one page
of ideas (with organisation and lead joined, and each idea's newest history entry for "Start
triage"), one for their priorities, one for the counts per status, plus the filter choices.
"""

import csv

from django import forms
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Prefetch, Value, When
from django.db.models.functions import Lower
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.search import SearchForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.log_actions import log

from hub.models import Priority
from hub.spreadsheets import safe_cell
from submissions.enums import (
    Status,
)
from submissions.models import IdeaSubmission, InboxExport
from submissions.permissions import huddle_member_required
from submissions.status import CLOSED, OPEN, TRIAGED_ON_THE_WAY
from submissions.transitions import newest_change_subquery

from ..answers import answer_lines
from ..clocks import clock_for, targets
from ..inbox_filters import ALL_IDEAS, CLOSED_IDEAS, OPEN_IDEAS, InboxFilterSet, search_ideas

TEMPLATES = "submissions/admin/inbox/"
# Query parameters that say how the page is shown, not which ideas are on it.
NOT_FILTERS = ("p", "_w_filter_fragment")


# Columns --------------------------------------------------------------------------------


class InboxColumn(Column):
    """A column whose header says it is one (``scope="col"``) and how it is sorted."""

    header_template_name = TEMPLATES + "column_header.html"


class IdeaColumn(InboxColumn):
    """The row's header cell: the idea's title, a link to the idea, and its reference."""

    cell_template_name = TEMPLATES + "cells/idea.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("huddle:idea", args=[instance.reference])
        return context


class StatusColumn(InboxColumn):
    """The status, the route once there is one, and for a new idea the one-click "Start
    triage" (a form posting to ``huddle:triage`` with the history entry the row showed)."""

    cell_template_name = TEMPLATES + "cells/status.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["is_open"] = instance.status in OPEN
        context["can_triage"] = instance.status in TRIAGED_ON_THE_WAY
        if context["can_triage"]:
            request = context["request"]
            # Cells are rendered without the request's context processors.
            context["csrf_token"] = get_token(request)
            context["next_url"] = _inbox_url(request.GET)
        return context


class OverdueColumn(InboxColumn):
    """Overdue in words and an icon (never colour alone), with the date it was due."""

    cell_template_name = TEMPLATES + "cells/overdue.html"


def _inbox_url(query: QueryDict) -> str:
    """The inbox as ``query`` shows it (also when the cell was drawn for ``results/``)."""
    query = query.copy()
    query.pop("_w_filter_fragment", None)
    encoded = query.urlencode()
    return reverse("huddle:inbox") + (f"?{encoded}" if encoded else "")


def _lead_name(idea):
    if idea.lead is None:
        return _("Unassigned")
    return idea.lead.get_full_name() or idea.lead.get_username()


def _priority_names(idea):
    return ", ".join(priority.name for priority in idea.priorities.all())


def _submitted_on(idea):
    # Non-breaking spaces: a date never wraps inside its cell.
    return date_format(timezone.localtime(idea.submitted_at), "j M Y").replace(" ", "\u00a0")


# Eight columns, so the table fits a 1280 px screen beside Wagtail's open menu: the reference
# sits under the title, the route under the status.
COLUMNS = [
    IdeaColumn("title", label=_("Idea"), sort_key="title", width="26%"),
    InboxColumn("organisation", label=_("Organisation"), accessor="organisation_name"),
    InboxColumn("priorities", label=_("Priorities"), accessor=_priority_names),
    StatusColumn("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
    InboxColumn("lead", label=_("Lead"), accessor=_lead_name),
    InboxColumn(
        "submitted_at", label=_("Submitted"), accessor=_submitted_on, sort_key="submitted_at"
    ),
    InboxColumn(
        "days_in_status",
        label=_("Days in status"),
        accessor="clock.days_in_status",
        sort_key="days_in_status",
    ),
    OverdueColumn("overdue", label=_("Overdue"), accessor="clock"),
]

STATUS_ORDER = Case(
    *(When(status=status, then=Value(index)) for index, status in enumerate(Status)),
    output_field=IntegerField(),
)

# ?ordering= value → ORDER BY; the last term keeps pages stable when values tie.
ORDERINGS = {
    "submitted_at": ("submitted_at", "pk"),
    "reference": ("reference",),
    "title": (Lower("title"), "pk"),
    "status": ("status_order", "-submitted_at", "-pk"),
    # More days in the status = changed longer ago.
    "days_in_status": ("-status_changed_at", "-pk"),
}


def _descending(terms):
    flipped = []
    for term in terms:
        if isinstance(term, str):
            flipped.append(term[1:] if term.startswith("-") else f"-{term}")
        else:
            flipped.append(term.desc())
    return tuple(flipped)


# The list ---------------------------------------------------------------------------------


class InboxSearchForm(SearchForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("placeholder", _("Search ideas…"))
        super().__init__(*args, **kwargs)


class InboxView(BaseListingView):
    template_name = "wagtailadmin/generic/index.html"
    results_template_name = TEMPLATES + "results.html"
    page_title = _("Huddle inbox")
    header_icon = "mail"
    index_url_name = "huddle:inbox"
    index_results_url_name = "huddle:inbox_results"
    filterset_class = InboxFilterSet
    is_searchable = True
    columns = COLUMNS
    default_ordering = "-submitted_at"
    paginate_by = 25
    verbose_name = _("idea")
    verbose_name_plural = _("ideas")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.now = timezone.now()
        self.targets = targets()

    # Which ideas.

    def get_search_form(self):
        return InboxSearchForm(self.request.GET if "q" in self.request.GET else None)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "targets": self.targets, "now": self.now}

    def get_base_queryset(self):
        return IdeaSubmission.objects.select_related("organisation", "lead")

    def filter_queryset(self, queryset):
        # Every valid filter applies even when another one is invalid (see inbox_filters).
        return self.filters.filter_queryset(queryset)

    def search_queryset(self, queryset):
        return search_ideas(queryset, self.search_query)

    # In which order.

    def get_valid_orderings(self):
        return [*ORDERINGS, *(f"-{key}" for key in ORDERINGS)]

    def order_queryset(self, queryset):
        key = self.ordering.removeprefix("-")
        terms = ORDERINGS[key]
        if self.ordering.startswith("-"):
            terms = _descending(terms)
        if key == "status":
            queryset = queryset.annotate(status_order=STATUS_ORDER)
        return queryset.order_by(*terms)

    # One page of them.

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("priorities", queryset=Priority.objects.order_by("sort_order", "name"))
            )
            # The history entry each row shows, sent with "Start triage" (no query per row).
            .annotate(latest_change_id=newest_change_subquery())
        )

    def paginate_queryset(self, queryset, page_size):
        paginator, page, ideas, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = ideas = list(ideas)
        for idea in ideas:
            idea.clock = clock_for(idea, self.now, self.targets)
        return paginator, page, ideas, is_paginated

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "caption": _("Ideas, one a row")}

    # Counts per status and links.

    def query_with(self, **changes) -> str:
        """This page's filters, search and sorting as a query string, without pagination or
        empty values, with ``changes`` applied (an empty value removes a parameter)."""
        query = QueryDict(mutable=True)
        for name, values in self.request.GET.lists():
            if name not in NOT_FILTERS and name not in changes:
                query.setlist(name, [value for value in values if value])
        for name, value in changes.items():
            if value:
                query[name] = value
        return query.urlencode()

    def _url(self, base, **changes):
        query = self.query_with(**changes)
        return f"{base}?{query}" if query else base

    @cached_property
    def status_counts(self) -> dict[str, int]:
        """Ideas per status, under every filter and search except the status filter."""
        queryset = self.filters.filter_queryset(self.get_base_queryset(), skip=("status",))
        queryset = self.search_queryset(queryset)
        return dict(queryset.order_by().values_list("status").annotate(count=Count("pk")))

    @cached_property
    def current_status(self) -> str:
        self.filters.form.is_valid()
        return self.filters.form.cleaned_data.get("status") or OPEN_IDEAS

    def _tab(self, value, label, count):
        return {
            "label": label,
            "count": count,
            "url": self._url(self.index_url, status=value),
            "current": value == self.current_status,
        }

    def status_tabs(self) -> list[dict]:
        """Three groups (open, closed, all), each a total then its statuses."""
        counts = self.status_counts

        def group(value, label, statuses):
            statuses = [status for status in Status if status in statuses]
            return [
                self._tab(value, label, sum(counts.get(status, 0) for status in statuses)),
                *(self._tab(s.value, s.label, counts.get(s.value, 0)) for s in statuses),
            ]

        return [
            group(OPEN_IDEAS, _("Open ideas"), OPEN),
            group(CLOSED_IDEAS, _("Closed ideas"), CLOSED),
            [self._tab(ALL_IDEAS, _("All ideas"), sum(counts.values()))],
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            status_tabs=self.status_tabs(),
            showing_open=self.current_status == OPEN_IDEAS,
            all_ideas_url=self._url(self.index_url, status=ALL_IDEAS),
            export_form=ExportForm(),
            export_url=self._url(reverse("huddle:export")),
        )
        return context


# The export -------------------------------------------------------------------------------


class ExportForm(forms.Form):
    include_personal_data = forms.BooleanField(
        label=_("Include personal data"),
        required=False,
        help_text=_("Adds each submitter's name, email address and role. The export is logged."),
        widget=forms.CheckboxInput(attrs={"aria-describedby": "id_include_personal_data_help"}),
    )


def _answer(idea, name) -> str:
    """An answer as the idea page reads it (labels from the model), on one line."""
    return "; ".join(answer_lines(idea, name))


def _names(objects) -> str:
    return "; ".join(obj.name for obj in objects)


def _day(moment) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else ""


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _overdue_text(clock) -> str:
    if clock.first_response_overdue:
        return str(_("First response overdue"))
    if clock.decision_overdue:
        return str(_("Decision overdue"))
    return ""


# (heading, value for an idea with its clock); personal columns only when asked for.
EXPORT_COLUMNS = [
    (_("Reference"), lambda idea, clock: idea.reference),
    (_("Title"), lambda idea, clock: idea.title),
    (_("Status"), lambda idea, clock: idea.get_status_display()),
    (_("Submitted"), lambda idea, clock: _day(idea.submitted_at)),
    (_("Status changed"), lambda idea, clock: _day(idea.status_changed_at)),
    (_("Days in status"), lambda idea, clock: clock.days_in_status),
    (_("Overdue"), lambda idea, clock: _overdue_text(clock)),
    (_("First response due"), lambda idea, clock: clock.first_response_due.isoformat()),
    (_("Decision due"), lambda idea, clock: clock.decision_due.isoformat()),
    (_("First response"), lambda idea, clock: _day(idea.first_response_at)),
    (_("Decided"), lambda idea, clock: _day(idea.decided_at)),
    (_("Submitted by"), lambda idea, clock: _answer(idea, "submitter_type")),
    (_("Organisation"), lambda idea, clock: idea.organisation_name),
    (_("Organisations involved"), lambda idea, clock: _names(idea.organisations_involved.all())),
    (_("Proposed scope"), lambda idea, clock: idea.get_proposed_route_display()),
    (_("Route"), lambda idea, clock: idea.get_route_display()),
    (_("Routed to"), lambda idea, clock: _names(idea.route_organisations.all())),
    (_("Priorities"), lambda idea, clock: _names(idea.priorities.all())),
    (
        _("Most deprived 20%"),
        lambda idea, clock: _answer(idea, "core20"),
    ),
    (_("PLUS groups"), lambda idea, clock: _answer(idea, "plus_groups")),
    (
        _("Clinical areas: adults"),
        lambda idea, clock: _answer(idea, "adult_clinical_areas"),
    ),
    (
        _("Clinical areas: children and young people"),
        lambda idea, clock: _answer(idea, "child_clinical_areas"),
    ),
    (
        _("Service-user involvement"),
        lambda idea, clock: _answer(idea, "involvement"),
    ),
    (_("Support wanted"), lambda idea, clock: _answer(idea, "support_wanted")),
    (_("Lead"), lambda idea, clock: _person(idea.lead)),
    (_("Coach"), lambda idea, clock: idea.coach.display_name if idea.coach else ""),
    (_("Redirected to"), lambda idea, clock: idea.redirected_to),
]
PERSONAL_COLUMNS = [
    (_("Submitter name"), lambda idea, clock: idea.submitter_name),
    (_("Submitter email"), lambda idea, clock: idea.submitter_email),
    (_("Submitter role"), lambda idea, clock: idea.submitter_role),
]


def write_csv(response, ideas, *, include_personal_data, now, targets_) -> int:
    """Write the ideas as CSV rows to ``response``; return how many."""
    columns = EXPORT_COLUMNS[:2] + PERSONAL_COLUMNS + EXPORT_COLUMNS[2:]
    if not include_personal_data:
        columns = EXPORT_COLUMNS
    writer = csv.writer(response)
    writer.writerow([safe_cell(heading) for heading, _value in columns])
    count = 0
    for idea in ideas:
        clock = clock_for(idea, now, targets_)
        writer.writerow([safe_cell(value(idea, clock)) for _heading, value in columns])
        count += 1
    return count


class InboxExportView(InboxView):
    """POST (with the list's query string): the filtered ideas as a CSV file, logged."""

    http_method_names = ["post"]

    def get_base_queryset(self):
        return IdeaSubmission.objects.select_related("organisation", "lead", "coach")

    def get_queryset(self):
        return (
            super().get_queryset().prefetch_related("organisations_involved", "route_organisations")
        )

    def post(self, request, *args, **kwargs):
        form = ExportForm(request.POST)
        include_personal_data = form.is_valid() and form.cleaned_data["include_personal_data"]
        filename = f"huddle-inbox-{timezone.localdate(self.now).isoformat()}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # a byte order mark, so Excel reads UTF-8
        row_count = write_csv(
            response,
            self.get_queryset(),
            include_personal_data=include_personal_data,
            now=self.now,
            targets_=self.targets,
        )
        self.record(row_count, include_personal_data)
        return response

    def record(self, row_count, include_personal_data):
        query = self.query_with()
        with transaction.atomic():
            export = InboxExport.objects.create(
                user=self.request.user,
                query=query,
                row_count=row_count,
                included_personal_data=include_personal_data,
            )
            log(
                instance=export,
                action="submissions.export",
                user=self.request.user,
                data={
                    "query": query,
                    "row_count": row_count,
                    "included_personal_data": include_personal_data,
                },
            )


urlpatterns = [
    path("", huddle_member_required(InboxView.as_view()), name="inbox"),
    path(
        "results/",
        huddle_member_required(InboxView.as_view(results_only=True)),
        name="inbox_results",
    ),
    path("export/", huddle_member_required(InboxExportView.as_view()), name="export"),
]
