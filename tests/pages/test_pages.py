import re

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from demo.factories import (
    OrganisationFactory,
    PartnerPageFactory,
    PriorityFactory,
    StandardPageFactory,
)
from hub.models import HubSettings
from pages.models import (
    CaseStudyIndexPage,
    CollaborativeIndexPage,
    HomePage,
    HomePageFeaturedItem,
    PartnerIndexPage,
    PartnerPage,
    ProjectIndexPage,
    ResourceIndexPage,
    StandardPage,
    TrainingIndexPage,
)
from tests.seeding import seeded_demo_fixture

pytestmark = pytest.mark.django_db


# The site's frame and its translations; the library and the ideas are not read here.
demo_site = seeded_demo_fixture(library=False, ideas=False)


@pytest.fixture
def demo(demo_site, home_page):
    """The demo site, loaded once for this module (tests/seeding.py)."""
    return HomePage.objects.get(pk=home_page.pk)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


class TestHomePage:
    def test_shows_the_hub_in_the_nhs_look(self, client, demo):
        html = html_of(client, "/")
        assert 'class="nhsuk-header' in html
        assert "Wealdshire Improvement Hub" in html
        assert "Wealdshire Health and Care Partnership" in html
        assert '<html lang="en" dir="ltr">' in html
        assert "nhsuk-frontend-10.4.2.min.css" in html

    def test_skip_link_is_the_first_link_and_targets_main(self, client, demo):
        html = html_of(client, "/")
        first_link = re.search(r"<a [^>]*>", html).group(0)
        assert 'class="nhsuk-skip-link"' in first_link
        assert 'href="#maincontent"' in first_link
        assert '<main class="nhsuk-main-wrapper ' in html
        assert 'id="maincontent"' in html

    def test_home_title_names_the_hub_once(self, client, demo):
        html = html_of(client, "/")
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert title.count(demo.title) == 1, title
        about = re.search(r"<title>(.*?)</title>", html_of(client, "/about/"), re.S).group(1)
        assert about.endswith(" – Wealdshire Improvement Hub"), about

    def test_navigation_search_and_footer(self, client, demo):
        html = html_of(client, "/")
        nav = re.search(r'<nav class="nhsuk-header__navigation".*?</nav>', html, re.S).group(0)
        assert ">About the hub</a>" in nav
        assert ">Our partners</a>" in nav
        # The two journeys people came for, on every page, not only the home page.
        assert 'href="/coaches/">Find a coach</a>' in nav
        assert 'href="/submit-an-idea/">Submit an idea</a>' in nav
        assert 'action="/search/"' in html
        assert 'name="q"' in html
        footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
        assert 'href="/accessibility-statement/">Accessibility statement</a>' in footer
        assert 'href="/privacy-notice/">Privacy notice</a>' in footer
        assert 'href="/coaches/">Find a coach</a>' in footer
        assert 'href="/submit-an-idea/">Submit an idea</a>' in footer

    def test_priorities_featured_content_and_calls_to_action(self, client, demo):
        html = html_of(client, "/")
        for priority in ["Stroke", "Patient safety (PSIRF)", "Frailty and ageing well"]:
            assert priority in html
        # Each card leads to everything filed under its priority.
        assert 'href="/search/?priority=stroke">Stroke</a>' in html
        assert 'id="featured-heading"' in html
        assert "nhsuk-action-link" in html
        assert "How the huddle works" in html

    def test_featured_drafts_are_not_shown(self, client, demo):
        draft = StandardPageFactory(parent=demo, title="Unpublished plans", live=False)
        HomePageFeaturedItem.objects.create(home_page=demo, page=draft)
        assert "Unpublished plans" not in html_of(client, "/")

    def test_no_resource_is_loaded_from_another_server(self, client, demo):
        for url in ["/", "/about/", "/partners/", "/search/?q=falls", "/missing/"]:
            html = client.get(url).content.decode()
            sources = re.findall(
                r'<(?:link|script|img|iframe|source)[^>]+(?:src|href)="([^"]+)"', html
            )
            assert sources, url
            # hreflang alternates name this site's own pages by full address; nothing loads them.
            external = [
                s
                for s in sources
                if re.match(r"(https?:)?//", s) and not s.startswith("http://testserver/")
            ]
            assert not external, (url, external)

    def test_queries_do_not_grow_with_content(self, client, demo):
        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/").status_code == 200
            return len(queries)

        count()  # the first request fills per-process caches (site root paths)
        before = count()
        home = demo
        for index in range(6):
            PriorityFactory(name=f"Extra priority {index}")
            page = StandardPageFactory(parent=home, title=f"Featured {index}", show_in_menus=True)
            HomePageFeaturedItem.objects.create(home_page=home, page=page)
        assert count() == before


