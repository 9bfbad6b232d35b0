"""examples/headless, the separate front end on the API, in a real browser: served from
another origin (allowed by CORS), it renders a case study whose charts say what the site's
page says, the whole coach directory, and an idea form that files an idea."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.test import override_settings

import pytest
from playwright.sync_api import expect

from tests.browser.test_public_pages import describe, wcag_violations

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "headless"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def example_origin(demo_server):
    """The example's files on an origin of their own, which the hub allows."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(EXAMPLE))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    with override_settings(CORS_ALLOWED_ORIGINS=[origin]):
        yield origin
    server.shutdown()


def _rows(page, selector: str) -> list[str]:
    """Each table row's cells, spaces collapsed (the tables sit in closed details)."""
    rows = page.locator(selector).evaluate_all(
        "rows => rows.map(row => [...row.cells].map(cell => cell.textContent))"
    )
    return [" | ".join(" ".join(cell.split()) for cell in row) for row in rows]


def test_the_example_renders_the_case_study_directory_and_form_from_the_api(
    demo_server, example_origin, page, save_screenshot
):
    from directory.models import CoachProfile
    from pages.models import CaseStudyPage

    case_study = (
        CaseStudyPage.objects.live()
        .filter(locale__language_code="en", measures__isnull=False)
        .order_by("path")
        .first()
    )
    api = f"{demo_server.url}/api/v3"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{example_origin}/index.html?api={api}&page={case_study.pk}")
    expect(page.locator("body[data-ready=true]")).to_have_count(1, timeout=20_000)
    save_screenshot(page, "1280")
    page.set_viewport_size({"width": 390, "height": 844})
    save_screenshot(page, "390")

    # The case study, its charts drawn from the chart model: what the site says, point by point.
    expect(page.get_by_role("heading", level=1)).to_have_text(case_study.title)
    measures = list(case_study.measures.all())
    assert page.locator(".measure").count() == len(measures)
    for measure in measures:
        view = page.locator(f'.measure[data-measure="{measure.name}"]')
        expect(view.locator(".summary")).to_have_text(measure.spc.summary)
        assert view.locator("svg circle.point").count() == len(measure.spc.points)
    example_rows = _rows(page, "details.data table tbody tr")
    page.goto(case_study.full_url)
    site_rows = _rows(page, ".hub-spc-chart__data table tbody tr")
    assert example_rows == site_rows
    assert len(site_rows) == sum(len(measure.spc.points) for measure in measures)

    # The whole directory, page after page through the Link header.
    page.goto(f"{example_origin}/index.html?api={api}&page={case_study.pk}")
    expect(page.locator("body[data-ready=true]")).to_have_count(1, timeout=20_000)
    live = CoachProfile.objects.filter(live=True).count()
    expect(page.locator(".coach")).to_have_count(live)

    # The form, built from the OpenAPI schema: refused, then filed.
    form = page.locator("#idea form")
    form.get_by_role("button", name="Submit idea").click()
    expect(form.locator(".error").first).to_be_visible()
    form.locator("[name=submitter_name]").fill("Grace Okafor")
    form.locator("[name=submitter_email]").fill("grace@example.org")
    form.locator("[name=submitter_type][value=staff]").check()
    form.locator("[name=title]").fill("Fewer missed insulin doses")
    form.locator("[name=problem]").fill("Patients on Ward 3 miss insulin doses at handover.")
    form.locator("[name=aim]").fill("No missed doses on Ward 3 by June.")
    form.locator("[name=change_ideas]").fill("A handover checklist.")
    form.locator("[name=proposed_route][value=single_provider]").check()
    form.locator("[name=core20][value=not_sure]").check()
    form.locator("[name=involvement][value=not_yet]").check()
    form.locator("[name=support_wanted][value=coaching]").check()
    form.locator("[name=privacy_consent]").check()
    form.get_by_role("button", name="Submit idea").click()
    expect(page.locator("#idea .outcome")).to_contain_text("Your reference is QI-")

    violations = wcag_violations(page)
    assert not violations, describe(violations)
