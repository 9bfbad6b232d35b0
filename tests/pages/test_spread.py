"""Spread across places: the five stages, entries per organisation or per place, the
migration of the old three stages, and the spread view (system-wide and per case study)."""

from importlib import import_module

import pytest

from demo.factories import (
    AdoptionFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    OrganisationFactory,
    PlaceFactory,
)
from hub.enums import PlaceKind
from pages.enums import AdoptionStage, ModerationStatus
from pages.models import Adoption

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(home_page):
    index = CaseStudyIndexPageFactory(parent=home_page)
    north = PlaceFactory(name="North Wealdshire", kind=PlaceKind.LOCALITY)
    riverside = PlaceFactory(
        name="Riverside PCN", kind=PlaceKind.PRIMARY_CARE_NETWORK, parent=north
    )
    wey = PlaceFactory(name="Wey Valley", kind=PlaceKind.NEIGHBOURHOOD, parent=riverside)
    pcn = OrganisationFactory(name="Riverside Primary Care Network", place=riverside)
    council = OrganisationFactory(name="Wealdshire County Council")
    hypertension = CaseStudyPageFactory(parent=index, title="Hypertension case finding")
    falls = CaseStudyPageFactory(parent=index, title="Halving falls")
    approved = ModerationStatus.APPROVED
    # Per place; per organisation (its place counts); neither.
    AdoptionFactory(
        case_study=hypertension,
        organisation=council,
        place=wey,
        team="Wey Valley practices",
        stage=AdoptionStage.ADOPTED,
        status=approved,
    )
    AdoptionFactory(
        case_study=hypertension,
        organisation=pcn,
        team="Riverside pharmacists",
        stage=AdoptionStage.INTEREST,
        status=approved,
    )
    AdoptionFactory(
        case_study=falls,
        organisation=council,
        team="Reablement",
        stage=AdoptionStage.ADAPTED,
        status=approved,
    )
    AdoptionFactory(
        case_study=falls,
        organisation=council,
        place=wey,
        team="Secret pending team",
        stage=AdoptionStage.ADOPTED,
    )
    return {"index": index, "hypertension": hypertension, "falls": falls, "wey": wey}


def url(spread):
    return spread["index"].url + "spread/"


def teams(response) -> list[str]:
    return sorted(adoption.team for adoption in response.context["listing"].items)


def test_an_entrys_place_is_its_own_or_its_organisations(spread):
    entries = {a.team: a for a in Adoption.objects.select_related("place", "organisation__place")}
    assert entries["Wey Valley practices"].where.name == "Wey Valley"
    assert entries["Riverside pharmacists"].where.name == "Riverside PCN"
    assert entries["Reablement"].where is None


def test_the_system_view_lists_approved_entries_only(client, spread):
    response = client.get(url(spread))
    assert response.status_code == 200
    assert teams(response) == ["Reablement", "Riverside pharmacists", "Wey Valley practices"]
    html = response.content.decode()
    assert "Secret pending team" not in html
    assert "<table" in html and 'scope="col"' in html and "<caption" in html
    assert "Adopted it" in html and "Interested in it" in html and "Adapted it" in html
    assert "Not given" in html  # the entry with no place
    # Adopted or adapted: Wey Valley and the council's reablement team; one on the way.
    assert response.context["summary"] == {"reached": 2, "on_the_way": 1}
    assert "csrfmiddlewaretoken" not in html  # a cached public page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"stage": "adopted"}, ["Wey Valley practices"]),
        ({"stage": ["adopted", "adapted"]}, ["Reablement", "Wey Valley practices"]),
        ({"place_kind": "pcn"}, ["Riverside pharmacists"]),  # the organisation's place
        ({"place_kind": "neighbourhood"}, ["Wey Valley practices"]),
        ({"place": "wey-valley", "stage": "interest"}, []),
        ({"case_study": "halving-falls"}, ["Reablement"]),
        ({"stage": "<script>", "place_kind": "town"}, None),  # ignored, not an error
    ],
)
def test_filters_by_stage_place_kind_place_and_case_study(client, spread, params, expected):
    spread["falls"].slug = "halving-falls"
    spread["falls"].save()
    response = client.get(url(spread), params)
    assert response.status_code == 200
    if expected is None:
        expected = ["Reablement", "Riverside pharmacists", "Wey Valley practices"]
        assert not response.context["listing"].filtered
    assert teams(response) == expected


