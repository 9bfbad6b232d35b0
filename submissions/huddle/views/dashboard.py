"""The huddle's process measures dashboard (``huddle:dashboard``).

The numbers come from :mod:`submissions.huddle.process_measures`; the weekly series are
drawn as Making Data Count SPC charts by :mod:`pages.spc` and :mod:`pages.charts` (each with
its summary, legend and data table as a text alternative). The period is chosen with a GET
form, so a view of the dashboard can be bookmarked and shared. The page runs a fixed number
of queries.
"""

from dataclasses import dataclass

from django import forms
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from pages.chart_cache import series_chart
from pages.spc import Direction
from submissions.models import IdeaSubmission
from submissions.permissions import huddle_member_required

from .. import process_measures


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[(period.key, period.label) for period in process_measures.PERIODS],
        required=False,
        initial=process_measures.DEFAULT_PERIOD.key,
        help_text=_("Complete weeks, Monday to Sunday, up to last Sunday."),
        error_messages={
            "invalid_choice": _(
                "Choose one of the periods in the list. The default period is shown instead."
            )
        },
    )

    def chosen_period(self) -> process_measures.Period:
        """The period asked for, or the default when none (or an unknown one) was given."""
        if self.is_bound and self.is_valid() and self.cleaned_data["period"]:
            return process_measures.period_for(self.cleaned_data["period"])
        return process_measures.DEFAULT_PERIOD


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    explanation: str
    html: str


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    percent: float | None


@dataclass(frozen=True)
class Table:
    slug: str
    caption: str
    heading: str
    rows: list[Row]
    note: str = ""


def _chart(slug, title, explanation, values, *, unit, direction) -> Chart:
    unit, title = str(unit), str(title)
    # Every measure here is a count, a number of days or a percentage: never below zero.
    # Drawn once per period's figures (pages.chart_cache).
    html = series_chart(
        values, direction=direction, unit=unit, title=title, id_prefix=f"chart-{slug}", floor=0
    )
    return Chart(slug, title, str(explanation), html)


def charts(series: process_measures.WeeklySeries) -> list[Chart]:
    return [
        _chart(
            "received",
            _("Ideas received per week"),
            _(
                "Every idea submitted, by the week it arrived. Weeks in which no idea arrived "
                "count as 0."
            ),
            series.received,
            unit=_("ideas"),
            direction=Direction.NEITHER,
        ),
        _chart(
            "first-response",
            _("Median days to first response"),
            _(
                "Calendar days (weekends included) from submission to the huddle's first move, "
                "message or sift, as the median of the ideas submitted each week. A week in "
                "which no idea has had a response yet has no point; the latest weeks count only "
                "the ideas answered so far."
            ),
            series.first_response,
            unit=_("days"),
            direction=Direction.DOWN,
        ),
        _chart(
            "decision",
            _("Median days to decision"),
            _(
                "Calendar days from submission to the decision (accepted, declined or "
                "redirected), as the median of the ideas submitted each week. A week with no "
                "decided idea has no point; the latest weeks count only the ideas decided so far."
            ),
            series.decision,
            unit=_("days"),
            direction=Direction.DOWN,
        ),
    ]


def _rows(tallies: list[process_measures.Tally], total: int) -> list[Row]:
    return [
        Row(str(tally.label), tally.count, process_measures.Share(tally.count, total).percent)
        for tally in tallies
    ]


def tables(result: process_measures.Measures) -> list[Table]:
    total = result.shares.total
    return [
        Table("status", _("Ideas by status"), _("Status"), _rows(result.by_status, total)),
        Table("route", _("Ideas by route"), _("Route"), _rows(result.by_route, total)),
        Table(
            "organisation",
            _("Ideas by the submitter's organisation"),
            _("Organisation"),
            _rows(result.by_organisation, total),
        ),
        Table(
            "organisation-type",
            _("Ideas by type of organisation"),
            _("Type of organisation"),
            _rows(result.by_organisation_type, total),
        ),
        Table(
            "priority",
            _("Ideas by system priority"),
            _("System priority"),
            _rows(result.by_priority, total),
            note=_("An idea can align to several priorities, so these add up to more."),
        ),
    ]


@method_decorator(huddle_member_required, name="dispatch")
class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "submissions/admin/dashboard/index.html"
    page_title = _("Process measures")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm(self.request.GET if "period" in self.request.GET else None)
        result = process_measures.measures(IdeaSubmission.objects.all(), form.chosen_period())
        shares = result.shares
        context.update(
            form=form,
            measures=result,
            shares=[
                (
                    _("From citizens and service users"),
                    _("Submitted by a patient or service user, a carer or a member of the public."),
                    shares.citizens,
                ),
                (
                    _("Addressing Core20PLUS5"),
                    _(
                        "Reaching the most deprived 20%, a PLUS group, or one of the adult or "
                        "children's clinical areas."
                    ),
                    shares.core20plus5,
                ),
                (
                    _("With service-user involvement"),
                    _("Service users or carers are leading it, involved, or will be involved."),
                    shares.involvement,
                ),
            ],
            charts=charts(result.series),
            tables=tables(result),
        )
        return context


urlpatterns = [path("dashboard/", DashboardView.as_view(), name="dashboard")]
