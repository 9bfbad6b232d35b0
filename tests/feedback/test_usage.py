"""Page views: counted in the shared cache on every serve (the page cache's too), never a
database write on the visit, written by the scheduled flush_page_views."""

from django.core.cache import cache
from django.core.management import call_command

import pytest

from demo.factories.pages import StandardPageFactory
from feedback import usage
from feedback.models import PageViewCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, title="Falls prevention toolkit")


def test_a_view_is_counted_in_the_cache_without_a_database_write(
    client, page, django_assert_num_queries
):
    response = client.get(page.url)
    assert response.status_code == 200
    assert not response.cookies
    assert usage.pending() == {page.pk: 1}
    assert not PageViewCount.objects.exists()


def test_pages_served_from_the_page_cache_count_too(client, page, settings):
    settings.HUB_PAGE_CACHE = True
    assert client.get(page.url)["X-Hub-Cache"] == "miss"
    assert client.get(page.url)["X-Hub-Cache"] == "hit"
    assert client.get(page.url)["X-Hub-Cache"] == "hit"
    assert usage.pending() == {page.pk: 3}


def test_the_flush_writes_and_empties_the_counters(client, page, home_page):
    client.get(page.url)
    client.get(page.url)
    client.get(home_page.url)
    call_command("flush_page_views")
    assert dict(PageViewCount.objects.values_list("page_id", "views")) == {
        page.pk: 2,
        home_page.pk: 1,
    }
    assert usage.pending() == {}
    client.get(page.url)
    assert usage.flush() == 1
    call_command("flush_page_views")  # nothing new: nothing added
    assert PageViewCount.objects.get(page=page).views == 3


def test_a_missing_cache_never_breaks_the_page(client, page, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "add", down)
    assert client.get(page.url).status_code == 200


def test_a_search_or_an_admin_page_is_not_a_page_view(client, page):
    client.get("/search/?q=falls")
    client.get("/admin/login/")
    assert usage.pending() == {}
