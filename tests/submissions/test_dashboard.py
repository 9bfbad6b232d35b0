"""The process measures dashboard: who may see it, what it shows, and what it costs."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from demo.factories import IdeaSubmissionFactory
from submissions.enums import Involvement, Status, SubmitterType

pytestmark = pytest.mark.django_db

URL = reverse("huddle:dashboard")


def weeks_ago(weeks, days=2):
    """A moment ``weeks`` complete weeks back (on the Wednesday of that week)."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    day = monday - timedelta(weeks=weeks) + timedelta(days=days)
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


@pytest.fixture
def some_ideas(organisation, priority):
    ideas = []
    for week in (1, 1, 3, 5, 20):
        submitted = weeks_ago(week) + timedelta(hours=10)
        idea = IdeaSubmissionFactory(
            submitted_at=submitted,
            organisation=organisation,
            first_response_at=submitted + timedelta(days=2),
            decided_at=submitted + timedelta(days=9) if week > 1 else None,
            submitter_type=SubmitterType.CARER if week == 3 else SubmitterType.STAFF,
            involvement=Involvement.LEADING if week == 5 else Involvement.NOT_YET,
            status=Status.ACCEPTED if week > 1 else Status.IN_TRIAGE,
        )
        idea.priorities.set([priority])
        ideas.append(idea)
    return ideas


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("who", ["editor_a", "hub_editor", "coach_not_in_huddle"])
def test_signed_in_people_outside_the_huddle_get_403(client, request, who, some_ideas):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 403
    assert b"chart-received" not in response.content


def test_huddle_members_see_the_charts_and_numbers(client, huddle_member, some_ideas):
    client.force_login(huddle_member)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 ideas received in the 26 weeks from" in html
    # Three SPC charts, each an SVG with its data table as the text alternative.
    for slug in ("received", "first-response", "decision"):
        assert f'id="chart-{slug}"' in html
        assert f'id="chart-{slug}-table"' in html
    assert html.count('<svg class="hub-spc-chart__svg"') == 3
    assert html.count('role="img"') >= 3
    # The weekly table lists all 26 weeks, the empty ones as 0.
    received_table = html.split('id="chart-received-table"')[1].split("</table>")[0]
    received_rows = received_table.split("<tbody")[1].split("<tr ")[1:]
    assert len(received_rows) == 26
    values = [row.split('numeric">')[1].split("<")[0] for row in received_rows]
    assert values.count("0") == 22  # weeks 1, 3, 5 and 20 ago had ideas
    assert values[-1] == "2"
    # Shares: 1 of 5 from citizens (the carer), 1 of 5 with involvement.
    assert "20.0%" in html
    assert "1 of 5 ideas" in html
    # Counts tables.
    status_table = html.split('id="table-status"')[1].split("</table>")[0]
    assert '<th scope="row">Accepted</th>' in status_table
    assert '<td class="huddle-dashboard__number">3</td>' in status_table
    assert "Frailty and ageing well" in html


def test_the_period_can_be_chosen(client, huddle_member, some_ideas):
    client.force_login(huddle_member)
    html = client.get(URL, {"period": "52"}).content.decode()
    assert "5 ideas received in the 52 weeks from" in html
    assert '<option value="52" selected>' in html


def test_an_unknown_period_says_so_and_shows_the_default(client, huddle_member, some_ideas):
    client.force_login(huddle_member)
    response = client.get(URL, {"period": "9999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose one of the periods in the list. The default period is shown instead." in html
    assert "5 ideas received in the 26 weeks from" in html


def test_all_weeks_start_at_the_first_idea(client, huddle_member, some_ideas):
    client.force_login(huddle_member)
    html = client.get(URL, {"period": "all"}).content.decode()
    assert "5 ideas received in the 20 weeks from" in html


def test_an_empty_inbox_still_renders(client, huddle_member):
    client.force_login(huddle_member)
    response = client.get(URL)
    assert response.status_code == 200
    assert "0 ideas received in the 26 weeks" in response.content.decode()
    response = client.get(URL, {"period": "all"})
    assert "No complete week with ideas yet." in response.content.decode()


def test_this_weeks_ideas_are_counted_apart(client, huddle_member, some_ideas):
    IdeaSubmissionFactory(submitted_at=timezone.now())
    client.force_login(huddle_member)
    html = client.get(URL).content.decode()
    assert "5 ideas received" in html
    assert "This week so far: 1 idea," in html


def test_queries_do_not_grow_with_the_ideas(
    client, huddle_member, some_ideas, organisation, django_assert_max_num_queries
):
    client.force_login(huddle_member)
    client.get(URL)  # warm caches (site, settings, permissions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for week in range(2, 24):
        IdeaSubmissionFactory(submitted_at=weeks_ago(week), organisation=organisation)
    with django_assert_max_num_queries(len(few)):
        response = client.get(URL)
    assert "27 ideas received" in response.content.decode()
