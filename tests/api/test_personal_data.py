"""No personal data in any anonymous API response: a sweep of every GET endpoint.

The ``seeded`` fixture puts a marker string (``MARKER`` + the field's name) in every personal
field of an idea, a coach's contact details and account, a contact request and an adoption.
:func:`planted` adds content the public must not see, with markers too: a draft revision of
a live page, an unpublished page, a page behind a login, a coach's draft and an unpublished
coach. The sweep then reads the schema and, for EVERY GET operation in it, builds concrete
requests: lists at the largest ``limit`` walked page by page to the end, the detail of every
id a list returned or the database holds, searches for each marker and each coach's names,
and the find endpoints for every page's path. No response body or header, whatever its
status, may hold a marker.

The sweep also proves it looked: more than a hundred requests, every GET path in the schema
requested at least once, every public page and coach read in full; and
:func:`test_the_sweep_catches_a_field_that_leaks` shows it fails when a field does leak.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.test import Client

import pytest

from .conftest import MARKER, bearer

API = "/api/v3"
LIMIT = settings.WAGTAILAPI_LIMIT_MAX


@dataclass
class Planted:
    markers: list[str]
    hidden_page_ids: list[int]  # pages the public must not read (404)
    hidden_coach_ids: list[int]  # profiles the public must not read (404)


@pytest.fixture
def planted(api, seeded) -> Planted:
    """Content that is not public, marked, in the test's savepoint."""
    from wagtail.models import PageViewRestriction

    from demo.factories import CoachProfileFactory, StandardPageFactory
    from directory.models import CoachProfile
    from pages.models import HomePage, StandardPage

    markers = []

    def mark(name):
        markers.append(f"{MARKER}{name}")
        return markers[-1]

    home = HomePage.objects.filter(depth=2).first()
    # A live page with an unpublished draft: the public reads the live version only.
    drafted = StandardPage.objects.live().first()
    drafted.title = mark("drafttitle")
    drafted.introduction = mark("draftintroduction")
    drafted.save_revision()
    # A page never published, and one published behind a login.
    unpublished = StandardPageFactory(
        parent=home, title=mark("unpublishedtitle"), slug="zqx-unpublished", live=False
    )
    private = StandardPageFactory(
        parent=home,
        title=mark("privatetitle"),
        slug="zqx-private",
        introduction=mark("privateintro"),
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    # A coach's unpublished edit, and a coach never published.
    coach = CoachProfile.objects.live().order_by("pk").last()
    coach.bio = mark("coachdraftbio")
    coach.save_revision()
    hidden_coach = CoachProfileFactory(
        display_name=mark("unpublishedcoach"), bio=mark("unpublishedcoachbio"), publish=False
    )
    return Planted(
        markers=markers,
        hidden_page_ids=[unpublished.pk, private.pk],
        hidden_coach_ids=[hidden_coach.pk],
    )


@dataclass
class Sweep:
    """An anonymous client that looks for markers in everything it is answered."""

    client: Client
    markers: list[str]
    visited: list[str] = field(default_factory=list)
    templates: set[str] = field(default_factory=set)
    statuses: Counter = field(default_factory=Counter)
    leaks: list[tuple[str, int, list[str]]] = field(default_factory=list)

    def get(self, template: str, path: str | None = None, headers=None, **params):
        url = (path or template) + (f"?{urlencode(params, doseq=True)}" if params else "")
        response = self.client.get(url, follow=True, **(headers or {}))
        self.visited.append(url)
        self.templates.add(template)
        self.statuses[response.status_code] += 1
        text = "\n".join(
            [_without_echo(response, params)]
            # Link (pagination) repeats the caller's own query: an echo, not a leak.
            + [f"{name}: {value}" for name, value in response.headers.items() if name != "Link"]
            + [location for location, _status in response.redirect_chain]
        ).lower()
        text_without_marks = re.sub(r"</?mark>", "", text)
        found = [
            marker
            for marker in [*self.markers, MARKER]
            if marker in text or marker in text_without_marks
        ]
        if found:
            self.leaks.append((url, response.status_code, found))
        return response

    def walk(self, template: str, *, paged_by="offset", **params) -> list[dict]:
        """Every item of a list endpoint, at the largest page size."""
        items, position = [], 0 if paged_by == "offset" else 1
        while True:
            response = self.get(template, limit=LIMIT, **{paged_by: position}, **params)
            assert response.status_code == 200, (template, params, response.content)
            body = response.json()
            items += body["items"]
            position += LIMIT if paged_by == "offset" else 1
            seen = len(items) if paged_by == "offset" else (position - 1) * LIMIT
            if not body["items"] or seen >= body["count"]:
                return items


def _without_echo(response, params: dict) -> str:
    """The body, less the search words the hub echoes back (``q``, ``corrected_q``): the
    caller's own words are not a leak. Only an exact echo of what was sent is dropped."""
    content = response.content.decode(errors="replace")
    sent = params.get("q")
    if not sent or not response.get("Content-Type", "").startswith("application/json"):
        return content
    body = response.json()
    if not isinstance(body, dict):
        return content
    for key in ("q", "corrected_q"):
        if isinstance(body.get(key), str) and body[key].lower() in (sent.lower(), ""):
            body[key] = ""
    return json.dumps(body)


def _get_templates(schema: dict) -> set[str]:
    return {path for path, item in schema["paths"].items() if "get" in item}


def _enum(schema: dict, path: str, name: str) -> list[str]:
    [parameter] = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name]
    return parameter["schema"]["items"]["enum"]