class TestStandardAndPartnerPages:
    def test_standard_page_has_breadcrumbs_and_body(self, client, demo):
        html = html_of(client, "/about/")
        assert '<nav class="nhsuk-breadcrumb"' in html
        assert ">Wealdshire Improvement Hub</a>" in html
        assert "The Design Collaborative Huddle" in html
        assert 'aria-current="page"' in html  # the menu marks where we are

    def test_partner_index_lists_every_partner(self, client, demo):
        html = html_of(client, "/partners/")
        assert html.count("nhsuk-card__link") == 7
        assert "Wealdshire Carers Network" in html

    def test_partner_page_shows_its_content(self, client, demo):
        html = html_of(client, "/partners/wealdshire-university-hospitals-nhs-foundation-trust/")
        assert "Improvement at Kingsmead and Eastbridge" in html
        assert "NHS trust" in html

    def test_one_section_per_organisation(self, demo):
        section = PartnerPage.objects.filter(locale=demo.locale).first()
        duplicate = PartnerPage(title="Again", slug="again", organisation=section.organisation)
        duplicate.locale = section.locale
        with pytest.raises(ValidationError, match="already has a section"):
            duplicate.full_clean()

    def test_page_tree_rules(self):
        assert set(HomePage.allowed_subpage_models()) == {
            StandardPage,
            PartnerIndexPage,
            CaseStudyIndexPage,
            ProjectIndexPage,
            ResourceIndexPage,
            TrainingIndexPage,
            CollaborativeIndexPage,
        }
        assert ProjectIndexPage.max_count_per_parent == 1
        assert ProjectIndexPage.allowed_subpage_models() == []
        assert PartnerPage.allowed_parent_page_models() == [PartnerIndexPage]
        assert StandardPage in PartnerPage.allowed_subpage_models()
        assert PartnerIndexPage.max_count_per_parent == 1

    def test_topics_show_on_the_page(self, client, demo):
        assert "co-production" in html_of(client, "/about/")


class TestErrorPages:
    def test_404_in_the_hub_look(self, client, demo):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "Page not found" in html
        assert 'class="nhsuk-header' in html
        assert "Traceback" not in html

    @pytest.mark.urls("tests.pages.urls_with_error")
    def test_500_in_the_hub_look_without_details(self, client, demo):
        client.raise_request_exception = False
        response = client.get("/boom/")
        assert response.status_code == 500
        html = response.content.decode()
        assert "Sorry, there is a problem with the service" in html
        assert 'class="nhsuk-header' in html
        assert "Traceback" not in html and "ZeroDivisionError" not in html


def test_site_settings_can_rename_the_hub(client, demo):
    settings = HubSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hub_name = "Wealdshire QI Hub"
    settings.host_organisation_name = ""
    settings.save()
    html = html_of(client, "/")
    assert "Wealdshire QI Hub" in html
    assert "Wealdshire Health and Care Partnership" not in html


def test_new_organisation_section_is_served(client, demo):
    organisation = OrganisationFactory(name="Northgate Hospice")
    partner_index = PartnerIndexPage.objects.get(locale__language_code="en")
    page = PartnerPageFactory(parent=partner_index, organisation=organisation)
    page.save_revision().publish()
    assert "Northgate Hospice" in html_of(client, page.url)


def test_sitemap_lists_live_pages_and_robots_points_to_it(client, demo):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/about/</loc>" in sitemap
    assert "/partners/wealdshire-county-council/</loc>" in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
