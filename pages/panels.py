"""Editor panels of the page types that are more than a field: the link from a page's
measures (case study, collaborative team, project) to importing their data from a file
(``pages.measure_import_views``)."""

from django.urls import reverse

from wagtail.admin.panels import Panel


class MeasureImportPanel(Panel):
    """A link to the import view, shown above a page's measures."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pages/admin/measure_import_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["import_url"] = (
                reverse("pages_measure_import", args=[page.pk]) if page and page.pk else ""
            )
            return context