def sweep_everything(sweep: Sweep, seeded, planted: Planted, schema: dict) -> None:
    from django.contrib.auth import get_user_model

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision, Site
    from wagtail.snippets.models import get_snippet_models

    from directory.models import CoachProfile
    from submissions.models import IdeaSubmission

    # Pages: every list (all types, each type, each language), then every page in detail.
    page_ids = {item["id"] for item in sweep.walk(f"{API}/pages/")}
    for page_type in _enum(schema, f"{API}/pages/", "type"):
        page_ids |= {item["id"] for item in sweep.walk(f"{API}/pages/", type=page_type)}
    for code, _name in settings.LANGUAGES:
        page_ids |= {item["id"] for item in sweep.walk(f"{API}/pages/", locale=code)}
    public = set(Page.objects.live().public().exclude(depth=1).values_list("pk", flat=True))
    assert page_ids >= public, public - page_ids
    for page_id in sorted(page_ids | public):
        detail = f"{API}/pages/{{page_id}}/"
        response = sweep.get(detail, f"{API}/pages/{page_id}/")
        assert response.status_code == 200, (page_id, response.content)
        sweep.get(detail, f"{API}/pages/{page_id}/", version="draft")
        sweep.get(detail, f"{API}/pages/{page_id}/", rich_text_format="markdown")
        html_path = urlsplit(response.json()["meta"]["html_url"] or "/").path
        sweep.get(f"{API}/pages/find/", html_path=html_path)
        sweep.get(f"{API}/pages/find/", id=page_id)
        sweep.get(f"{API}/redirects/find/", html_path=html_path)
    hidden = set(planted.hidden_page_ids) | set(
        Page.objects.exclude(pk__in=public).exclude(depth=1).values_list("pk", flat=True)
    )
    assert hidden >= set(planted.hidden_page_ids)
    for page_id in sorted(hidden):
        for version in (None, "draft"):
            params = {"version": version} if version else {}
            response = sweep.get(f"{API}/pages/{{page_id}}/", f"{API}/pages/{page_id}/", **params)
            assert response.status_code == 404, (page_id, version, response.status_code)
        sweep.get(f"{API}/pages/find/", id=page_id)
    some_pages = sorted(page_ids)[:3] + sorted(hidden)[:2]
    revisions = Revision.page_revisions.filter(object_id__in=[str(pk) for pk in some_pages])
    for page_id in some_pages:
        sweep.get(f"{API}/pages/{{page_id}}/revisions/", f"{API}/pages/{page_id}/revisions/")
    for revision in revisions[:10]:
        sweep.get(
            f"{API}/pages/{{page_id}}/revisions/{{revision_id}}/",
            f"{API}/pages/{revision.object_id}/revisions/{revision.pk}/",
        )
    for term in sweep.markers:
        sweep.get(f"{API}/pages/", search=term)

    # Images, documents, redirects: every item, then each in detail (and a few ids beyond).
    for kind, model in (("images", get_image_model()), ("documents", get_document_model())):
        ids = {item["id"] for item in sweep.walk(f"{API}/{kind}/")}
        ids |= set(model.objects.values_list("pk", flat=True)) | {1, 2, 999_999}
        singular = kind[:-1]
        for pk in sorted(ids):
            sweep.get(f"{API}/{kind}/{{{singular}_id}}/", f"{API}/{kind}/{pk}/")
        for term in sweep.markers[:5]:
            sweep.get(f"{API}/{kind}/", search=term)
    # Redirects need a token with a redirect permission (docs/api.md, issue 17).
    assert sweep.get(f"{API}/redirects/").status_code == 401
    for pk in (1, 999_999):
        response = sweep.get(f"{API}/redirects/{{redirect_id}}/", f"{API}/redirects/{pk}/")
        assert response.status_code == 401
        assert sweep.get(f"{API}/redirects/find/", id=pk).status_code == 401

    # The coach directory: every profile in the list and in detail; hidden ones are 404.
    coaches = sweep.walk(f"{API}/directory/coaches/")
    live_coaches = set(CoachProfile.objects.live().values_list("pk", flat=True))
    assert {coach["id"] for coach in coaches} == live_coaches
    for pk in sorted(CoachProfile.objects.values_list("pk", flat=True)):
        response = sweep.get(
            f"{API}/directory/coaches/{{coach_id}}/", f"{API}/directory/coaches/{pk}/"
        )
        assert response.status_code == (200 if pk in live_coaches else 404), pk
    assert set(planted.hidden_coach_ids).isdisjoint(live_coaches)
    users = get_user_model().objects.filter(coach_profile__isnull=False)
    names = {coach["display_name"] for coach in coaches} | {
        name for user in users for name in (user.first_name, user.last_name, user.username) if name
    }
    for term in [*sweep.markers, *sorted(names)]:
        sweep.get(f"{API}/directory/coaches/", q=term[:100])
        sweep.get(f"{API}/search/", q=term[:100])
    sweep.get(f"{API}/directory/coaches/", q="@example.org")

    # Search: every result page of everything public, and of each kind.
    sweep.walk(f"{API}/search/", paged_by="page")
    for kind in _enum(schema, f"{API}/search/", "kind"):
        sweep.walk(f"{API}/search/", paged_by="page", kind=kind)

    # Taxonomies, in every language.
    for code, _name in settings.LANGUAGES:
        assert sweep.get(f"{API}/taxonomies/", locale=code).status_code == 200

    # Ideas: never to an anonymous caller, nor to a token that is not a huddle member's.
    refused = [{}, bearer("not-a-token"), bearer(seeded.partner_editor_token)]
    for headers in refused:
        response = sweep.get(f"{API}/submissions/", headers=headers)
        assert response.status_code in (401, 403), response.status_code
    references = [*IdeaSubmission.objects.values_list("reference", flat=True)]
    assert seeded.marker_idea_reference in references
    for reference in references:
        for headers in refused:
            response = sweep.get(
                f"{API}/submissions/{{reference}}/", f"{API}/submissions/{reference}/", headers
            )
            # 429 once the address has sent HUB_SIGNIN_FAILURE_LIMIT unknown tokens.
            assert response.status_code in (401, 403, 429), (reference, response.status_code)

    # Snippets (coach profiles are snippets), sites, schemas, whoami: tokens only.
    for model in get_snippet_models():
        label = model._meta.label
        sweep.get(f"{API}/snippets/{{type}}/", f"{API}/snippets/{label}/")
        for pk in list(model.objects.order_by("pk").values_list("pk", flat=True)[:3]):
            base = f"{API}/snippets/{label}/{pk}"
            sweep.get(f"{API}/snippets/{{type}}/{{pk}}/", f"{base}/")
            sweep.get(f"{API}/snippets/{{type}}/{{pk}}/revisions/", f"{base}/revisions/")
            for revision_id in Revision.objects.for_instance(model.objects.get(pk=pk)).values_list(
                "pk", flat=True
            )[:2]:
                sweep.get(
                    f"{API}/snippets/{{type}}/{{pk}}/revisions/{{revision_id}}/",
                    f"{base}/revisions/{revision_id}/",
                )
    for site in Site.objects.all():
        sweep.get(f"{API}/sites/{{site_id}}/", f"{API}/sites/{site.pk}/")
    sweep.get(f"{API}/sites/")
    sweep.get(f"{API}/schema/")
    for type_name in (
        "pages.CaseStudyPage",
        "directory.CoachProfile",
        "submissions.IdeaSubmission",
    ):
        sweep.get(f"{API}/schema/{{type_name}}/", f"{API}/schema/{type_name}/")
    sweep.get(f"{API}/whoami/")
    sweep.get(f"{API}/openapi.json")
    sweep.get(f"{API}/docs/")


