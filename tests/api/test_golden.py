"""The API contract, pinned: the JSON for the demo content, compared with files beside this test.

One file per page type and per hub endpoint (``expected/*.json``). A change to what the API
returns fails here until the expected file is updated on purpose, with the diff reviewed:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/api/test_golden.py

Values that differ from one run to the next are replaced before comparing: database ids,
timestamps made from "now", media file names and private tokens.
"""

import difflib
import json
import os
import re
from pathlib import Path

from wagtail.models import get_page_models

import pytest

from .conftest import bearer

EXPECTED = Path(__file__).parent / "expected"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?$")
_NUMBERED_PATH = re.compile(r"/(\d+)/")
_MEDIA = re.compile(r"/media/[^\"'\s]+")
_STATUS_TOKEN = re.compile(r"/status/[^/]+/")
_REFERENCE = re.compile(r"\bIH-\d{4}-\d{4}\b")
# Primary keys, and the chooser values in StreamField blocks that hold one: they depend on
# what the database made before (PostgreSQL sequences do not roll back with a test).
_ID_KEYS = {"id", "pk", "internal_page"}


def normalise(value, key=""):
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(item, key) for item in value]
    if (key in _ID_KEYS or key.endswith("_id")) and value is not None:
        return "<id>"
    if isinstance(value, str):
        if _DATETIME.match(value):
            return "<datetime>"
        value = _MEDIA.sub("/media/<file>", value)
        value = _STATUS_TOKEN.sub("/status/<token>/", value)
        value = _REFERENCE.sub("<reference>", value)
        if "/api/v3/" in value:
            value = _NUMBERED_PATH.sub("/<id>/", value)
    return value


def _compare(name: str, response, status=200, *, any_order=False, keys=()) -> str | None:
    """``any_order``: the items may come in another order (search relevance differs between
    SQLite FTS5 and PostgreSQL; tests/search/test_relevance.py judges the ranking).
    ``keys``: compare only these keys of the response."""
    assert response.status_code == status, (name, response.status_code, response.content[:500])
    data = response.json()
    if keys:
        data = {key: data[key] for key in keys}
    if any_order:
        data["items"] = sorted(data["items"], key=lambda item: (item["kind"], item["title"]))
    actual = json.dumps(normalise(data), indent=2, ensure_ascii=False, sort_keys=True)
    path = EXPECTED / f"{name}.json"
    if UPDATE or not path.exists():
        path.write_text(actual + "\n", encoding="utf-8")
        return None if UPDATE else f"{path.name} was missing: written, review and commit it"
    expected = path.read_text(encoding="utf-8").rstrip("\n")
    if actual == expected:
        return None
    diff = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), f"expected/{path.name}", "actual", n=2
    )
    return "\n".join(diff)


def _assert_all_match(results: dict[str, str | None]):
    failures = {name: diff for name, diff in results.items() if diff}
    assert not failures, "The API contract changed:\n\n" + "\n\n".join(failures.values())


def _example_page(model):
    pages = model.objects.live().public().filter(locale__language_code="en").order_by("path")
    if model._meta.label == "pages.CaseStudyPage":
        pages = pages.filter(measures__isnull=False)
    return pages.first()


def test_every_page_type_reads_as_its_expected_file(api, seeded):
    results = {}
    for model in get_page_models():
        if model._meta.abstract or model._meta.app_label != "pages":
            continue
        page = _example_page(model)
        assert page is not None, f"the demo content has no live {model.__name__}"
        results[f"page-{model.__name__}"] = _compare(
            f"page-{model.__name__}", api.get(f"/api/v3/pages/{page.pk}/")
        )
    results["pages-listing"] = _compare(
        "pages-listing", api.get("/api/v3/pages/?type=pages.CaseStudyPage&limit=3")
    )
    _assert_all_match(results)


