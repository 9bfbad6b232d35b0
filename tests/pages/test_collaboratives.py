"""Collaboratives: the collaborative, its teams, the shared view of a common measure on one
scale with its count of signals, and who may edit a team."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from demo.factories import (
    CollaborativeIndexPageFactory,
    CollaborativeMeasureFactory,
    CollaborativePageFactory,
    CollaborativeSessionFactory,
    CollaborativeTeamMeasureFactory,
    CollaborativeTeamPageFactory,
    EventPageFactory,
    OrganisationFactory,
)
from hub import access
from pages.charts import render_spc_chart, shared_scale
from pages.enums import ImprovementDirection, SessionKind
from pages.models import CollaborativeTeamPage
from pages.spc import compute_spc
from search.models import SearchDocument
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 1, 1)


def monthly(values):
    lines = []
    for index, value in enumerate(values):
        year, month = divmod(index, 12)
        lines.append(f"{START.year + year}-{month + 1:02d}-01, {value}")
    return "\n".join(lines)


WIGGLE = [0.2, -0.2, 0.1, -0.1, 0.3, -0.3, 0.0, 0.2, -0.2, 0.1, -0.1, 0.0]
# Falls per 1,000 bed days (lower is better): 12 months at 6, then 8 at the new level.
FALLING = monthly([6 + w for w in WIGGLE] + [3 + w for w in WIGGLE[:8]])
RISING = monthly([6 + w for w in WIGGLE] + [9 + w for w in WIGGLE[:8]])
STEADY = monthly([6 + w for w in WIGGLE] + [6 + w for w in WIGGLE[:8]])
# A much higher level: the scale shared with it must reach it.
HIGH = monthly([20 + w for w in WIGGLE] + [20 + w for w in WIGGLE[:8]])


@pytest.fixture
def collaborative(home_page):
    index = CollaborativeIndexPageFactory(parent=home_page)
    page = CollaborativePageFactory(parent=index, title="Falls collaborative", slug="falls")
    falls = CollaborativeMeasureFactory(page=page, direction=ImprovementDirection.DOWN)
    page.save_revision().publish()
    page.falls = falls
    return page


def enrol(collaborative, organisation, title, data, *, live=True):
    team = CollaborativeTeamPageFactory(
        parent=collaborative, organisation=organisation, title=title, live=live
    )
    if data is not None:
        CollaborativeTeamMeasureFactory(page=team, common_measure=collaborative.falls, data=data)
    return team


@pytest.fixture
def teams(collaborative, org_a, org_b):
    return [
        enrol(collaborative, org_a, "Ward 7 falls team", FALLING),
        enrol(collaborative, org_b, "Eastbridge reablement team", RISING),
        enrol(collaborative, OrganisationFactory(name="Northgate PCN"), "Northgate team", STEADY),
        enrol(collaborative, OrganisationFactory(name="Southmere Trust"), "Southmere", None),
    ]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


class TestSharedView:
    def test_counts_each_teams_signal_the_way_the_measure_improves(self, collaborative, teams):
        (result,) = collaborative.results()
        signals = {row.team.title: row.signal for row in result.teams}
        assert signals == {
            "Ward 7 falls team": "improvement",  # falls went down: better
            "Eastbridge reablement team": "concern",  # falls went up: worse
            "Northgate team": "common_cause",
            "Southmere": "no_data",
        }
        assert (result.improving, result.concern, result.common_cause, result.no_data) == (
            1,
            1,
            1,
            1,
        )

    def test_higher_is_better_turns_the_count_round(self, collaborative, teams):
        collaborative.falls.direction = ImprovementDirection.UP
        collaborative.falls.save()
        for measure in collaborative.falls.team_measures.all():
            measure.direction = ImprovementDirection.UP
            measure.save()
        (result,) = collaborative.results()
        assert (result.improving, result.concern) == (1, 1)
        signals = {row.team.title: row.signal for row in result.teams}
        assert signals["Eastbridge reablement team"] == "improvement"

    def test_every_team_drawn_on_the_same_scale(self, client, collaborative, teams):
        html = html_of(client, collaborative.url + "results/")
        assert "1 of 4 teams shows special cause improvement." in html
        charts = re.findall(r'<svg class="hub-spc-chart__svg".*?</svg>', html, re.S)
        assert len(charts) == 3  # the team without data says so instead
        assert "This team has not shared data for this measure yet." in html

        def value_ticks(svg):
            return re.findall(r'text-anchor="end"[^>]*>([\d.]+)</text>', svg)

        ticks = [value_ticks(svg) for svg in charts]
        assert ticks[0] and ticks[0] == ticks[1] == ticks[2]
        # Each team's own chart (its page) fits its own data instead.
        team_html = html_of(client, teams[2].url)
        own = value_ticks(
            re.search(r'<svg class="hub-spc-chart__svg".*?</svg>', team_html, re.S)[0]
        )
        assert own != ticks[0]

    def test_a_draft_team_is_not_shown(self, client, collaborative, teams, org_a):
        enrol(collaborative, org_a, "Secret draft team", FALLING, live=False)
        html = html_of(client, collaborative.url + "results/")
        assert "Secret draft team" not in html
        assert "of 4 teams" in html

    def test_a_measure_of_another_collaborative_is_not_lined_up(self, collaborative, teams):
        other = CollaborativePageFactory(parent=collaborative.get_parent())
        stranger = CollaborativeMeasureFactory(page=other)
        measure = teams[0].measures.get()
        measure.common_measure = stranger
        measure.save()
        (result,) = collaborative.results()
        signals = {row.team.title: row.signal for row in result.teams}
        assert signals["Ward 7 falls team"] == "no_data"

    def test_hostile_names_are_escaped(self, client, collaborative, org_a):
        enrol(collaborative, org_a, "<script>alert(1)</script>", FALLING)
        html = html_of(client, collaborative.url + "results/")
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_queries_do_not_grow_with_the_teams(self, client, collaborative, teams):
        url = collaborative.url + "results/"
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            html_of(client, url + "?a=1")
        for number in range(4):
            enrol(collaborative, OrganisationFactory(), f"Extra team {number}", STEADY)
        with CaptureQueriesContext(connection) as many:
            html_of(client, url + "?a=2")
        assert len(many) == len(few)


class TestSharedScale:
    def test_covers_every_result_and_draws_the_same_ticks(self):
        low = compute_spc([(datetime.date(2025, m, 1), 5 + m % 2) for m in range(1, 13)])
        high = compute_spc([(datetime.date(2025, m, 1), 50 + m % 3) for m in range(1, 7)])
        scale = shared_scale([low, high])
        assert scale.low <= 5 and scale.high >= 52
        assert scale.first == datetime.date(2025, 1, 1)
        assert scale.last == datetime.date(2025, 12, 1)
        drawn = [
            render_spc_chart(result, title="t", id_prefix=f"c{i}", scale=scale)
            for i, result in enumerate((low, high))
        ]
        ticks = [re.findall(r'text-anchor="end"[^>]*>([\d.]+)</text>', html) for html in drawn]
        assert ticks[0] == ticks[1]
        assert "50" in ticks[0]
        # The same dates along the bottom, though the second has only six months of data.
        dates = [re.findall(r'text-anchor="middle"[^>]*>([^<]+)</text>', html) for html in drawn]
        assert dates[0] == dates[1]
        assert dates[0][0] == "Jan 2025" and dates[0][-1] == "Dec 2025"

    def test_nothing_to_scale(self):
        assert shared_scale([]) is None
        assert shared_scale([compute_spc([])]) is None


class TestPages:
    def test_collaborative_page(self, client, collaborative, teams):
        event = EventPageFactory(parent=collaborative.get_parent().get_parent(), title="LS1 day")
        CollaborativeSessionFactory(page=collaborative, title="Learning session 1", event=event)
        CollaborativeSessionFactory(
            page=collaborative,
            kind=SessionKind.ACTION_PERIOD,
            title="Action period 1",
            start=datetime.date(2025, 4, 2),
            end=datetime.date(2025, 6, 30),
        )
        html = html_of(client, collaborative.url)
        assert "Falls collaborative" in html
        assert "Ward 7 falls team" in html and "Kingsmead Hospitals NHS Trust" in html
        assert "Learning session 1" in html and "Action period 1" in html
        assert f'href="{event.url}"' in html
        assert "1 of 4 teams shows special cause improvement." in html
        assert 'href="/collaboratives/falls/results/"' in html

    def test_index_lists_live_collaboratives(self, client, collaborative):
        CollaborativePageFactory(parent=collaborative.get_parent(), title="Hidden", live=False)
        html = html_of(client, collaborative.get_parent().url)
        assert "Falls collaborative" in html
        assert "Hidden" not in html

    def test_team_page(self, client, collaborative, teams):
        html = html_of(client, teams[0].url)
        assert "Halve falls on the ward within a year." in html
        assert "Kingsmead Hospitals NHS Trust" in html
        assert "Special cause improvement" in html

    def test_team_measure_must_improve_the_way_the_common_measure_does(self, collaborative, teams):
        measure = teams[0].measures.get()
        measure.direction = ImprovementDirection.UP
        with pytest.raises(ValidationError) as error:
            measure.clean()
        assert "direction" in error.value.message_dict

    def test_team_measure_must_link_to_its_own_collaboratives_measure(self, collaborative, teams):
        other = CollaborativePageFactory(parent=collaborative.get_parent())
        measure = teams[0].measures.get()
        measure.common_measure = CollaborativeMeasureFactory(page=other)
        with pytest.raises(ValidationError) as error:
            measure.clean()
        assert "common_measure" in error.value.message_dict
        measure.common_measure = collaborative.falls
        measure.clean()

    def test_a_timeline_period_cannot_end_before_it_starts(self, collaborative):
        session = CollaborativeSessionFactory.build(
            page=collaborative, start=datetime.date(2025, 5, 1), end=datetime.date(2025, 4, 1)
        )
        with pytest.raises(ValidationError):
            session.clean()


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def team_form(team, **overrides):
    data = {
        "title": team.title,
        "slug": team.slug,
        "organisation": team.organisation_id,
        "summary": team.summary,
        "aim": team.aim,
        "pdsa_cycles": streamfield([]),
        "learning": rich_text(""),
        "measures": inline_formset([]),
        "comments": inline_formset([]),
        "listing_summary": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


class TestTeamEditors:
    @pytest.fixture
    def two_teams(self, collaborative, groups, hub_editor, editor_a, editor_b, org_a, org_b):
        team_a = enrol(collaborative, org_a, "Ward 7 falls team", FALLING)
        team_b = enrol(collaborative, org_b, "Eastbridge reablement team", RISING)
        return team_a, team_b

    def test_a_partner_editor_may_edit_their_own_team_only(self, two_teams, editor_a):
        team_a, team_b = two_teams
        assert team_a.permissions_for_user(editor_a).can_edit()
        assert not team_a.permissions_for_user(editor_a).can_publish()
        assert not team_b.permissions_for_user(editor_a).can_edit()
        # Nor the collaborative, nor adding teams to it.
        collaborative = team_a.get_parent()
        assert not collaborative.permissions_for_user(editor_a).can_edit()
        assert not collaborative.permissions_for_user(editor_a).can_add_subpage()

    def test_another_teams_edit_form_is_refused(self, client, two_teams, editor_a):
        _team_a, team_b = two_teams
        login(client, editor_a)
        url = reverse("wagtailadmin_pages:edit", args=[team_b.pk])
        assert client.get(url).status_code in (302, 403)
        client.post(url, team_form(team_b, title="Taken over", **{"action-submit": "1"}))
        team_b.refresh_from_db()
        assert team_b.title == "Eastbridge reablement team"
        assert not team_b.has_unpublished_changes

    def test_own_team_changes_go_through_hub_review(self, client, two_teams, editor_a, hub_editor):
        team_a, _team_b = two_teams
        team_a.save_revision(user=hub_editor).publish()
        login(client, editor_a)
        url = reverse("wagtailadmin_pages:edit", args=[team_a.pk])
        assert client.get(url).status_code == 200
        client.post(url, team_form(team_a, aim="Changed aim", **{"action-publish": "1"}))
        team_a.refresh_from_db()
        assert team_a.aim == "Halve falls on the ward within a year."
        response = client.post(url, team_form(team_a, aim="Changed aim", **{"action-submit": "1"}))
        assert response.status_code == 302
        team_a.refresh_from_db()
        assert team_a.aim == "Halve falls on the ward within a year."  # live unchanged
        state = WorkflowState.objects.get(object_id=str(team_a.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == access.HUB_REVIEW_WORKFLOW

    def test_a_team_moved_to_another_organisation_changes_hands(
        self, two_teams, editor_a, editor_b, hub_editor
    ):
        team_a, _team_b = two_teams
        team_a.organisation = _team_b.organisation
        team_a.save_revision(user=hub_editor).publish()
        team_a = CollaborativeTeamPage.objects.get(pk=team_a.pk)
        assert team_a.permissions_for_user(editor_b).can_edit()
        assert not team_a.permissions_for_user(editor_a).can_edit()

    def test_sync_is_idempotent(self, two_teams):
        before = GroupPagePermission.objects.count()
        access.sync_access()
        assert GroupPagePermission.objects.count() == before


def test_collaboratives_and_teams_are_searchable(collaborative, teams, hub_editor):
    teams[0].save_revision(user=hub_editor).publish()
    titles = set(SearchDocument.objects.values_list("title", flat=True))
    assert {"Falls collaborative", "Ward 7 falls team"} <= titles
