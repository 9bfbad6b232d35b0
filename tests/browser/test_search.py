"""/search/ in a real browser: axe on the results, filtered, empty and error states and the
open suggestions list; the suggestions by keyboard; filters without JavaScript."""

import re

from playwright.sync_api import expect

from search import service
from tests.browser.test_public_pages import describe, wcag_violations

STATES = [
    ("/search/?q=falls", "results"),
    ("/search/?q=falls&kind=case_study&topic=falls&sort=date", "filtered"),
    ("/search/?q=presure+ulcer", "corrected"),
    ("/search/?q=zzzxqy+nothing", "empty"),
    ("/search/", "start"),
]


def test_search_states_have_no_wcag_a_or_aa_violations(demo_server, page, save_screenshot):
    failures = []
    for path, name in STATES:
        page.goto(demo_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text("Search")
        save_screenshot(page, name)
        if violations := wcag_violations(page):
            failures.append(f"{path}\n{describe(violations)}")
    assert not failures, "\n\n".join(failures)


def test_error_state_has_no_violations(demo_server, page, monkeypatch, save_screenshot):
    def broken():
        raise ConnectionError("search cluster down")

    monkeypatch.setattr(service, "get_engine", broken)
    page.goto(demo_server.url + "/search/?q=falls")
    expect(page.get_by_role("alert")).to_contain_text("Search is not working right now")
    save_screenshot(page)
    assert not wcag_violations(page), describe(wcag_violations(page))


def test_recommended_results_are_a_labelled_list_with_no_violations(
    demo_server, page, save_screenshot
):
    """Promoted results (Settings → Promoted search results) above the results."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from pages.models import CaseStudyPage

    case_study = CaseStudyPage.objects.live().filter(locale__language_code="en").first()
    query = Query.get("Falls")
    SearchPromotion.objects.create(
        query=query, page=case_study, sort_order=0, description="Start with this one."
    )
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.nhs.uk/conditions/falls/",
        external_link_text="Falls (NHS website)",
        sort_order=1,
    )
    try:
        page.goto(demo_server.url + "/search/?q=falls")
        recommended = page.get_by_role("region", name="Recommended")
        items = recommended.get_by_role("listitem")
        expect(items).to_have_count(2)
        expect(items.first.get_by_role("link")).to_have_text(case_study.title)
        expect(items.last.get_by_role("link")).to_have_text("Falls (NHS website)")
        # Above the results.
        box = recommended.bounding_box()
        assert box["y"] < page.locator(".hub-results-count").bounding_box()["y"]
        save_screenshot(page)
        assert not wcag_violations(page), describe(wcag_violations(page))
    finally:
        query.delete()


def test_suggestions_by_keyboard(demo_server, page, save_screenshot):
    page.goto(demo_server.url + "/search/")
    box = page.get_by_role("combobox", name=re.compile("Search case studies"))
    box.press_sequentially("halv", delay=50)
    listbox = page.get_by_role("listbox")
    option = listbox.get_by_role("option", name=re.compile("Halving inpatient falls"))
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".hub-search [role=status]").last).to_contain_text("suggestion")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"-0$"))
    expect(option).to_have_attribute("aria-selected", "true")
    save_screenshot(page, "open")
    assert not wcag_violations(page), describe(wcag_violations(page))
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/halving-inpatient-falls/$"))

    # Escape closes the list; Enter then searches as usual.
    page.goto(demo_server.url + "/search/")
    box = page.get_by_role("combobox", name=re.compile("Search case studies"))
    box.press_sequentially("sepsis", delay=50)
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=sepsis$"))


def test_filters_and_pages_work_without_javascript(demo_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_server.url + "/search/?q=falls")
        page.get_by_role("group", name="Type").get_by_label(re.compile("^Case study")).check()
        page.get_by_label("Sort by").select_option("date")
        page.get_by_role("button", name="Apply").click()
        expect(page).to_have_url(re.compile(r"\?q=falls&sort=date&kind=case_study$"))
        expect(page.get_by_role("status")).to_contain_text("for “falls”")
        for kicker in page.locator(".hub-search-result .hub-card__kicker").all_inner_texts():
            assert kicker == "Case study"
        expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    finally:
        context.close()
