"""Importing a measure's data from a file: each supported layout (sample files in
measure_files/), every error with its line, and the editor's import view (preview with the
SPC chart, save as a draft revision, who may use it)."""

import datetime
import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Locale

import pytest
from openpyxl import Workbook

from demo.factories import (
    CaseStudyMeasureFactory,
    CaseStudyPageFactory,
    CollaborativeIndexPageFactory,
    CollaborativeMeasureFactory,
    CollaborativePageFactory,
    CollaborativeTeamMeasureFactory,
    CollaborativeTeamPageFactory,
    ProjectMeasureFactory,
    ProjectPageFactory,
    StandardPageFactory,
)
from hub import access
from pages import measure_import
from pages.enums import ImprovementDirection
from pages.measure_import import MeasureImportError, read_measure_file, series_text
from pages.models import CaseStudyPage, CollaborativeTeamPage, ProjectPage

FILES = Path(__file__).parent / "measure_files"
D = datetime.date


def read(name, **kwargs):
    return read_measure_file((FILES / name).read_bytes(), name, **kwargs)


def errors(data: bytes, name="data.csv", **kwargs) -> list[str]:
    with pytest.raises(MeasureImportError) as error:
        read_measure_file(data, name, **kwargs)
    return error.value.messages


# The layouts ----------------------------------------------------------------------------------


def test_a_two_column_csv_with_iso_dates_and_no_header():
    imported = read("two_column_iso.csv")
    assert imported.layout == measure_import.Layout.TWO_COLUMN
    assert imported.points[0] == (D(2025, 1, 6), 12.0)
    assert len(imported.points) == 8


def test_a_header_line_is_detected_and_uk_dates_are_day_first():
    imported = read("two_column_uk_header.csv")  # "Month,Falls per 1000 bed days", CRLF
    assert imported.points[:2] == [(D(2024, 4, 1), 7.1), (D(2024, 5, 1), 6.8)]
    assert len(imported.points) == 7


def test_semicolons_months_and_decimal_commas_as_polish_spreadsheets_write_them():
    imported = read("semicolon_decimal_comma.csv")
    assert imported.points[:2] == [(D(2025, 1, 1), 6.2), (D(2025, 2, 1), 5.9)]


def test_life_qi_export_with_two_measures_asks_which_one():
    messages = errors((FILES / "life_qi_measure_export.csv").read_bytes())
    assert messages == [
        "The file holds 2 measures: “Falls per 1000 bed days”, “Huddles held (%)”. Choose one."
    ]
    falls = read("life_qi_measure_export.csv", measure="Falls per 1000 bed days")
    assert falls.layout == measure_import.Layout.HEADED
    assert falls.measure == "Falls per 1000 bed days"
    assert falls.measure_names == ["Falls per 1000 bed days", "Huddles held (%)"]
    # Dates with a time, the Value column (not Numerator or Denominator), annotations kept.
    assert falls.points[0] == (D(2024, 4, 1), 7.1)
    assert falls.annotations == [
        (D(2024, 6, 1), "Huddle started"),
        (D(2024, 8, 1), "PDSA 2: night checks"),
    ]
    huddles = read("life_qi_measure_export.csv", measure="Huddles held (%)")
    assert [value for _day, value in huddles.points] == [40, 55, 70, 81, 87, 90]


def test_making_data_count_csv():
    imported = read("making_data_count.csv")
    assert imported.measure == "Door to needle time (minutes)"
    assert imported.points[-1] == (D(2025, 2, 12), 47.0)  # 12/02/2025: day first


def test_making_data_count_workbook_reads_its_data_sheet():
    imported = read("making_data_count.xlsx")
    assert imported.layout == measure_import.Layout.WORKBOOK
    assert imported.points[0] == (D(2025, 1, 1), 62.0)
    assert len(imported.points) == 8


def test_series_text_is_what_the_measure_data_field_reads():
    points = read("two_column_uk_header.csv").points
    text = series_text(points)
    assert text.splitlines()[0] == "2024-04-01, 7.1"
    from pages.measures import parse_series

    assert parse_series(text) == points


# Errors, with their lines ---------------------------------------------------------------------


def test_bad_dates_non_numbers_duplicates_and_missing_values_name_their_lines():
    data = b"Date,Value\n2025-01-01,1\n2025-13-01,2\n2025-01-01,3\n2025-01-04,lots\n2025-01-05,\n"
    assert errors(data) == [
        "Line 3: “2025-13-01” is not a date. Use 2025-03-31, 31/03/2025 or a month such as "
        "2025-03.",
        "Line 4: 2025-01-01 appears twice; give one value per date.",
        "Line 5: “lots” is not a number.",
        "Line 6: the value for 2025-01-05 is missing.",
    ]


def test_a_mistyped_first_date_is_an_error_not_a_header():
    assert errors(b"2025-13-01,5\n2025-02-01,6\n")[0].startswith("Line 1:")


