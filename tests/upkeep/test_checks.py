"""The hub's editor checks: on content, in the editor's panel, and in Wagtail's checker."""

import json

from django.urls import reverse

import pytest

from demo.factories import CaseStudyMeasureFactory, CaseStudyPageFactory
from tests.conftest import PASSWORD
from upkeep import checks

pytestmark = pytest.mark.django_db


def rules(html):
    return [issue.rule for issue in checks.check_html(html)]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<h2>Aim</h2><h3>Measures</h3><p>Fine.</p>", []),
        ("<h2>Aim</h2><h4>Skipped</h4>", ["heading-order"]),
        ("<h1>Second title</h1>", ["heading-order"]),
        ("<h2> </h2>", ["empty-heading"]),
        ('<img src="/a.png">', ["image-alt"]),
        ('<img src="/a.png" alt="">', []),  # decorative
        ('<img src="/a.png" alt="IMG_2041.jpg">', ["alt-text-quality"]),
        ('<img src="/a.png" alt="Image">', ["alt-text-quality"]),
        ('<img src="/a.png" alt="Nurses at a ward huddle">', []),
        ('<a href="/x">Click here</a>', ["link-text"]),
        ('<a href="/x">read more.</a>', ["link-text"]),
        ('<a href="/x">Read the falls toolkit</a>', []),
        ("<table><tr><td>1</td></tr></table>", ["table-headers"]),
        ("<table><tr><th>Month</th></tr><tr><td>1</td></tr></table>", []),
        ("<h2><script>alert(1)</script></h2>", ["empty-heading"]),
        ("<h2>Unclosed <a href='/x'>here", []),
    ],
)
def test_rules(html, expected):
    assert rules(html) == expected


def test_each_field_is_checked_under_its_section_heading(partner_a):
    # A case study's "The problem" is an h2 in the template: an h3 in it is in order, an h4
    # skips a level; a chart (drawn with its summary and data table) is not a failure.
    fine = CaseStudyPageFactory(parent=partner_a, problem="<h3>Before</h3><p>Falls.</p>")
    CaseStudyMeasureFactory(page=fine, name="Falls per 1,000 bed days", description="")
    assert checks.check_page(fine) == []
    skipped = CaseStudyPageFactory(parent=partner_a, problem="<h4>Before</h4><p>Falls.</p>")
    assert [issue.rule for issue in checks.check_page(skipped)] == ["heading-order"]


def test_reading_age_and_long_sentences():
    simple = "We tried a new way. It worked well. Staff liked it. " * 5
    hard = (
        "Notwithstanding considerable organisational heterogeneity, multidisciplinary "
        "implementation methodologies demonstrated substantial improvements regarding "
        "interdisciplinary communication, institutional accountability and sustainability "
        "considerations throughout the comprehensive evaluation period, notwithstanding "
        "several unanticipated operational constraints and difficulties. "
    ) * 3
    assert checks.readability(simple).reading_age < 10
    assert not checks.readability(simple).long_sentences
    assert checks.readability(hard).hard_to_read
    assert checks.readability(hard).reading_age == checks.MAX_READING_AGE
    assert len(checks.readability(hard).long_sentences) == 3
    assert checks.readability("Too short.").reading_age is None


def test_the_editor_shows_the_failures_and_hints(client, partner_a, editor_a):
    study = CaseStudyPageFactory(
        parent=partner_a,
        problem='<h2>Why</h2><h4>Skipped</h4><p><a href="https://example.org">click here</a></p>',
    )
    client.login(username=editor_a.username, password=PASSWORD)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[study.pk])).content.decode()
    assert "Content health" in html
    assert 'data-rule="heading-order"' in html
    assert 'data-rule="link-text"' in html
    assert "Reviewed, still accurate" in html


# How axe's own tags begin (axe-core's doc/API.md, "Axe-core Tags").
AXE_TAG_PREFIXES = ("wcag", "best-practice", "section508", "cat.", "ACT", "EN-", "TT", "RGAA")


def test_wagtails_checker_runs_the_hubs_rules(client, partner_a, editor_a):
    study = CaseStudyPageFactory(parent=partner_a)
    client.login(username=editor_a.username, password=PASSWORD)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[study.pk])).content.decode()
    start = html.index('id="checker-axe-configuration"')
    start = html.index(">", start) + 1
    config = json.loads(html[start : html.index("</script>", start)])
    assert "hub-table-headers" in config["options"]["runOnly"]
    assert "heading-order" in config["options"]["runOnly"]
    # Rule ids only: axe runs a list of ids whatever their tags (heading-order is a
    # "best-practice" rule, which a list of WCAG tags leaves out), and refuses to run at all
    # when a list mixes ids and tags (tests/browser/test_content_health.py runs it).
    custom_tags = {tag for rule in config["spec"]["rules"] for tag in rule["tags"]}
    for value in config["options"]["runOnly"]:
        assert value not in custom_tags, value
        assert not value.startswith(AXE_TAG_PREFIXES), value
    assert {"id": "hub-has-header-cell"}.items() <= config["spec"]["checks"][-1].items()
    assert "Table without header cells" in json.dumps(config["messages"])