@pytest.fixture
def schema(api):
    return api.get(f"{API}/openapi.json").json()


def test_no_personal_or_hidden_data_in_any_anonymous_response(api, seeded, planted, schema):
    sweep = Sweep(client=api, markers=[*seeded.markers, *planted.markers])
    sweep_everything(sweep, seeded, planted, schema)

    assert not sweep.leaks, "\n".join(
        f"{url} ({status}): {found}" for url, status, found in sweep.leaks
    )
    missing = _get_templates(schema) - sweep.templates
    assert not missing, f"GET operations the sweep never requested: {sorted(missing)}"
    assert len(sweep.visited) > 300, len(sweep.visited)
    assert sweep.statuses[200] > 150, sweep.statuses
    assert not [status for status in sweep.statuses if status >= 500], sweep.statuses
    print(  # noqa: T201 (the numbers, with pytest -s)
        f"\npersonal-data sweep: {len(sweep.visited)} requests over "
        f"{len(sweep.templates)} GET paths; statuses {dict(sorted(sweep.statuses.items()))}"
    )


def test_the_sweep_catches_a_field_that_leaks(api, seeded, planted, schema, monkeypatch):
    """The sweep has teeth: publish a coach's contact address and it fails."""
    from directory import api as directory_api

    serialize = directory_api.serialize

    def leaky(coach):
        return {**serialize(coach), "bio": f"Email me at {coach.contact_address}"}

    monkeypatch.setattr(directory_api, "serialize", leaky)
    sweep = Sweep(client=api, markers=[*seeded.markers, *planted.markers])
    sweep.walk(f"{API}/directory/coaches/")
    assert sweep.leaks
    [(url, status, found)] = sweep.leaks
    assert status == 200
    assert "zqxpersonalcoachcontact" in found
