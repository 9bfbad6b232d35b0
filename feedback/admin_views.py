"""Reports → Impact, for hub editors: how the hub is used and what people think of it."""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from hub.models import Organisation
from hub.spreadsheets import safe_cell

from . import impact

PERMISSION = "feedback.view_impact_report"


class ImpactFilterForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"), choices=list(impact.PERIODS.items()), required=False
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Organisation.objects.none(),  # set per request: the query reads locales
        required=False,
        empty_label=_("All partners"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = impact.partners()

    def filters(self) -> impact.Filters:
        data = self.cleaned_data if self.is_valid() else {}
        days = int(data.get("period") or impact.DEFAULT_PERIOD)
        return impact.Filters.last(days, data.get("partner"))


class ImpactReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Impact")
    header_icon = "pick"
    template_name = "feedback/admin/impact.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = ImpactFilterForm(request.GET or None)
        self.filters = self.form.filters()
        self.panels = impact.build(self.filters)
        if request.GET.get("export") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query["export"] = "csv"
        context.update(
            form=self.form,
            filters=self.filters,
            panels=self.panels,
            export_query=query.urlencode(),
        )
        return context

    def csv(self) -> HttpResponse:
        """Every panel one after another: its title, headings and rows, then a blank line."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"impact-{self.filters.start:%Y-%m-%d}-to-{self.filters.end:%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        writer = csv.writer(response)
        writer.writerow([safe_cell(_("Impact")), f"{self.filters.start}", f"{self.filters.end}"])
        if self.filters.organisation:
            writer.writerow([safe_cell(_("Partner")), safe_cell(self.filters.organisation.name)])
        for panel in self.panels:
            writer.writerow([])
            writer.writerow([safe_cell(panel.title)])
            writer.writerow([safe_cell(heading) for heading in panel.headings])
            for row in panel.rows:
                writer.writerow([safe_cell(cell) for cell in row])
        return response