def test_every_hub_endpoint_reads_as_its_expected_file(api, seeded):
    from directory.models import CoachProfile
    from submissions.models import IdeaSubmission

    coach = CoachProfile.objects.filter(live=True).order_by("slug").first()
    idea = (
        IdeaSubmission.objects.exclude(reference=seeded.marker_idea_reference)
        .filter(status="in_coaching")
        .order_by("title")
        .first()
    )
    huddle = bearer(seeded.huddle_token)
    requests = {
        "taxonomies": api.get("/api/v3/taxonomies/"),
        "taxonomies-pl": api.get("/api/v3/taxonomies/?locale=pl"),
        "coaches": api.get("/api/v3/directory/coaches/?limit=3"),
        "coaches-filtered": api.get(
            "/api/v3/directory/coaches/?offer=go_and_see&mode=in_person&limit=2"
        ),
        "coach": api.get(f"/api/v3/directory/coaches/{coach.pk}/"),
        "search-nothing": api.get("/api/v3/search/?q=xylophone"),
        "ideas": api.get("/api/v3/submissions/?status=in_coaching&limit=2", **huddle),
        "idea": api.get(f"/api/v3/submissions/{idea.reference}/", **huddle),
    }
    results = {name: _compare(name, response) for name, response in requests.items()}
    searches = {
        # Every match fits on the page, so only the order can differ between databases.
        "search": "/api/v3/search/?q=falls&limit=20",
        "search-filtered": "/api/v3/search/?q=falls&kind=case_study&kind=resource",
        "search-corrected": "/api/v3/search/?q=presure+ulcer",
        # Polish results, and English ones for what has no Polish translation.
        "search-pl": "/api/v3/search/?q=falls&locale=pl&limit=20",
    }
    for name, url in searches.items():
        response = api.get(url)
        assert response.json()["count"] <= len(response.json()["items"]), url
        results[name] = _compare(name, response, any_order=True)
    _assert_all_match(results)


def test_promoted_results_read_as_their_expected_file(api, seeded):
    """What hub editors recommend for a query (Settings → Promoted search results): a page
    and a link to another site, above the items."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from pages.models import ResourcePage

    page = _example_page(ResourcePage)
    query = Query.get("Falls prevention")
    SearchPromotion.objects.create(
        query=query, page=page, sort_order=0, description="Start here: the hub's guide."
    )
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.nhs.uk/conditions/falls/",
        external_link_text="Falls (NHS website)",
        sort_order=1,
    )
    response = api.get("/api/v3/search/?q=falls+prevention&limit=50")
    assert response.json()["count"] <= len(response.json()["items"])
    # The promotions only: which items a query finds differs between SQLite and PostgreSQL
    # (the other search files pin the items' shape).
    _assert_all_match(
        {"search-promoted": _compare("search-promoted", response, keys=("q", "promoted"))}
    )


def test_error_shapes_read_as_their_expected_files(api, seeded):
    post = api.post(
        "/api/v3/submissions/",
        json.dumps({"submitter_email": "nope", "privacy_consent": True}),
        content_type="application/json",
    )
    results = {
        "error-422-idea": _compare("error-422-idea", post, status=422),
        "error-401": _compare("error-401", api.get("/api/v3/submissions/"), status=401),
        "error-404": _compare("error-404", api.get("/api/v3/directory/coaches/0/"), status=404),
        "error-limit": _compare(
            "error-limit", api.get("/api/v3/directory/coaches/?limit=100000"), status=422
        ),
        "error-unknown-path": _compare(
            "error-unknown-path", api.get("/api/v3/no-such-thing/"), status=404
        ),
    }
    _assert_all_match(results)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"id": 7, "page_id": 3, "title": "x"}, {"id": "<id>", "page_id": "<id>", "title": "x"}),
        ("2026-11-22T08:14:51.242Z", "<datetime>"),
        ("2025-04-01", "2025-04-01"),
        ("http://localhost/api/v3/pages/19/", "http://localhost/api/v3/pages/<id>/"),
        ("http://localhost/case-studies/19/", "http://localhost/case-studies/19/"),
        ("/media/images/a_b.fill-600x400.jpg", "/media/<file>"),
    ],
)
def test_only_run_to_run_noise_is_normalised(raw, expected):
    assert normalise(raw) == expected
