"""Places (neighbourhoods, PCNs, integrated locality partnerships, localities): the
taxonomy itself, and the place filters on every listing, in search and in the API."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Locale

import pytest

from demo.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CoachProfileFactory,
    EventPageFactory,
    PlaceFactory,
    TrainingIndexPageFactory,
)
from hub.enums import PlaceKind
from search import service

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    north = PlaceFactory(name="North Wealdshire", kind=PlaceKind.LOCALITY)
    riverside = PlaceFactory(
        name="Riverside PCN", kind=PlaceKind.PRIMARY_CARE_NETWORK, parent=north
    )
    wey = PlaceFactory(name="Wey Valley", kind=PlaceKind.NEIGHBOURHOOD, parent=riverside)
    coast = PlaceFactory(name="Coastal Villages PCN", kind=PlaceKind.PRIMARY_CARE_NETWORK)
    return {"north": north, "riverside": riverside, "wey": wey, "coast": coast}


def facet(response, param) -> dict[str, tuple[int, bool]]:
    for item in response.context["listing"].facets:
        if item.param == param:
            return {option.value: (option.count, option.selected) for option in item.options}
    raise AssertionError(f"no facet {param}")


def titles(response) -> list[str]:
    return sorted(page.title for page in response.context["listing"].items)


# The taxonomy --------------------------------------------------------------------------------


def test_a_place_cannot_sit_inside_itself(places):
    north = places["north"]
    north.parent = places["wey"]  # Wey Valley is inside Riverside, inside North
    with pytest.raises(ValidationError) as error:
        north.full_clean()
    assert "parent" in error.value.message_dict
    north.parent = north
    with pytest.raises(ValidationError):
        north.full_clean()
    north.parent = None
    north.full_clean()


def test_a_place_sits_inside_a_place_in_its_own_language(places):
    polish = Locale.objects.create(language_code="pl")
    place = PlaceFactory.build(name="Dolina", kind=PlaceKind.NEIGHBOURHOOD, locale=polish)
    place.parent = places["riverside"]
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "parent" in error.value.message_dict


def test_a_place_is_labelled_with_its_kind(places):
    assert places["riverside"].label == "Riverside PCN (Primary care network)"
    assert places["riverside"].slug == "riverside-pcn"
    assert list(places["north"].children.all()) == [places["riverside"]]


def test_hub_editors_manage_places_and_partner_editors_cannot(client, places, hub_editor, editor_a):
    url = reverse("wagtailsnippets_hub_place:list")
    client.force_login(hub_editor)
    response = client.get(url)
    assert response.status_code == 200
    assert "Riverside PCN" in response.content.decode()
    client.force_login(editor_a)
    assert client.get(reverse("wagtailsnippets_hub_place:add")).status_code in (302, 403)


def test_an_organisations_place_is_on_its_partner_page(client, partner_a, places):
    organisation = partner_a.organisation
    organisation.place = places["riverside"]
    organisation.save()
    html = client.get(partner_a.url).content.decode()
    assert "Riverside PCN" in html


# Listings ------------------------------------------------------------------------------------


@pytest.fixture
def case_studies(home_page, places):
    index = CaseStudyIndexPageFactory(parent=home_page)
    hypertension = CaseStudyPageFactory(parent=index, title="Hypertension case finding")
    hypertension.places.set([places["riverside"], places["wey"]])
    hypertension.save()
    oral = CaseStudyPageFactory(parent=index, title="Oral health in care homes")
    oral.places.set([places["coast"]])
    oral.save()
    CaseStudyPageFactory(parent=index, title="Stroke door to needle")
    return index


def test_case_studies_filter_by_place_and_kind_of_place(client, case_studies, places):
    url = case_studies.url
    response = client.get(url, {"place": "riverside-pcn"})
    assert titles(response) == ["Hypertension case finding"]
    assert facet(response, "place")["riverside-pcn"] == (1, True)
    # Counted with the other filters applied; options within one filter widen.
    response = client.get(url, {"place": ["riverside-pcn", "coastal-villages-pcn"]})
    assert titles(response) == ["Hypertension case finding", "Oral health in care homes"]
    response = client.get(url, {"place_kind": "pcn"})
    assert titles(response) == ["Hypertension case finding", "Oral health in care homes"]
    assert facet(response, "place_kind")["neighbourhood"] == (1, False)
    response = client.get(url, {"place_kind": "neighbourhood", "place": "coastal-villages-pcn"})
    assert titles(response) == []
    # Unknown values are ignored, not an error, and not echoed.
    response = client.get(url, {"place": "<script>alert(1)</script>", "place_kind": "city"})
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "<script>alert(1)" not in response.content.decode()


def test_the_place_filter_is_a_plain_form(client, case_studies):
    html = client.get(case_studies.url).content.decode()
    assert 'name="place" type="checkbox" value="riverside-pcn"' in html
    assert 'name="place_kind" type="checkbox" value="pcn"' in html


def test_a_case_study_shows_its_places(client, case_studies):
    page = case_studies.get_children().get(title="Hypertension case finding")
    html = client.get(page.url).content.decode()
    assert "Places" in html
    assert "Riverside PCN, Wey Valley" in html


def test_events_filter_by_place(client, home_page, places):
    training = TrainingIndexPageFactory(parent=home_page)
    local = EventPageFactory(parent=training, title="Go and see: the frailty hub")
    local.places.set([places["coast"]])
    local.save()
    EventPageFactory(parent=training, title="System QI huddle")
    response = client.get(training.url, {"place": "coastal-villages-pcn"})
    assert titles(response) == ["Go and see: the frailty hub"]
    html = client.get(local.url).content.decode()
    assert "For people in" in html and "Coastal Villages PCN" in html


def test_coaches_filter_by_place(client, places, org_a):
    CoachProfileFactory(display_name="Bronwen Hale", organisation=org_a, places=[places["wey"]])
    CoachProfileFactory(display_name="Aisha Rahman", organisation=org_a, places=[places["coast"]])
    response = client.get("/coaches/", {"place_kind": "neighbourhood"})
    assert [card["coach"].display_name for card in response.context["cards"]] == ["Bronwen Hale"]
    profile = client.get(reverse("directory:profile", kwargs={"slug": "bronwen-hale"}))
    assert "Places they work in" in profile.content.decode()
    assert "Wey Valley" in profile.content.decode()


# Search and the API --------------------------------------------------------------------------


def test_search_has_a_place_facet(client, case_studies, places):
    results = service.search(service.SearchQuery(text="", filters={"place": ["wey-valley"]}))
    assert [hit.title for hit in results.hits] == ["Hypertension case finding"]
    place_facet = next(f for f in results.facets if f.param == "place")
    assert {option.value for option in place_facet.options} >= {"wey-valley", "riverside-pcn"}
    response = client.get("/search/", {"q": "Riverside"})
    assert "Hypertension case finding" in response.content.decode()


def test_the_api_lists_places_and_filters_coaches_by_them(client, places, org_a):
    CoachProfileFactory(display_name="Bronwen Hale", organisation=org_a, places=[places["wey"]])
    taxonomies = client.get("/api/v3/taxonomies/").json()
    by_slug = {item["slug"]: item for item in taxonomies["places"]}
    assert by_slug["wey-valley"]["kind"] == "neighbourhood"
    assert by_slug["wey-valley"]["parent_id"] == places["riverside"].pk
    assert by_slug["north-wealdshire"]["parent_id"] is None
    coaches = client.get("/api/v3/directory/coaches/", {"place": "wey-valley"}).json()
    assert [item["display_name"] for item in coaches["items"]] == ["Bronwen Hale"]
    assert coaches["items"][0]["places"] == [
        {"id": places["wey"].pk, "name": "Wey Valley", "slug": "wey-valley"}
    ]
    assert client.get("/api/v3/directory/coaches/", {"place_kind": "city"}).status_code == 422


def test_the_page_api_gives_a_case_studys_places(client, case_studies, places):
    page = case_studies.get_children().get(title="Hypertension case finding")
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert {item["slug"] for item in data["places"]} == {"riverside-pcn", "wey-valley"}