def test_too_few_points():
    assert errors(b"2025-01-01,1\n2025-02-01,2\n") == [
        "The file has 2 points; a chart needs at least 6."
    ]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.7 ...", "falls.pdf"),
        (b"<html><script>alert(1)</script></html>", "falls.csv"),
        (b"\x00\x01\x02binary", "falls.csv"),
        (b"PK\x03\x04 a workbook called csv", "falls.csv"),
        (b"2025-01-01,1\n", "falls.xlsx"),  # a CSV named .xlsx
        (b"PK\x03\x04 not really a zip", "falls.xlsx"),
    ],
)
def test_wrong_file_types_are_refused(data, name):
    assert len(errors(data, name)) == 1


def test_too_large_files_and_too_many_rows_are_refused():
    big = b"2025-01-01,1\n" * (measure_import.MAX_BYTES // 13 + 1)
    assert "too large" in errors(big)[0]
    start = D(2000, 1, 1)
    rows = "".join(
        f"{start + datetime.timedelta(days=n)},{n}\n" for n in range(measure_import.MAX_POINTS + 1)
    )
    assert "more than 1000 rows" in errors(rows.encode())[0]


def test_a_zip_bomb_is_not_opened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))
    assert "cannot open this workbook safely" in errors(buffer.getvalue(), "bomb.xlsx")[0]


def test_workbook_errors_name_their_rows():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Date", "Value"])
    for n in range(6):
        sheet.append([datetime.datetime(2025, 1, 1 + n), n])
    sheet.append(["not a date", 7])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert errors(buffer.getvalue(), "data.xlsx") == [
        "Row 8: “not a date” is not a date. Use 2025-03-31, 31/03/2025 or a month such as 2025-03."
    ]


# The editor's import view ---------------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_study(partner_a):
    page = CaseStudyPageFactory(parent=partner_a, title="Halving falls")
    CaseStudyMeasureFactory(page=page, name="Inpatient falls")
    page.save_revision().publish()
    return CaseStudyPage.objects.get(pk=page.pk)


def url(page):
    return reverse("pages_measure_import", args=[page.pk])


def upload(name):
    return SimpleUploadedFile(name, (FILES / name).read_bytes(), content_type="text/csv")


def test_the_edit_form_links_to_the_import(client, case_study, hub_editor):
    client.force_login(hub_editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[case_study.pk])).content.decode()
    assert url(case_study) in html


