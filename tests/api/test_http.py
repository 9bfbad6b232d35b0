"""What every API path does the same way over HTTP (``hub.api_http``): HEAD, OPTIONS and
405, caching headers and conditional requests, and pagination links and their end."""

import re
from datetime import timedelta

from django.utils import timezone
from django.utils.http import http_date

import pytest

from hub import api as hub_api
from pages.models import CaseStudyPage

from .conftest import bearer

PUBLIC_READS = sorted(path for method, path in hub_api.PUBLIC_OPERATIONS if method == "GET")
LISTS = [
    "/api/v3/pages/",
    "/api/v3/images/",
    "/api/v3/documents/",
    "/api/v3/directory/coaches/",
    "/api/v3/search/?q=falls",
]


def _concrete(path: str, seeded_ids: dict) -> str:
    return "/api/v3" + re.sub(r"\{(\w+)\}", lambda m: str(seeded_ids[m.group(1)]), path)


@pytest.fixture
def ids(seeded, media_files):
    from directory.models import CoachProfile

    return {
        "page_id": CaseStudyPage.objects.live().first().pk,
        "image_id": media_files["image"].pk,
        "document_id": media_files["document"].pk,
        "coach_id": CoachProfile.objects.filter(live=True).first().pk,
    }


@pytest.fixture
def media_files(db, settings, tmp_path):
    """Two public images and two documents (the demo has none)."""
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = tmp_path
    images = [
        get_image_model().objects.create(title=f"Image {n}", file=get_test_image_file())
        for n in (1, 2)
    ]
    documents = [
        get_document_model().objects.create(
            title=f"Document {n}", file=ContentFile(b"Notes", name=f"notes-{n}.txt")
        )
        for n in (1, 2)
    ]
    return {"image": images[0], "document": documents[0]}


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_every_public_read_is_cacheable_and_answers_head_and_conditional_requests(api, ids, path):
    url = _concrete(path, ids)
    if path == "/pages/find/":
        url += "?html_path=/"
        response = api.get(url, follow=True)
    else:
        response = api.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Authorization" in response["Vary"]
    read = response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"]
    again = api.get(read, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    head = api.head(read)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"].startswith("application/json")


def test_a_changed_page_gets_a_new_etag_and_its_publication_date(api, ids):
    url = f"/api/v3/pages/{ids['page_id']}/"
    first = api.get(url)
    page = CaseStudyPage.objects.get(pk=ids["page_id"])
    assert first["Last-Modified"] == http_date(page.last_published_at.timestamp())
    before = page.last_published_at - timedelta(seconds=1)
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=http_date(before.timestamp())).status_code == 200

    page.title = "A new title"
    page.save_revision().publish()
    second = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert second.json()["title"] == "A new title"


def test_an_approved_adoption_changes_the_page_s_last_modified(api, ids):
    from pages.models import Adoption

    url = f"/api/v3/pages/{ids['page_id']}/"
    first = api.get(url)
    Adoption.objects.create(
        case_study_id=ids["page_id"],
        team="Ward 9",
        stage="adopted",
        contact_name="A",
        contact_email="a@example.org",
        status="approved",
        reviewed_at=timezone.now() + timedelta(seconds=5),
    )
    response = api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200


def test_reads_with_a_token_and_personal_data_are_never_stored(api, seeded):
    huddle = bearer(seeded.huddle_token)
    for url in ("/api/v3/submissions/", f"/api/v3/submissions/{seeded.idea_references[0]}/"):
        response = api.get(url, **huddle)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response
    # A public read with a token may include drafts: private too.
    assert api.get("/api/v3/pages/", **huddle)["Cache-Control"] == "private, no-store"


def test_errors_and_writes_are_not_stored(api):
    assert api.get("/api/v3/directory/coaches/0/")["Cache-Control"] == "no-store"
    assert (
        api.post("/api/v3/submissions/", "{}", content_type="application/json")["Cache-Control"]
        == "no-store"
    )


def test_lists_in_the_request_s_language_say_they_vary_by_it(api):
    for url in ("/api/v3/pages/", "/api/v3/taxonomies/", "/api/v3/search/"):
        assert "Accept-Language" in api.get(url)["Vary"], url
    assert "Accept-Language" not in api.get("/api/v3/directory/coaches/")["Vary"]


def test_a_method_a_path_does_not_take_is_a_405_problem(api):
    response = api.delete("/api/v3/taxonomies/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    options = api.options("/api/v3/submissions/")
    assert options.status_code == 204
    assert options["Allow"] == "GET, HEAD, OPTIONS, POST"


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.usefixtures("media_files")
def test_every_list_links_its_neighbours_and_ends_with_an_empty_page(api, url):
    joiner = "&" if "?" in url else "?"
    first = api.get(f"{url}{joiner}limit=1")
    count = first.json()["count"]
    assert count > 1, url
    links = _links(first["Link"])
    assert "prev" not in links
    second = api.get(links["next"].removeprefix("http://testserver"))
    assert second.status_code == 200
    assert second.json()["items"] and second.json()["items"] != first.json()["items"]
    assert "prev" in _links(second["Link"])
    last = api.get(links["last"].removeprefix("http://testserver"))
    assert last.json()["items"]
    assert "next" not in _links(last["Link"])
    beyond = f"{url}{joiner}limit=1&" + ("page=999" if "search" in url else "offset=9999")
    past = api.get(beyond)
    assert past.status_code == 200
    assert past.json()["items"] == []
    assert past.json()["count"] == count
    assert "next" not in _links(past["Link"])


def _links(header: str) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', header)}
