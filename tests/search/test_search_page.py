import pytest

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    live = StandardPageFactory(
        parent=home_page, title="Sepsis screening in the emergency department"
    )
    draft = StandardPageFactory(parent=home_page, title="Sepsis draft plans", live=False)
    return live, draft


def test_finds_live_pages_only(client, pages):
    html = client.get("/search/", {"q": "sepsis"}).content.decode()
    assert "Sepsis screening in the emergency department" in html
    assert "Sepsis draft plans" not in html
    assert "1 result for" in html


def test_query_is_shown_as_text(client, pages):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_empty_and_out_of_range_requests_do_not_fail(client, pages):
    assert client.get("/search/").status_code == 200
    response = client.get("/search/", {"q": "sepsis", "page": "999"})
    assert response.status_code == 200
    assert "Sepsis screening" in response.content.decode()
    assert client.get("/search/", {"q": "sepsis", "page": "abc"}).status_code == 200
    assert client.get("/search/", {"q": "x" * 5000}).status_code == 200


def test_no_results_explains_what_to_do(client, pages):
    html = client.get("/search/", {"q": "zzzxqy"}).content.decode()
    assert "No results for" in html