def test_preview_draws_the_chart_then_save_makes_a_draft(client, case_study, editor_a):
    client.force_login(editor_a)
    response = client.post(
        url(case_study),
        {"measure": "0", "preview": "1", "file": upload("two_column_uk_header.csv")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "7 points, from 1 April 2024 to 1 October 2024." in html
    assert "<svg" in html  # the chart pages.charts draws on the page
    assert "Saving replaces every point of “Inpatient falls”" in html
    form = response.context["save_form"]
    # Nothing is saved by a preview.
    assert case_study.get_latest_revision_as_object().measures.first().data.startswith("2025-01-01")

    response = client.post(
        url(case_study),
        {
            "measure": "0",
            "save": "1",
            "data": form["data"].value(),
            "annotations": form["annotations"].value(),
        },
    )
    assert response.status_code == 302
    draft = CaseStudyPage.objects.get(pk=case_study.pk)
    assert draft.has_unpublished_changes
    measure = draft.get_latest_revision_as_object().measures.first()
    assert measure.data.splitlines()[0] == "2024-04-01, 7.1"
    assert len(measure.series) == 7
    # The live page is unchanged until someone publishes the draft.
    assert draft.measures.first().data.startswith("2025-01-01")


def test_a_new_measure_with_annotations_from_life_qi(client, case_study, hub_editor):
    client.force_login(hub_editor)
    response = client.post(
        url(case_study),
        {
            "measure": "new",
            "new_name": "Falls",
            "file_measure": "Falls per 1000 bed days",
            "preview": "1",
            "file": upload("life_qi_measure_export.csv"),
        },
    )
    assert "The file's 2 annotations are added to the chart." in response.content.decode()
    form = response.context["save_form"]
    client.post(
        url(case_study),
        {
            "measure": "new",
            "new_name": "Falls",
            "save": "1",
            "data": form["data"].value(),
            "annotations": form["annotations"].value(),
        },
    )
    measures = list(
        CaseStudyPage.objects.get(pk=case_study.pk).get_latest_revision_as_object().measures.all()
    )
    assert [measure.name for measure in measures] == ["Inpatient falls", "Falls"]
    assert "2024-08-01, PDSA 2: night checks" in measures[1].annotations


def test_errors_are_shown_next_to_the_file_and_nothing_is_saved(client, case_study, editor_a):
    client.force_login(editor_a)
    bad = SimpleUploadedFile("falls.csv", b"Date,Value\n2025-01-01,1\n2025-01-01,2\n")
    response = client.post(url(case_study), {"measure": "0", "preview": "1", "file": bad})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Line 3: 2025-01-01 appears twice" in html
    assert 'name="measure"' in html  # the form again, with the choice kept
    response = client.post(
        url(case_study),
        {"measure": "0", "preview": "1", "file": upload("life_qi_measure_export.csv")},
    )
    assert "The file holds 2 measures" in response.content.decode()
    # Saving tampered points is refused.
    response = client.post(url(case_study), {"measure": "0", "save": "1", "data": "<script>"})
    assert "Upload the file again" in response.content.decode()
    assert not CaseStudyPage.objects.get(pk=case_study.pk).has_unpublished_changes


def test_a_partner_editor_cannot_import_outside_their_section(client, case_study, editor_b):
    client.force_login(editor_b)
    # Wagtail's admin turns "permission denied" into a redirect to the dashboard.
    response = client.get(url(case_study))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    form = client.get(url(case_study), follow=True).content.decode()
    assert "Choose a file" not in form and 'name="file"' not in form
    response = client.post(
        url(case_study),
        {"measure": "0", "save": "1", "data": series_text(read("two_column_iso.csv").points)},
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not CaseStudyPage.objects.get(pk=case_study.pk).has_unpublished_changes


def test_anonymous_visitors_are_sent_to_sign_in(client, case_study):
    response = client.get(url(case_study))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_translation_is_not_imported_into(client, case_study, hub_editor):
    from wagtail_localize.operations import translate_object

    polish = Locale.objects.create(language_code="pl")
    translate_object(case_study, [polish])
    translation = case_study.get_translation(polish)
    client.force_login(hub_editor)
    response = client.get(url(translation))
    assert "This page is a translation" in response.content.decode()
    assert "save_form" not in response.context


# The same view for a collaborative team's measures and a project's ---------------------------


@pytest.fixture
def team(home_page, org_a, groups):
    index = CollaborativeIndexPageFactory(parent=home_page)
    collaborative = CollaborativePageFactory(parent=index)
    falls = CollaborativeMeasureFactory(page=collaborative, direction=ImprovementDirection.DOWN)
    page = CollaborativeTeamPageFactory(parent=collaborative, organisation=org_a)
    CollaborativeTeamMeasureFactory(
        page=page, name="Inpatient falls", common_measure=falls, direction="down"
    )
    page.save_revision().publish()
    access.sync_access()  # the team's organisation's editors may edit it
    return CollaborativeTeamPage.objects.get(pk=page.pk)


@pytest.fixture
def project(partner_a):
    page = ProjectPageFactory(parent=partner_a, title="Text reminders")
    ProjectMeasureFactory(page=page, name="Missed appointments")
    page.save_revision().publish()
    return ProjectPage.objects.get(pk=page.pk)


def preview_and_save(client, page, name, **fields):
    response = client.post(url(page), {"preview": "1", "file": upload(name), **fields})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html, html[:2000]
    form = response.context["save_form"]
    response = client.post(
        url(page),
        {
            **fields,
            "save": "1",
            "data": form["data"].value(),
            "annotations": form["annotations"].value(),
        },
    )
    assert response.status_code == 302
    return html


@pytest.mark.parametrize("fixture", ["team", "project"])
def test_the_edit_form_links_to_the_import_for_teams_and_projects(
    client, fixture, hub_editor, request
):
    page = request.getfixturevalue(fixture)
    client.force_login(hub_editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert url(page) in html


def test_a_team_editor_imports_a_making_data_count_workbook_into_their_team(client, team, editor_a):
    client.force_login(editor_a)
    html = preview_and_save(client, team, "making_data_count.xlsx", measure="0")
    assert "8 points, from 1 January 2025" in html
    draft = CollaborativeTeamPage.objects.get(pk=team.pk)
    assert draft.has_unpublished_changes
    measure = draft.get_latest_revision_as_object().measures.get()
    assert measure.data.splitlines()[0] == "2025-01-01, 62"
    # Still the collaborative's measure, read in its direction: it joins the shared view.
    assert measure.common_measure_id == team.measures.get().common_measure_id
    assert measure.improvement_direction == ImprovementDirection.DOWN
    assert draft.measures.get().data.startswith("2025-01-01, 6")  # live unchanged


def test_a_project_gets_a_new_measure_from_a_life_qi_export(client, project, editor_a):
    client.force_login(editor_a)
    preview_and_save(
        client,
        project,
        "life_qi_measure_export.csv",
        measure="new",
        new_name="Falls",
        file_measure="Falls per 1000 bed days",
    )
    draft = ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()
    measures = list(draft.measures.all())
    assert [m.name for m in measures] == ["Missed appointments", "Falls"]
    assert type(measures[1]).__name__ == "ProjectMeasure"
    assert "2024-08-01, PDSA 2: night checks" in measures[1].annotations


@pytest.mark.parametrize("fixture", ["team", "project"])
def test_another_partners_editor_cannot_import_into_a_team_or_project(
    client, fixture, editor_b, request
):
    page = request.getfixturevalue(fixture)
    client.force_login(editor_b)
    response = client.post(
        url(page),
        {"measure": "0", "save": "1", "data": series_text(read("two_column_iso.csv").points)},
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not type(page).objects.get(pk=page.pk).has_unpublished_changes


def test_a_page_without_measures_has_no_import(client, home_page, hub_editor):
    page = StandardPageFactory(parent=home_page)
    client.force_login(hub_editor)
    assert client.get(url(page)).status_code == 404
