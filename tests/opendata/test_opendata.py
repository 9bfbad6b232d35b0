"""Open data: the page, CSV and JSON downloads made from one definition, the data
dictionary, only public fields, formula-safe CSV, idea statistics with small numbers
suppressed, rate limits and clear errors."""

import csv
import io
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.test import override_settings

from wagtail.models import PageViewRestriction

import pytest

from demo.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CoachProfileFactory,
    EventPageFactory,
    IdeaSubmissionFactory,
    PlaceFactory,
    PriorityFactory,
    ProjectPageFactory,
    ResourcePageFactory,
    TrainingIndexPageFactory,
    UserFactory,
)
from hub.enums import PlaceKind
from opendata.datasets import DATASETS, idea_statistics, suppress
from pages.enums import ProjectStage
from submissions.enums import Involvement, Route, Status

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def read_json(response) -> dict:
    return json.loads(response.content)


def test_page_lists_every_dataset_with_downloads_licence_and_dictionary(client, home_page):
    response = client.get("/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    for slug, dataset in DATASETS.items():
        assert f'href="/open-data/{slug}.csv"' in html
        assert f'href="/open-data/{slug}.json"' in html
        for column in dataset.columns:
            assert f'<code lang="en">{column.name}</code>' in html
    assert "Open Government Licence v3.0" in html
    assert "csrfmiddlewaretoken" not in html  # a cached public page


@override_settings(HUB_OPEN_DATA_LICENCE="Custom Licence 2.0")
def test_licence_is_a_setting(client, home_page):
    assert "Custom Licence 2.0" in client.get("/open-data/").content.decode()
    data = read_json(client.get("/open-data/case-studies.json"))
    assert data["licence"]["name"] == "Custom Licence 2.0"


def test_page_in_polish_and_urdu(client, home_page):
    for code in ("pl", "ur"):
        response = client.get(f"/{code}/open-data/")
        assert response.status_code == 200
        assert f'lang="{code}"' in response.content.decode()


@pytest.mark.parametrize("slug", list(DATASETS))
def test_csv_and_json_have_the_dictionary_columns(client, home_page, partner_a, slug):
    index = CaseStudyIndexPageFactory(parent=home_page)
    CaseStudyPageFactory(parent=index, title="Falls huddle")
    ProjectPageFactory(parent=partner_a, title="Carers' passport")
    training = TrainingIndexPageFactory(parent=home_page)
    EventPageFactory(parent=training)
    CoachProfileFactory()
    names = [column.name for column in DATASETS[slug].columns]
    csv_response = client.get(f"/open-data/{slug}.csv")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in csv_response["Content-Disposition"]
    header = next(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert header == names
    data = read_json(client.get(f"/open-data/{slug}.json"))
    assert [field["name"] for field in data["fields"]] == names
    for record in data["records"]:
        assert list(record) == names


def test_case_studies_only_live_and_public(client, home_page):
    index = CaseStudyIndexPageFactory(parent=home_page)
    CaseStudyPageFactory(parent=index, title="Live one")
    draft = CaseStudyPageFactory(parent=index, title="Draft one")
    draft.live = False
    draft.save()
    rows = read_csv(client.get("/open-data/case-studies.csv"))
    assert [row["title"] for row in rows] == ["Live one"]
    assert rows[0]["url"].startswith("http")
    assert rows[0]["language"] == "en"


def test_projects_only_live_and_public_with_their_stage_partners_and_places(
    client, partner_a, partner_b
):
    stroke = PriorityFactory(name="Stroke")
    riverside = PlaceFactory(name="Riverside PCN", kind=PlaceKind.PRIMARY_CARE_NETWORK)
    project = ProjectPageFactory(
        parent=partner_a,
        title="Carers' passport",
        stage=ProjectStage.TESTING,
        started_on=date(2026, 3, 2),
        team="Ward 7 nurses and team-marker patient partners",
    )
    project.organisations.set([partner_a.organisation, partner_b.organisation])
    project.places.set([riverside])
    project.priorities.set([stroke])
    project.topics.add("carers")
    project.save_revision().publish()
    ProjectPageFactory(parent=partner_a, title="Not yet public", live=False)
    private = ProjectPageFactory(parent=partner_b, title="Behind a password")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    [row] = read_csv(client.get("/open-data/projects.csv"))
    assert row["title"] == "Carers' passport"
    assert row["url"].startswith("http") and row["url"].endswith(project.url)
    assert (row["language"], row["stage"], row["started"]) == (
        "en",
        "Testing changes",
        "2026-03-02",
    )
    assert row["organisations"] == "Eastbridge County Council; Kingsmead Hospitals NHS Trust"
    assert (row["places"], row["priorities"], row["topics"]) == (
        "Riverside PCN",
        "Stroke",
        "carers",
    )
    [record] = read_json(client.get("/open-data/projects.json"))["records"]
    assert record["places"] == ["Riverside PCN"] and record["started"] == "2026-03-02"
    assert record["organisations"] == [
        "Eastbridge County Council",
        "Kingsmead Hospitals NHS Trust",
    ]
    for suffix in ("csv", "json"):
        body = client.get(f"/open-data/projects.{suffix}").content.decode("utf-8-sig")
        assert "team-marker" not in body  # who is in the team is not published


def test_project_columns_are_public_fields_only():
    names = {column.name for column in DATASETS["projects"].columns}
    assert {"title", "stage", "organisations", "places", "priorities", "topics"} <= names
    assert {"started", "first_published", "last_published", "url"} <= names
    assert not names & {"team", "owner", "measures", "updates", "pdsa_cycles"}


def test_csv_cells_cannot_run_as_formulas(client, home_page):
    index = CaseStudyIndexPageFactory(parent=home_page)
    CaseStudyPageFactory(parent=index, title='=HYPERLINK("https://evil.example","x")')
    rows = read_csv(client.get("/open-data/case-studies.csv"))
    assert rows[0]["title"].startswith("'=")


def test_resources_list_their_priorities(client, home_page):
    from demo.factories import ResourceIndexPageFactory

    stroke = PriorityFactory(name="Stroke")
    index = ResourceIndexPageFactory(parent=home_page)
    page = ResourcePageFactory(parent=index, title="PDSA template")
    page.priorities.set([stroke])
    page.save_revision().publish()
    record = read_json(client.get("/open-data/resources.json"))["records"][0]
    assert record["priorities"] == ["Stroke"]
    assert read_csv(client.get("/open-data/resources.csv"))[0]["priorities"] == "Stroke"


def test_coach_directory_has_no_contact_details(client, home_page):
    user = UserFactory(email="account-marker@private.example")
    CoachProfileFactory(
        display_name="Ada Coach", user=user, contact_email="relay-marker@private.example"
    )
    CoachProfileFactory(display_name="Hidden Draft", publish=False)
    for suffix in ("csv", "json"):
        body = client.get(f"/open-data/coaches.{suffix}").content.decode("utf-8-sig")
        assert "Ada Coach" in body
        assert "Hidden Draft" not in body
        assert "private.example" not in body
        assert "coaches.example.org" not in body


def test_coach_columns_are_public_fields_only():
    names = {column.name for column in DATASETS["coaches"].columns}
    assert not names & {"contact_email", "email", "user", "phone", "photo"}


def test_unknown_dataset_is_a_404(client, home_page):
    assert client.get("/open-data/nope.csv").status_code == 404
    assert client.get("/open-data/nope.json").status_code == 404
    assert client.get("/open-data/case-studies.xlsx").status_code == 404


@override_settings(HUB_OPEN_DATA_RATE_LIMIT=2)
def test_downloads_are_rate_limited(client, home_page):
    assert client.get("/open-data/events.csv").status_code == 200
    assert client.get("/open-data/events.json").status_code == 200
    refused = client.get("/open-data/events.csv")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


# -- Idea statistics ---------------------------------------------------------------------


def ideas(count, month, **fields):
    return [
        IdeaSubmissionFactory(submitted_at=datetime(2026, month, 10, 12, tzinfo=LONDON), **fields)
        for _ in range(count)
    ]


def cell(rows, month, dimension, category):
    [row] = [
        r
        for r in rows
        if (r["month"], r["dimension"], r["category"]) == (month, dimension, category)
    ]
    return row


def test_statistics_count_by_month_and_dimension_with_small_numbers_suppressed():
    stroke = PriorityFactory(name="Stroke")
    ideas(
        6, 3, status=Status.ACCEPTED, route=Route.SINGLE_PROVIDER, involvement=Involvement.LEADING
    )
    ideas(2, 3, status=Status.DECLINED, involvement=Involvement.LEADING)
    for idea in ideas(5, 4):
        idea.priorities.set([stroke])
    rows = idea_statistics(now=datetime(2026, 5, 2, tzinfo=LONDON))
    assert cell(rows, "2026-03", "all", "all")["count"] == 8
    declined = cell(rows, "2026-03", "status", "declined")
    assert (declined["count"], declined["suppressed"]) == (None, True)
    # Secondary suppression: 8 in all minus 6 accepted would give the 2 declined away.
    assert cell(rows, "2026-03", "status", "accepted")["suppressed"] is True
    # The same for routes: 2 not yet routed, so the 6 routed are hidden too.
    assert cell(rows, "2026-03", "route", "not_stated")["suppressed"] is True
    assert cell(rows, "2026-03", "route", "single_provider")["suppressed"] is True
    assert cell(rows, "2026-04", "priority", "stroke")["count"] == 5
    assert cell(rows, "2026-03", "involvement", "leading")["count"] == 8


def test_secondary_suppression_hides_the_cell_that_reveals_a_small_one():
    counts = {
        ("2026-03", "all", "all"): 8,
        ("2026-03", "status", "accepted"): 6,
        ("2026-03", "status", "declined"): 2,
    }
    hidden = suppress(counts, 5)
    assert ("2026-03", "status", "declined") in hidden
    assert ("2026-03", "status", "accepted") in hidden
    assert ("2026-03", "all", "all") not in hidden


def test_two_small_cells_need_no_secondary_suppression():
    counts = {
        ("2026-03", "all", "all"): 10,
        ("2026-03", "status", "accepted"): 6,
        ("2026-03", "status", "declined"): 2,
        ("2026-03", "status", "withdrawn"): 2,
    }
    assert suppress(counts, 5) == {
        ("2026-03", "status", "declined"),
        ("2026-03", "status", "withdrawn"),
    }


def test_statistics_leave_out_the_month_still_going():
    ideas(7, 5)
    rows = idea_statistics(now=datetime(2026, 5, 20, tzinfo=LONDON))
    assert not [row for row in rows if row["month"] == "2026-05"]


@override_settings(HUB_OPEN_DATA_SMALL_NUMBER=10)
def test_threshold_is_a_setting():
    ideas(7, 3)
    rows = idea_statistics(now=datetime(2026, 5, 2, tzinfo=LONDON))
    assert cell(rows, "2026-03", "all", "all")["suppressed"] is True


def test_statistics_download_has_no_idea_text_or_submitter(client, home_page):
    ideas(6, 1, title="Secret ward idea")
    body = client.get("/open-data/idea-statistics.csv").content.decode("utf-8-sig")
    assert "Secret ward idea" not in body
    assert "@example.org" not in body
    assert "Sam Submitter" not in body