def test_the_filters_are_a_plain_get_form_with_counts(client, spread):
    response = client.get(url(spread), {"stage": "adopted"})
    html = response.content.decode()
    assert '<form method="get"' in html
    assert 'name="place_kind" type="checkbox" value="neighbourhood"' in html
    stage = next(facet for facet in response.context["listing"].facets if facet.param == "stage")
    assert {o.value: o.count for o in stage.options} == {"adopted": 1, "adapted": 1, "interest": 1}
    assert f'href="{url(spread)}"' in html  # "Clear filters" stays on the spread view


def test_each_case_study_has_its_spread_view(client, spread):
    case_study = spread["hypertension"]
    page = client.get(case_study.url).content.decode()
    assert "Where this has spread, place by place" in page
    assert "Wey Valley practices, Wey Valley (adopted it)" in page
    response = client.get(case_study.url + "spread/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert teams(response) == ["Riverside pharmacists", "Wey Valley practices"]
    assert "Where “Hypertension case finding” has spread" in response.content.decode()


def test_the_adoption_form_records_a_place(client, spread):
    case_study = spread["falls"]
    wey = spread["wey"]
    response = client.post(
        case_study.url + "adopt/",
        {
            "organisation": "other",
            "organisation_name": "Wey Valley surgery",
            "place": str(wey.pk),
            "team": "Practice nurses",
            "stage": "awareness",
            "contact_name": "Jo",
            "contact_email": "jo@example.nhs.uk",
        },
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get(team="Practice nurses")
    assert (adoption.place, adoption.stage) == (wey, AdoptionStage.AWARENESS)
    assert adoption.status == ModerationStatus.PENDING
    # A place that is not offered is refused next to its field, and nothing is saved.
    response = client.post(
        case_study.url + "adopt/",
        {
            "organisation": "other",
            "organisation_name": "X",
            "place": "999999",
            "team": "T",
            "stage": "adopted",
            "contact_name": "Jo",
            "contact_email": "jo@example.nhs.uk",
        },
    )
    assert response.status_code == 200
    assert "place" in response.context["form"].errors
    assert not Adoption.objects.filter(team="T").exists()


def test_the_page_api_gives_each_entrys_place(client, spread):
    data = client.get(f"/api/v3/pages/{spread['hypertension'].pk}/").json()
    by_team = {item["team"]: item for item in data["adoptions"]}
    assert by_team["Wey Valley practices"]["place"]["slug"] == "wey-valley"
    assert by_team["Wey Valley practices"]["place_kind"] == "neighbourhood"
    assert by_team["Riverside pharmacists"]["place_kind"] == "pcn"
    assert by_team["Riverside pharmacists"]["stage_label"] == "Interested in it"


def test_the_migration_maps_the_old_stages(spread):
    migration = import_module("pages.migrations.0009_places_and_spread_stages")
    assert migration.FORWARD == {"considering": "interest", "testing": "decision"}
    Adoption.objects.filter(team="Reablement").update(stage="testing")
    Adoption.objects.filter(team="Riverside pharmacists").update(stage="considering")

    class Apps:
        @staticmethod
        def get_model(app, name):
            return Adoption

    migration._rename(migration.FORWARD)(Apps, None)
    stages = dict(Adoption.objects.values_list("team", "stage"))
    assert stages["Reablement"] == "decision"
    assert stages["Riverside pharmacists"] == "interest"
    assert stages["Wey Valley practices"] == "adopted"
    migration._rename(migration.BACKWARD)(Apps, None)
    stages = dict(Adoption.objects.values_list("team", "stage"))
    assert (stages["Reablement"], stages["Riverside pharmacists"]) == ("testing", "considering")
