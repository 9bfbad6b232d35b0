"""Reports → Content health: its counts, filters, export and who sees what."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Workflow, WorkflowState

import pytest

from demo.factories import (
    CaseStudyPageFactory,
    LinkFactory,
    PageUpkeepFactory,
    ResourcePageFactory,
    UserFactory,
)
from hub import access
from tests.conftest import PASSWORD
from upkeep.enums import LinkStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(groups, partner_a, partner_b, editor_a, editor_b):
    today = timezone.localdate()
    overdue = CaseStudyPageFactory(parent=partner_a, title="Overdue study", owner=editor_a)
    PageUpkeepFactory(page=overdue, review_due=today - timedelta(days=3))
    broken = ResourcePageFactory(parent=partner_a, title="Broken resource", owner=editor_a)
    PageUpkeepFactory(page=broken, review_due=today + timedelta(days=90))
    LinkFactory(page=broken, status=LinkStatus.BROKEN, status_code=404)
    LinkFactory(page=broken, status=LinkStatus.TIMEOUT)
    LinkFactory(page=broken, status=LinkStatus.OK)
    leaver = UserFactory(is_active=False)
    orphan = CaseStudyPageFactory(parent=partner_b, title="Orphan study", owner=leaver)
    PageUpkeepFactory(page=orphan, accessibility_failures=2)
    waiting = CaseStudyPageFactory(parent=partner_b, title="Waiting study", owner=editor_b)
    waiting.save_revision(user=editor_b)
    state = Workflow.objects.get(name=access.HUB_REVIEW_WORKFLOW).start(waiting, editor_b)
    WorkflowState.objects.filter(pk=state.pk).update(created_at=timezone.now() - timedelta(days=10))
    return {"overdue": overdue, "broken": broken, "orphan": orphan, "waiting": waiting}


def counts(html):
    return {
        name: int(html.split(f'data-count="{name}"><strong>')[1].split("<")[0])
        for name in ("items", "overdue", "owner_gone", "waiting", "broken_links", "accessibility")
    }


def test_hub_editors_see_every_partner(client, content, hub_editor):
    client.login(username=hub_editor.username, password=PASSWORD)
    response = client.get(reverse("upkeep:report"))
    assert response.status_code == 200
    html = response.content.decode()
    # Four pages plus the two partner pages themselves.
    assert counts(html) == {
        "items": 6,
        "overdue": 1,
        "owner_gone": 1,
        "waiting": 1,
        "broken_links": 1,
        "accessibility": 1,
    }
    for title in ("Overdue study", "Broken resource", "Orphan study", "Waiting study"):
        assert title in html


def test_a_partner_editor_sees_their_section_only(client, content, editor_a):
    client.login(username=editor_a.username, password=PASSWORD)
    html = client.get(reverse("upkeep:report")).content.decode()
    assert counts(html) == {
        "items": 3,
        "overdue": 1,
        "owner_gone": 0,
        "waiting": 0,
        "broken_links": 1,
        "accessibility": 0,
    }
    assert "Orphan study" not in html
    # Choosing the other partner's section shows nothing.
    other = content["orphan"].get_parent()
    html = client.get(reverse("upkeep:report"), {"partner": other.pk}).content.decode()
    assert "Orphan study" not in html


@pytest.mark.parametrize(
    ("problem", "shown"),
    [
        ("overdue", {"Overdue study"}),
        ("broken_links", {"Broken resource"}),
        ("owner_gone", {"Orphan study"}),
        ("waiting", {"Waiting study"}),
        ("accessibility", {"Orphan study"}),
    ],
)
def test_filter_by_what_needs_attention(client, content, hub_editor, problem, shown):
    client.login(username=hub_editor.username, password=PASSWORD)
    html = client.get(reverse("upkeep:report_results"), {"problem": problem}).content.decode()
    titles = {"Overdue study", "Broken resource", "Orphan study", "Waiting study"}
    assert {title for title in titles if title in html} == shown


def test_export(client, content, hub_editor):
    client.login(username=hub_editor.username, password=PASSWORD)
    response = client.get(reverse("upkeep:report"), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    header, *rows = text.strip().splitlines()
    assert header.startswith("Page,Type,Partner,Owner,Last reviewed,Review due")
    broken = next(row for row in rows if row.startswith("Broken resource"))
    assert ",2,0," in broken  # two failing links, no accessibility failures
    assert len(rows) == 6


def test_people_without_a_section_cannot_open_it(client, content, groups):
    coach = UserFactory(password=PASSWORD, groups=[groups["Coaches"]])
    client.login(username=coach.username, password=PASSWORD)
    response = client.get(reverse("upkeep:report"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_the_query_count_does_not_grow_with_pages(client, content, hub_editor, partner_a):
    client.login(username=hub_editor.username, password=PASSWORD)
    client.get(reverse("upkeep:report"))  # warm caches
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("upkeep:report"))
    for _ in range(5):
        CaseStudyPageFactory(parent=partner_a)
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("upkeep:report"))
    assert len(after) == len(before)
