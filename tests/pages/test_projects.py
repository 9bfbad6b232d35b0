"""Projects in progress as the public finds them: the /projects/ listing (the listing engine's
filters by stage, partner, place, priority), places on a project and on a collaborative's
teams, the project type in search, and what the API gives."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale

import pytest

from demo.factories import (
    CollaborativeIndexPageFactory,
    CollaborativePageFactory,
    CollaborativeTeamPageFactory,
    OrganisationFactory,
    PlaceFactory,
    PriorityFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)
from hub.enums import PlaceKind
from pages.enums import ProjectStage
from pages.models import ProjectIndexPage
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    locality = PlaceFactory(name="North Wealdshire", kind=PlaceKind.LOCALITY)
    return {
        "north": locality,
        "riverside": PlaceFactory(
            name="Riverside PCN", kind=PlaceKind.PRIMARY_CARE_NETWORK, parent=locality
        ),
        "harbour": PlaceFactory(name="Eastbridge Harbour", kind=PlaceKind.NEIGHBOURHOOD),
    }


def translate(snippet, locale, **changes):
    translated = snippet.copy_for_translation(locale)
    for name, value in changes.items():
        setattr(translated, name, value)
    translated.save()
    return translated


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def projects(home_page, partner_a, partner_b, places):
    ProjectIndexPageFactory(parent=home_page)
    stroke = PriorityFactory(name="Stroke", slug="stroke")
    passport = ProjectPageFactory(
        parent=partner_a, title="Carers' passport", stage=ProjectStage.TESTING
    )
    passport.organisations.set([partner_a.organisation])
    passport.places.set([places["riverside"]])
    passport.priorities.set([stroke])
    reminders = ProjectPageFactory(
        parent=partner_b, title="Text reminders", stage=ProjectStage.PLANNING
    )
    reminders.organisations.set([partner_b.organisation])
    reminders.places.set([places["harbour"]])
    draft = ProjectPageFactory(parent=partner_b, title="Not yet public", live=False)
    return publish(passport), publish(reminders), draft


def listed(client, query=""):
    response = client.get(f"/projects/{query}")
    assert response.status_code == 200
    return [item.title for item in response.context["listing"].items], response.content.decode()


class TestProjectsListing:
    def test_lists_live_projects_from_every_section_not_drafts(self, client, projects):
        titles, html = listed(client)
        assert sorted(titles) == ["Carers' passport", "Text reminders"]
        assert "2 projects in progress" in html
        assert "Testing changes" in html  # the stage on each card
        assert "Riverside PCN" in html  # and its places

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("?stage=testing", ["Carers' passport"]),
            ("?stage=planning&stage=testing", ["Carers' passport", "Text reminders"]),
            ("?place=eastbridge-harbour", ["Text reminders"]),
            ("?place_kind=pcn", ["Carers' passport"]),
            ("?priority=stroke", ["Carers' passport"]),
            ("?stage=planning&place=riverside-pcn", []),
        ],
    )
    def test_filters(self, client, projects, places, query, expected):
        assert sorted(listed(client, query)[0]) == expected

    def test_cards_name_partners_and_places_in_the_visitors_language(
        self, client, home_page, projects, places, partner_a, partner_b
    ):
        """Organisations and places are translatable snippets: a card names them in the
        visitor's language, the default-language name where there is no translation, with
        one query for all the names on the page, however many cards there are."""
        polish = Locale.objects.get_or_create(language_code="pl")[0]
        home_pl = home_page.copy_for_translation(polish)
        home_pl.save_revision().publish()
        index = ProjectIndexPage.objects.get()
        index.copy_for_translation(polish).save_revision().publish()
        for project in projects[:2]:  # (their partners' sections with them)
            publish(project.copy_for_translation(polish, copy_parents=True))
        translate(partner_a.organisation, polish, name="Szpitale Kingsmead")
        translate(places["riverside"], polish, name="Sieć POZ Riverside")

        html = client.get("/pl/projects/").content.decode()
        assert "Szpitale Kingsmead" in html and "Kingsmead Hospitals" not in html
        assert "Sieć POZ Riverside" in html and "Riverside PCN" not in html
        # Not translated: the default language's names.
        assert partner_b.organisation.name in html and "Eastbridge Harbour" in html
        english = client.get("/projects/").content.decode()
        assert "Kingsmead Hospitals" in english and "Szpitale Kingsmead" not in english

        def queries():
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/pl/projects/").status_code == 200
            return len(captured)

        before = queries()
        for number in range(4):
            more = ProjectPageFactory(parent=partner_b, title=f"Project {number}")
            organisation = OrganisationFactory(name=f"Trust {number}")
            translate(organisation, polish, name=f"Fundacja {number}")
            more.organisations.set([organisation])
            more.places.set([PlaceFactory(name=f"Place {number}")])
            publish(publish(more).copy_for_translation(polish))
        html = client.get("/pl/projects/").content.decode()
        assert "Fundacja 3" in html and "Trust 3" not in html
        assert queries() == before

    def test_filters_by_partner(self, client, projects, partner_a):
        titles, _html = listed(client, f"?organisation={partner_a.organisation.slug}")
        assert titles == ["Carers' passport"]

    def test_counts_each_option_with_the_other_filters_applied(self, client, projects):
        response = client.get("/projects/?place=riverside-pcn")
        stage = next(f for f in response.context["listing"].facets if f.param == "stage")
        assert {option.value: option.count for option in stage.options} == {"testing": 1}

    @pytest.mark.parametrize(
        "query", ["?stage=<script>", "?place=no-such-place", "?page=999", "?page=x&stage="]
    )
    def test_hostile_or_unknown_values_are_ignored(self, client, projects, query):
        titles, html = listed(client, query)
        assert len(titles) == 2
        assert "<script>" not in html

    def test_the_home_page_menu_links_to_it(self, client, projects, home_page):
        index = home_page.get_children().get(slug="projects").specific
        index.show_in_menus = True
        publish(index)
        html = client.get("/").content.decode()
        assert 'href="/projects/"' in html


class TestPlaces:
    def test_a_project_shows_its_places(self, client, projects):
        html = client.get(projects[0].url).content.decode()
        assert "Places involved" in html and "Riverside PCN" in html

    def test_a_team_shows_its_places_and_the_collaborative_filters_its_teams(
        self, client, home_page, org_a, org_b, places
    ):
        index = CollaborativeIndexPageFactory(parent=home_page)
        collaborative = CollaborativePageFactory(parent=index, slug="falls")
        ward = CollaborativeTeamPageFactory(parent=collaborative, organisation=org_a, title="Ward")
        ward.places.set([places["riverside"]])
        homes = CollaborativeTeamPageFactory(
            parent=collaborative, organisation=org_b, title="Homes"
        )
        homes.places.set([places["harbour"]])
        publish(ward), publish(homes)

        html = client.get(ward.url).content.decode()
        assert "Places involved" in html and "Riverside PCN" in html
        response = client.get(f"{collaborative.url}?place=eastbridge-harbour")
        assert [t.title for t in response.context["team_listing"].items] == ["Homes"]
        response = client.get(f"{collaborative.url}?place_kind=pcn")
        assert [t.title for t in response.context["team_listing"].items] == ["Ward"]
        # The shared view still draws every team.
        results = client.get(f"{collaborative.url}results/?place=eastbridge-harbour")
        assert results.status_code == 200

    def test_places_are_search_facets_for_teams_and_projects(
        self, projects, home_page, org_a, places
    ):
        index = CollaborativeIndexPageFactory(parent=home_page)
        collaborative = publish(CollaborativePageFactory(parent=index))
        team = CollaborativeTeamPageFactory(parent=collaborative, organisation=org_a)
        team.places.set([places["harbour"]])
        publish(team)
        for page, slug in ((projects[0], "riverside-pcn"), (team, "eastbridge-harbour")):
            document = SearchDocument.objects.get(source_id=page.pk)
            assert slug in document.tags.filter(facet="place").values_list("value", flat=True)


class TestSearchAndApi:
    def test_projects_are_their_own_type_in_search(self, client, projects):
        document = SearchDocument.objects.get(source_id=projects[0].pk)
        assert document.kind == "project"
        assert not SearchDocument.objects.filter(source_id=projects[2].pk).exists()
        response = client.get(reverse("search"), {"q": "passport", "kind": "project"})
        assert [hit.title for hit in response.context["results"].hits] == ["Carers' passport"]
        html = response.content.decode()
        assert "Project in progress" in html  # the type facet's option

    def test_the_api_gives_places_and_topics_and_lists_projects(self, client, projects):
        body = client.get(f"/api/v3/pages/{projects[0].pk}/").json()
        assert [place["name"] for place in body["places"]] == ["Riverside PCN"]
        assert body["stage"] == "testing"
        listing = client.get("/api/v3/pages/", {"type": "pages.ProjectPage"}).json()
        titles = {item["title"] for item in listing["items"]}
        assert titles == {"Carers' passport", "Text reminders"}
