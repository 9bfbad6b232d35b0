"""Queries per public page: at most 12 for every page type, and the same with more content.

Measured as a visitor the page cache misses meets them (a new address each time, so the page
is rendered), with the parts every page repeats kept by the page cache (``hub.page_cache``),
as in production. ``bench/pages.py`` reports the same counts beside the speed.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from demo.multiply import multiply
from directory.models import CoachProfile
from pages.models import (
    CaseStudyPage,
    CollaborativePage,
    CollaborativeTeamPage,
    EventPage,
    PartnerPage,
    ResourcePage,
)
from tests.seeding import seeded_demo_fixture

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
demo = seeded_demo_fixture(library=True, ideas=False)


def addresses() -> dict[str, str]:
    english = {"locale__language_code": "en", "alias_of__isnull": True}
    case_study = (
        CaseStudyPage.objects.live().filter(**english, measures__isnull=False).distinct().first()
    )
    collaborative = CollaborativePage.objects.live().filter(**english).first()
    return {
        "home": "/",
        "home (Polish)": "/pl/",
        "case studies": "/case-studies/",
        "case studies, filtered": "/case-studies/?priority=healthy-ageing&sort=newest",
        "resources": "/resources/",
        "training and events": "/training/",
        "coaches": "/coaches/",
        "case study with charts": case_study.url,
        "resource": ResourcePage.objects.live().filter(**english).first().url,
        "event": EventPage.objects.live().filter(**english).first().url,
        "partner": PartnerPage.objects.live().filter(**english).first().url,
        "partners": "/partners/",
        "coach profile": CoachProfile.objects.filter(live=True).first().get_url(),
        "search": "/search/?q=falls",
        "projects in progress": "/projects/",
        "projects in progress, filtered": "/projects/?stage=testing&place_kind=pcn",
        "collaborative": collaborative.url,
        "collaborative, teams filtered": f"{collaborative.url}?place_kind=pcn",
        "collaborative's shared view": f"{collaborative.url}results/",
        "collaborative team": CollaborativeTeamPage.objects.live().filter(**english).first().url,
    }


def count(client, url: str, n: int) -> int:
    separator = "&" if "?" in url else "?"
    client.get(f"{url}{separator}visit=warm")  # the parts every page shares, once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}{separator}visit={n}")
    assert response.status_code == 200, url
    return len(queries)


def test_every_page_type_makes_at_most_12_queries_whatever_the_content(
    client, demo, settings, django_capture_on_commit_callbacks
):
    settings.HUB_PAGE_CACHE = True
    cache.clear()
    pages = addresses()
    before = {name: count(client, url, 1) for name, url in pages.items()}
    assert {name: n for name, n in before.items() if n > MAX_QUERIES} == {}

    with django_capture_on_commit_callbacks(execute=True):
        multiply(3)  # three of every case study, resource, event and coach
    assert CaseStudyPage.objects.live().filter(slug__endswith="-copy-3").exists()
    after = {name: count(client, url, 2) for name, url in pages.items()}
    assert {name: n for name, n in after.items() if n > MAX_QUERIES} == {}
    # No query per item: at most one more, when a relation empty on the first page at 1x
    # (no coach photo, say, so Django skips that prefetch) is filled at 3x.
    assert {name: (before[name], n) for name, n in after.items() if n > before[name] + 1} == {}
