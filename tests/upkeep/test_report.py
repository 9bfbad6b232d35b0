"""Reports → Content health: its counts, filters, export and who sees what."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Workflow, WorkflowState

import pytest

from demo.factories import (
    CaseStudyPageFactory,
    LinkFactory,
    PageUpkeepFactory,
    PageViewCountFactory,
    ResourcePageFactory,
    UserFactory,
)
from hub import access
from tests.conftest import PASSWORD
from upkeep import health
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
    assert header.startswith(
        "Title,Page or coach profile,Type,Partner,Owner,Last reviewed,Review due"
    )
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


def test_most_read_pages_that_are_oldest(client, groups, partner_a, partner_b, editor_a):
    """Views come from feedback's counts (through upkeep.health.PAGE_VIEWS_HOOK): a page's
    translations count with it; pages reviewed or republished lately, and pages nobody read
    in the last 90 days, are not listed; a partner editor sees their own pages only."""
    now = timezone.now()
    today = timezone.localdate()

    def page(title, parent, published_days_ago, reviewed_days_ago=None):
        made = CaseStudyPageFactory(parent=parent, title=title, owner=editor_a)
        type(made).objects.filter(pk=made.pk).update(
            last_published_at=now - timedelta(days=published_days_ago)
        )
        if reviewed_days_ago is not None:
            PageUpkeepFactory(page=made, last_reviewed_at=now - timedelta(days=reviewed_days_ago))
        return made

    popular_old = page("Popular and old", partner_a, 400)
    quiet_old = page("Quiet and old", partner_a, 300)
    popular_new = page("Popular and new", partner_a, 10)
    reviewed = page("Popular, reviewed lately", partner_a, 400, reviewed_days_ago=20)
    elsewhere = page("Old elsewhere", partner_b, 500)
    # Read long ago only: not "most-read".
    stale = page("Read long ago", partner_a, 500)
    translation = CaseStudyPageFactory(
        parent=partner_a,
        title="Popular and old (Polish)",
        translation_key=popular_old.translation_key,
        locale=Locale.objects.get_or_create(language_code="pl")[0],
    )
    for target, views in (
        (popular_old, 30),
        (translation, 25),
        (quiet_old, 5),
        (popular_new, 500),
        (reviewed, 400),
        (elsewhere, 80),
    ):
        PageViewCountFactory(page=target, day=today - timedelta(days=3), views=views)
    PageViewCountFactory(page=stale, day=today - timedelta(days=120), views=900)

    found = health.most_read_oldest(health.scope(UserFactory(is_superuser=True)))
    assert [(row.page.title, row.views) for row in found] == [
        ("Old elsewhere", 80),
        ("Popular and old", 55),
        ("Quiet and old", 5),
    ]
    assert found[1].reviewed_on == (now - timedelta(days=400)).date()

    client.login(username=editor_a.username, password=PASSWORD)
    html = client.get(reverse("upkeep:report")).content.decode()
    section = html.split("data-most-read-old")[1].split("</section>")[0]
    assert "Popular and old" in section and "Quiet and old" in section
    assert "Old elsewhere" not in section  # another partner's
    assert "Popular and new" not in section and "Read long ago" not in section
    # The table and its export carry each page's views too.
    text = b"".join(
        client.get(reverse("upkeep:report"), {"export": "csv"}).streaming_content
    ).decode()
    assert "Views (90 days)" in text.splitlines()[0]
    row = next(line for line in text.splitlines() if line.startswith("Popular and new"))
    assert ",500," in row


def test_no_views_lent_means_nothing_is_most_read(partner_a, editor_a, monkeypatch):
    study = CaseStudyPageFactory(parent=partner_a, title="Old", owner=editor_a)
    PageViewCountFactory(page=study, views=50)
    type(study).objects.filter(pk=study.pk).update(
        last_published_at=timezone.now() - timedelta(days=400)
    )
    scope = health.scope(UserFactory(is_superuser=True))
    assert [row.page.title for row in health.most_read_oldest(scope)] == ["Old"]
    monkeypatch.setattr(health.hooks, "get_hooks", lambda name: [])
    assert health.most_read_oldest(scope) == []
