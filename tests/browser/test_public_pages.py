"""The public pages in a real browser: accessibility (axe), keyboard, no JavaScript, privacy."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

TRUST = "/partners/wealdshire-university-hospitals-nhs-foundation-trust/"
PASSPORT = (
    "/partners/wealdshire-carers-network/"
    "a-carers-passport-that-follows-people-from-hospital-to-home/"
)
REMINDERS = (
    "/partners/wealdshire-community-and-mental-health-nhs-trust/"
    "text-reminders-to-cut-missed-physiotherapy-appointments/"
)
COLLABORATIVE = "/collaboratives/falls-collaborative/"
# The learning system's pages (issue 22) in English, Polish and Urdu (right to left): the
# projects listing, a collaborative, its shared view, a team and both projects. Checked at
# desktop width here and at phone width in test_phone_layout.py.
LEARNING_PAGES = [
    (f"/{language}{path}" if language else path, 200)
    for language in ("", "pl", "ur")
    for path in (
        "/projects/",
        COLLABORATIVE,
        COLLABORATIVE + "results/",
        COLLABORATIVE + "larkfield/",
        PASSPORT,
        REMINDERS,
    )
]
PUBLIC_PAGES = [
    ("/", 200),
    ("/about/", 200),
    ("/partners/", 200),
    ("/partners/wealdshire-county-council/", 200),
    ("/search/?q=huddle", 200),
    ("/no-such-page/", 404),
    ("/pl/", 200),
    ("/case-studies/", 200),
    ("/case-studies/?priority=stroke&organisation_type=nhs_trust", 200),
    (TRUST + "halving-inpatient-falls/", 200),  # SPC charts: improvement, target, balancing
    (
        "/partners/wealdshire-community-and-mental-health-nhs-trust/school-mental-health-drop-in/",
        200,
    ),
    ("/partners/healthwatch-wealdshire/discharge-letters-people-understand/", 200),  # run chart
    ("/case-studies/discharge-before-noon/", 200),
    (TRUST + "halving-inpatient-falls/adopt/", 200),
    ("/case-studies/?place_kind=pcn&place=riverside-pcn", 200),
    # Spread across places: the system's table, filtered, one case study's, in Urdu.
    ("/case-studies/spread/", 200),
    ("/case-studies/spread/?place_kind=pcn&stage=adopted&stage=adapted", 200),
    ("/case-studies/spread/?case_study=hypertension-case-finding-riverside", 200),
    ("/ur/case-studies/spread/", 200),
    ("/resources/", 200),
    ("/resources/pdsa-cycle-template/", 200),
    ("/training/", 200),
    ("/training/?when=past&from=2020-13-45", 200),
    ("/training/introduction-to-qi/", 200),
    ("/feedback/page/thanks/?answer=no", 200),  # "What was wrong?" after a no
    ("/collaboratives/", 200),
    ("/collaboratives/falls-collaborative/ward-7/", 200),
    # The privacy notice's register of personal data (hub.personal_data), right to left too.
    ("/privacy-notice/", 200),
    ("/ur/privacy-notice/", 200),
    # The open summary of benefits (projects in progress are in LEARNING_PAGES).
    ("/benefits/", 200),
    ("/ur/benefits/", 200),
    # The learning system in every language: the projects listing (filtered too), a
    # collaborative with its teams filtered by place, its shared view, a team and a project,
    # in Polish and in Urdu (right to left) as well.
    *LEARNING_PAGES,
    ("/projects/?stage=testing&place_kind=pcn", 200),
    ("/collaboratives/falls-collaborative/?place_kind=pcn", 200),
]


def wcag_violations(page) -> list[dict]:
    results = Axe().run(page)
    return [
        violation
        for violation in results.response["violations"]
        if WCAG_TAGS.intersection(violation["tags"])
    ]


def describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{', '.join(sorted(WCAG_TAGS.intersection(violation['tags'])))}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
    return "\n".join(lines)


def test_public_pages_have_no_wcag_a_or_aa_violations(demo_server, page):
    """Every public page type and listing, checked in one browser session.

    (One test rather than one per page: each live-server test re-seeds the demo content,
    which costs more than the checks themselves.)
    """
    problems = {}
    for path, status in PUBLIC_PAGES:
        response = page.goto(demo_server.url + path)
        if response.status != status:
            problems[path] = f"HTTP {response.status}, expected {status}"
            continue
        if page.locator("h1").count() != 1:
            problems[path] = f"{page.locator('h1').count()} h1 elements"
            continue
        violations = wcag_violations(page)
        if violations:
            problems[path] = describe(violations)
    assert not problems, "\n\n".join(f"{path}:\n{text}" for path, text in problems.items())


def test_keyboard_skip_link_moves_focus_to_main_content(demo_server, page):
    page.goto(demo_server.url + "/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # visually hidden until focused

    page.keyboard.press("Enter")
    expect(page.locator("#maincontent")).to_be_focused()


def test_home_page_works_without_javascript(demo_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_server.url + "/")

        expect(page.get_by_role("heading", level=1)).to_have_text("Wealdshire Improvement Hub")
        navigation = page.get_by_role("navigation", name="Main menu")
        for name in ("About the hub", "Our partners"):
            expect(navigation.get_by_role("link", name=name, exact=True)).to_be_visible()
        footer = page.get_by_role("contentinfo")
        for name in ("Accessibility statement", "Privacy notice"):
            expect(footer.get_by_role("link", name=name, exact=True)).to_be_visible()
        search_field = page.get_by_role("searchbox", name="Search the Wealdshire Improvement Hub")
        expect(search_field).to_be_visible()
        expect(page.locator("#search").get_by_role("button", name="Search")).to_be_visible()

        search_field.fill("huddle")
        search_field.press("Enter")

        expect(page).to_have_url(re.compile(r"/search/\?q=huddle$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Search")
        expect(page.get_by_role("status")).to_contain_text("for “huddle”")
        expect(page.locator(".hub-search-result").first).to_be_visible()
        expect(page.get_by_role("link", name="About the hub").last).to_be_visible()
    finally:
        context.close()


def test_home_page_makes_no_requests_off_site_and_logs_no_errors(
    demo_server, page, record_requests
):
    requests = record_requests(page)
    problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(f"console: {message.text}"),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and problems.append(f"HTTP {response.status}: {response.url}")
        ),
    )

    page.goto(demo_server.url + "/", wait_until="networkidle")

    requests.assert_all_local()
    loaded = "\n".join(requests.urls)
    for asset in ("nhsuk-frontend-10.4.2.min.css", "hub.css", "hub.mjs", "body-classes.js"):
        assert asset in loaded, f"{asset} was not requested:\n{loaded}"
    assert "nhsuk-frontend-10.4.2.min.js" in loaded, "the JS module did not import NHS.UK JS"
    # body-classes.js ran, and the module ran NHS.UK frontend's initAll() on the header.
    expect(page.locator("body")).to_have_class(re.compile(r"\bnhsuk-frontend-supported\b"))
    expect(page.locator("header[data-module=nhsuk-header]")).to_have_attribute(
        "data-nhsuk-header-init", ""
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        pytest.param("/", "en", "Wealdshire Improvement Hub", id="home"),
        pytest.param("/pl/", "pl", "Centrum Doskonalenia Wealdshire", id="home-pl"),
    ],
)
def test_html_lang_matches_the_page_language(
    demo_server, page, save_screenshot, path, language, heading
):
    page.goto(demo_server.url + path)

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert save_screenshot(page).stat().st_size > 0


def test_adoption_form_errors_are_accessible_and_keep_what_was_typed(
    demo_server, page, save_screenshot
):
    page.goto(demo_server.url + TRUST + "halving-inpatient-falls/adopt/")
    page.get_by_label("Your name").fill("Ade Bello")
    page.get_by_label("Your email address").fill("not-an-email")
    page.get_by_role("button", name="Send").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Choose your organisation")
    expect(summary).to_contain_text("Enter an email address like name@example.nhs.uk.")
    expect(page.get_by_label("Your name")).to_have_value("Ade Bello")
    save_screenshot(page)
    violations = wcag_violations(page)
    assert not violations, describe(violations)

    page.get_by_label("Your organisation", exact=True).select_option(
        label="Wealdshire County Council"
    )
    page.get_by_label("Team or service").fill("Reablement")
    page.get_by_label("Decided to try it").check()
    page.get_by_label("Your email address").fill("ade@example.org")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")


def test_case_study_chart_screenshot(demo_server, page, save_screenshot):
    page.goto(demo_server.url + TRUST + "halving-inpatient-falls/")
    chart = page.locator("figure.hub-spc-chart").first
    # The wide drawing at this width; the small one is for phones (test_phone_layout.py).
    expect(chart.get_by_role("img", name="Inpatient falls (XmR chart)")).to_be_visible()
    expect(chart.locator("svg.hub-spc-chart__small-svg")).to_be_hidden()
    expect(chart).to_contain_text("Special cause improvement")
    # The data is there without JavaScript, one click away.
    page.get_by_text("Show the data").first.click()
    expect(page.locator("table.nhsuk-table").first).to_be_visible()
    save_screenshot(page)


PHONE_PAGES = [
    *(path for path, status in PUBLIC_PAGES if status == 200),
    "/coaches/",
    "/coaches/?q=lean",
    "/search/?q=how+do+I+stop+patients+falling+at+night",
    "/submit-an-idea/",
    "/pl/search/?q=odle%C5%BCyny",
]


def test_every_page_type_works_on_a_phone(demo_server, browser):
    """At 390 px: nothing scrolls sideways, and every search box on the page is wide enough
    to type in (on /search/ and /coaches/ the button once squeezed the box to 10 px)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems = {}
    try:
        for path in PHONE_PAGES:
            page.goto(demo_server.url + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                problems[path] = f"scrolls sideways by {overflow} px"
            widths = page.evaluate(
                "Array.from(document.querySelectorAll('input[type=search]'))"
                ".filter(e => e.offsetParent !== null)"
                ".map(e => Math.round(e.getBoundingClientRect().width))"
            )
            if any(width < 150 for width in widths):
                problems[path] = f"search box widths {widths} px"
    finally:
        context.close()
    assert not problems, problems
