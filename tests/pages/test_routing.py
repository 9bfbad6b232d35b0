"""Routing: the home page finds the page an address names in one query
(``pages.models.core.HomePage.route``), with Wagtail's own answers."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page, get_page_models

import pytest

from demo.factories.pages import (
    CaseStudyPageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    StandardPageFactory,
)
from pages.models import CaseStudyIndexPage, CollaborativePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def deep_case_study(home_page, org_a):
    partners = PartnerIndexPageFactory(parent=home_page)
    partner = PartnerPageFactory(parent=partners, organisation=org_a)
    return CaseStudyPageFactory(parent=partner, title="Fewer falls", slug="fewer-falls")


def test_a_deep_page_is_found_in_two_queries(client, deep_case_study):
    response = client.get(deep_case_study.url)
    assert response.status_code == 200
    assert response.context["page"] == deep_case_study
    home = deep_case_study.get_parent().get_parent().get_parent().specific
    request = RequestFactory().get(deep_case_study.url)
    with CaptureQueriesContext(connection) as queries:
        found = home.route(request, deep_case_study.url.strip("/").split("/"))
    assert found.page == deep_case_study
    assert len(queries) == 2  # the page, then its specific row


def test_what_is_left_of_the_address_is_routed_by_the_page(client, deep_case_study):
    response = client.get(deep_case_study.url + "adopt/")
    assert response.status_code == 200
    assert client.get(deep_case_study.url + "no-such-route/").status_code == 404


def test_unknown_addresses_and_drafts_are_not_found(client, home_page, deep_case_study):
    assert client.get("/partners/nobody/fewer-falls/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404
    deep_case_study.unpublish()
    assert client.get(deep_case_study.url).status_code == 404


def test_a_live_page_under_a_draft_parent_is_served_as_wagtail_serves_it(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Section", slug="section")
    child = StandardPageFactory(parent=section, title="Child", slug="child")
    section.unpublish()
    assert client.get("/section/child/").status_code == 200
    assert client.get("/section/").status_code == 404
    assert child.live


def test_another_languages_tree_is_never_searched(client, home_page, deep_case_study):
    polish = Locale.objects.create(language_code="pl")
    home_pl = home_page.copy_for_translation(polish)
    home_pl.save_revision().publish()
    # The English case study's address under /pl/ is not a Polish page.
    assert client.get("/pl" + deep_case_study.url).status_code == 404


def test_no_page_type_routes_its_children_itself():
    """The shortcut skips the levels between the home page and the page found. A page type
    that routes by itself (RoutablePageMixin, a ``route`` override) must be a leaf, or the
    shortcut would go past it."""
    routing_themselves = [
        model
        for model in get_page_models()
        if model.route is not Page.route and model.__name__ != "HomePage"
    ]
    assert routing_themselves  # the case study's adopt/ route, at least
    for model in routing_themselves:
        if model in ROUTES_BESIDE_CHILDREN:
            continue
        assert model.allowed_subpage_models() == [], model


# Index pages with routes of their own beside their children: the shortcut still reaches the
# route (no child has that address, so the index is the deepest page found). A child given
# the route's slug would be served instead of the route.
ROUTES_BESIDE_CHILDREN = {CaseStudyIndexPage, CollaborativePage}  # spread/, results/
