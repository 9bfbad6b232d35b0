"""What a separate front end needs from a case study: the full chart of each measure, the
spread register, and "We are adopting this" through the API."""

import json

from django.core.cache import cache
from django.utils import translation

import pytest

from pages import charts
from pages.enums import ModerationStatus
from pages.models import Adoption, CaseStudyPage

URL = "/api/v3/case-studies/{}/adoptions/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _case_study_with_limits():
    """A demo measure of 24 points or more, given a change point and an annotation."""
    from pages.models import CaseStudyMeasure

    for page in CaseStudyPage.objects.live().filter(locale__language_code="en").order_by("path"):
        for measure in page.measures.all():
            if len(measure.series) >= 24:
                middle = measure.series[12][0].isoformat()
                CaseStudyMeasure.objects.filter(pk=measure.pk).update(
                    change_points=middle, annotations=f"{middle}, New checklist"
                )
                measure = CaseStudyMeasure.objects.get(pk=measure.pk)
                assert len(measure.spc.segments) == 2
                return page, measure
    pytest.fail("the demo has no measure of 24 points")


def test_the_chart_model_is_the_page_s_chart_point_by_point(api):
    page, measure = _case_study_with_limits()
    body = api.get(f"/api/v3/pages/{page.pk}/").json()
    chart = next(item for item in body["measures"] if item["name"] == measure.name)["chart"]
    result = measure.spc
    assert chart["mode"] == "xmr"
    assert chart["summary"] == result.summary
    assert len(chart["segments"]) == len(result.segments) > 1
    assert chart["change_points"] == [s.start_date.isoformat() for s in result.segments[1:]]
    for segment, expected in zip(chart["segments"], result.segments, strict=True):
        assert (segment["mean"], segment["upper_limit"], segment["lower_limit"]) == (
            expected.mean,
            expected.ucl,
            expected.lcl,
        )
    assert len(chart["points"]) == len(result.points)
    for point, expected in zip(chart["points"], result.points, strict=True):
        row = charts._row(result, expected)
        assert point["value"] == expected.value
        assert set(point["rules"]) == {rule.value for rule in expected.rules}
        assert point["signal"] == (expected.signal and expected.signal.value)
        assert point["text"]["signal"] == row["signal"]
        assert point["marker"] == row["kind"]
    assert [a["label"] for a in chart["annotations"]] == [a.label for a in result.annotations]
    if result.variation:
        assert chart["variation"]["kind"] == result.variation.value
        assert chart["variation"]["svg"].startswith("<svg")


def test_a_polish_case_study_s_chart_speaks_polish(api):
    page = (
        CaseStudyPage.objects.live()
        .filter(locale__language_code="pl", measures__isnull=False)
        .first()
    )
    assert page is not None, "the demo translates case studies and their measures into Polish"
    measure = page.measures.first()
    chart = api.get(f"/api/v3/pages/{page.pk}/").json()["measures"][0]["chart"]
    with translation.override("pl"):
        measure.__dict__.pop("spc", None)
        assert chart["summary"] == measure.spc.summary
    assert chart["language"] == "pl"


def test_only_approved_adoptions_are_read_and_never_who_sent_them(api):
    page = CaseStudyPage.objects.live().filter(locale__language_code="en").first()
    Adoption.objects.create(
        case_study=page,
        team="Ward 12 (approved)",
        stage="decision",
        contact_name="Private Person",
        contact_email="private@example.org",
        status=ModerationStatus.APPROVED,
    )
    Adoption.objects.create(
        case_study=page,
        team="Ward 13 (pending)",
        stage="decision",
        contact_name="Private Person",
        contact_email="private@example.org",
    )
    response = api.get(f"/api/v3/pages/{page.pk}/")
    teams = [item["team"] for item in response.json()["adoptions"]]
    assert "Ward 12 (approved)" in teams
    assert "Ward 13 (pending)" not in teams
    assert b"private@example.org" not in response.content
    assert b"Private Person" not in response.content
    approved = next(i for i in response.json()["adoptions"] if i["team"].startswith("Ward 12"))
    assert approved["stage"] == "decision"
    assert approved["stage_label"] == "Decided to try it"


def _adoption(**changes):
    from hub.models import Organisation

    body = {
        "organisation": Organisation.objects.filter(locale__language_code="en").first().pk,
        "team": "Frailty team",
        "stage": "interest",
        "contact_name": "Sam Patel",
        "contact_email": "sam@example.org",
    }
    body.update(changes)
    return body


def post(client, page_id, body, **extra):
    return client.post(
        URL.format(page_id), json.dumps(body), content_type="application/json", **extra
    )


def test_an_adoption_is_registered_for_review_as_the_web_form_registers_it(api):
    page = CaseStudyPage.objects.live().filter(locale__language_code="en").first()
    response = post(api, page.pk, _adoption(notes="  Adapting the checklist  "))
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "pending"
    adoption = Adoption.objects.get(team="Frailty team")
    assert adoption.case_study_id == page.pk
    assert adoption.status == ModerationStatus.PENDING
    assert adoption.notes == "Adapting the checklist"
    # Not shown until a hub editor approves it.
    teams = [item["team"] for item in api.get(f"/api/v3/pages/{page.pk}/").json()["adoptions"]]
    assert "Frailty team" not in teams


def test_refused_answers_are_field_errors_in_the_language_asked_for(api):
    page = CaseStudyPage.objects.live().filter(locale__language_code="en").first()
    response = post(api, page.pk, _adoption(organisation="other", contact_email="nope"))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = {error["loc"][-1]: error["msg"] for error in response.json()["errors"]}
    assert errors["organisation_name"] == "Enter the name of your organisation."
    assert errors["contact_email"] == "Enter an email address like name@example.nhs.uk."
    polish = post(api, page.pk, _adoption(organisation="other", language="pl"))
    with translation.override("pl"):
        expected = translation.gettext("Enter the name of your organisation.")
    assert polish.json()["errors"][0]["msg"] == expected
    assert not Adoption.objects.filter(team="Frailty team").exists()


def test_only_live_case_studies_take_adoptions(api):
    other = api.get("/api/v3/pages/?type=pages.ResourcePage&limit=1").json()["items"][0]
    assert post(api, other["id"], _adoption()).status_code == 404
    assert post(api, 0, _adoption()).status_code == 404


def test_adoptions_are_rate_limited_with_the_web_form(api, settings):
    settings.HUB_PUBLIC_FORM_RATE_LIMIT = 2
    page = CaseStudyPage.objects.live().filter(locale__language_code="en").first()
    # The web form and the API count together for one address.
    api.post(page.url + "adopt/", {"team": ""})
    assert post(api, page.pk, _adoption()).status_code == 201
    response = post(api, page.pk, _adoption(team="Third"))
    assert response.status_code == 429
    assert 3500 < int(response["Retry-After"]) <= 3600
    assert not Adoption.objects.filter(team="Third").exists()
