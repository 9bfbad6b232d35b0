"""The public pages in a real browser: accessibility (axe), keyboard, no JavaScript, privacy."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

PUBLIC_PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/about/", 200, id="about"),
    pytest.param("/partners/", 200, id="partners-index"),
    pytest.param("/partners/wealdshire-county-council/", 200, id="partner"),
    pytest.param("/search/?q=huddle", 200, id="search"),
    pytest.param("/no-such-page/", 404, id="not-found"),
    pytest.param("/pl/", 200, id="home-pl"),
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


@pytest.mark.parametrize(("path", "status"), PUBLIC_PAGES)
def test_page_has_no_wcag_a_or_aa_violations(demo_server, page, path, status):
    response = page.goto(demo_server.url + path)
    assert response.status == status
    expect(page.locator("h1")).to_have_count(1)

    violations = wcag_violations(page)

    assert not violations, f"axe found WCAG 2.x A/AA violations on {path}:\n" + describe(violations)


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
