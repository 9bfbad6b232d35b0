"""Importing a measure's data from a file, in the Wagtail admin: one view for every page
with measures (case studies, collaborative teams, projects in progress: ``MEASURED_PAGES``).

Reached from the "Measures" panel of the page's edit form (:class:`MeasureImportPanel`):
choose the measure (or a new one), upload the file, see the points and the SPC chart exactly
as the page will draw them (``pages.spc`` and ``pages.charts``), then save. Saving makes a
new draft revision of the page, as an edit in the editor would: publishing it goes through
the page's usual workflow. Only people who may edit the page get here (a partner editor:
pages in their own section, and their own collaborative teams).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Page
from wagtail_localize.models import Translation

from . import measure_import
from . import measures as measure_parsing
from .charts import render_spc_chart
from .enums import ImprovementDirection
from .models import CaseStudyPage, CollaborativeTeamPage, ProjectPage
from .spc import compute_spc

NEW = "new"
# The page types whose measures (their ``measures`` child relation, on MeasureBase) can be
# imported into.
MEASURED_PAGES = (CaseStudyPage, CollaborativeTeamPage, ProjectPage)


class ImportForm(forms.Form):
    measure = forms.ChoiceField(label=gettext_lazy("Measure"))
    new_name = forms.CharField(
        label=gettext_lazy("Name of the new measure"), max_length=150, required=False
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy(
            "A CSV file (two columns, a date and a value, or Life QI's measure export) or an "
            "Excel .xlsx workbook in the Making Data Count layout. At most 1 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": measure_import.ACCEPT}),
    )
    file_measure = forms.CharField(
        label=gettext_lazy("Measure in the file"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("When the file holds several measures: the one to import."),
    )
    # The preview's points, sent back on "Save" and read again by the same parser as the
    # editor's "data" field.
    data = forms.CharField(required=False, widget=forms.HiddenInput)
    annotations = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [
            *[(str(index), measure.name) for index, measure in enumerate(measures)],
            (NEW, _("A new measure")),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("measure") == NEW and not (cleaned.get("new_name") or "").strip():
            self.add_error("new_name", _("Name the new measure."))
        return cleaned


def _is_translation(page) -> bool:
    """A translation's measure numbers are synchronised from its source page."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=page.locale_id
    ).exists()


def _preview_chart(measure, points, annotations):
    result = compute_spc(
        points,
        # A team's measure is read in its common measure's direction, as on the page.
        direction=measure.improvement_direction,
        target=measure.target,
        change_points=measure_parsing.parse_dates(measure.change_points or ""),
        annotations=annotations,
        unit=measure.unit,
    )
    return render_spc_chart(
        result, title=measure.name, unit=measure.unit, id_prefix="measure-import-preview"
    )


def _merge_annotations(existing: str, imported: str) -> str:
    lines = [line for line in (existing or "").splitlines() if line.strip()]
    for line in imported.splitlines():
        if line.strip() and line not in lines:
            lines.append(line)
    return "\n".join(lines)


def _measured_page(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, MEASURED_PAGES):
        raise Http404
    return page


def _measure_model(page):
    return type(page)._meta.get_field("measures").related_model


def import_view(request, page_id):
    page = _measured_page(page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    latest = page.get_latest_revision_as_object()
    measures = list(latest.measures.all())
    context = {"page": page, "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])}
    if _is_translation(page):
        context["translation"] = True
        return TemplateResponse(request, "pages/admin/measure_import.html", context)

    form = ImportForm(request.POST or None, request.FILES or None, measures=measures)
    context["form"] = form
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "pages/admin/measure_import.html", context)

    choice = form.cleaned_data["measure"]
    if choice == NEW:
        measure = _measure_model(page)(
            name=form.cleaned_data["new_name"].strip(),
            direction=ImprovementDirection.UP,
            locale_id=page.locale_id,
        )
    else:
        measure = measures[int(choice)]

    if "save" in request.POST:
        return _save(request, page, latest, measures, measure, form, context)

    upload = form.cleaned_data.get("file")
    if upload is None:
        form.add_error("file", _("Choose a file to import."))
        return TemplateResponse(request, "pages/admin/measure_import.html", context)
    if upload.size > measure_import.MAX_BYTES:
        form.add_error("file", _("The file is too large: the most the hub reads is 1 MB."))
        return TemplateResponse(request, "pages/admin/measure_import.html", context)
    try:
        imported = measure_import.read_measure_file(
            upload.read(measure_import.MAX_BYTES + 1),
            upload.name,
            measure=form.cleaned_data.get("file_measure", ""),
        )
    except measure_import.MeasureImportError as error:
        for message in error.messages:
            form.add_error("file", message)
        return TemplateResponse(request, "pages/admin/measure_import.html", context)

    data = measure_import.series_text(imported.points)
    annotations = "\n".join(f"{day.isoformat()}, {label}" for day, label in imported.annotations)
    context.update(
        preview=True,
        imported=imported,
        measure=measure,
        chart=_preview_chart(measure, imported.points, imported.annotations),
        first=imported.points[0][0],
        last=imported.points[-1][0],
        replaces=bool(measure.data),
        save_form=ImportForm(
            initial={
                "measure": choice,
                "new_name": form.cleaned_data.get("new_name", ""),
                "data": data,
                "annotations": annotations,
            },
            measures=measures,
        ),
    )
    return TemplateResponse(request, "pages/admin/measure_import.html", context)


def _save(request, page, latest, measures, measure, form, context):
    """Save the previewed points as a new draft revision of the page."""
    try:
        points = measure_parsing.parse_series(form.cleaned_data["data"])
        annotations = form.cleaned_data["annotations"]
        measure_parsing.parse_annotations(annotations)
    except ValidationError:
        points = []
    if len(points) < measure_import.MIN_POINTS:
        form.add_error("file", _("Something went wrong with the preview. Upload the file again."))
        return TemplateResponse(request, "pages/admin/measure_import.html", context)
    measure.data = measure_import.series_text(points)
    measure.annotations = _merge_annotations(measure.annotations, annotations)
    if measure not in measures:
        measure.sort_order = len(measures)
        measures.append(measure)
    # The whole list, in memory: what the revision stores (the live rows are untouched).
    latest.measures.set(measures)
    latest.save_revision(user=request.user, log_action=True)
    messages.success(
        request,
        _("%(count)s points imported into “%(measure)s”. Check the draft, then publish it.")
        % {"count": len(points), "measure": measure.name},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


urlpatterns = [
    path(
        "pages/<int:page_id>/measure-import/",
        import_view,
        name="pages_measure_import",
    ),
]
