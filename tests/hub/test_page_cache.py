"""The page cache (hub/page_cache.py): anonymous visitors' public pages from the shared cache,
never stale. Each invalidation rule is tested on its own: a page is cached, one thing it shows
changes the way an editor or the huddle changes it, and the next visitor sees the change.

Changes run inside ``commit`` (pytest-django's on-commit capture, executed), as a committed
transaction in production: the cache is invalidated when a change commits, never before.
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page, PageViewRestriction, Site

import pytest

from demo.factories.directory import CoachProfileFactory, SkillFactory
from demo.factories.hub import OrganisationFactory, PriorityFactory, UserFactory
from demo.factories.pages import (
    AdoptionFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    StandardPageFactory,
)
from hub import page_cache
from hub.models import HubSettings
from pages.enums import ModerationStatus
from search import query_log
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cached(settings):
    settings.HUB_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as a committed transaction: its on-commit work (the invalidation) runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def case_studies(home_page, commit):
    with commit():
        return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def case_study(case_studies, commit):
    with commit():
        return CaseStudyPageFactory(parent=case_studies, title="Fewer falls on ward 7")


def served(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


def assert_cached(client, url):
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == 200
    assert first["X-Hub-Cache"] == "miss"
    assert second["X-Hub-Cache"] == "hit"
    assert second.content == first.content
    return second.content.decode()


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


# ---------------------------------------------------------------------------------------------
# What is cached, and how


def test_an_anonymous_visitor_gets_the_cached_page_with_headers_a_cdn_can_use(client, case_study):
    assert_cached(client, case_study.url)
    response = client.get(case_study.url)
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Cookie" in response["Vary"]
    assert response["ETag"]
    # The policy the page was made with, nonce and all, comes back with it.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert client.get(case_study.url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_with_a_cdn_configured_pages_say_how_long_it_may_keep_them(client, case_study, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    settings.HUB_CDN_MAX_AGE = 120
    assert "s-maxage=120" in client.get(case_study.url)["Cache-Control"]


def test_head_is_answered_from_the_cached_page_without_a_body(client, case_study):
    full = assert_cached(client, case_study.url)
    response = client.head(case_study.url)
    assert response["X-Hub-Cache"] == "hit"
    assert response.content == b""
    assert response["Content-Length"] == str(len(full.encode()))


def test_query_strings_are_separate_pages_whatever_their_order(client, case_studies):
    assert_cached(client, case_studies.url + "?sort=newest&page=1")
    assert client.get(case_studies.url + "?page=1&sort=newest")["X-Hub-Cache"] == "hit"
    assert client.get(case_studies.url + "?page=1")["X-Hub-Cache"] == "miss"


def test_signed_in_users_always_get_a_fresh_page_and_never_fill_the_cache(client, case_study):
    editor = UserFactory(username="editor", password=PASSWORD, is_superuser=True)
    client.force_login(editor)
    response = client.get(case_study.url)
    assert "X-Hub-Cache" not in response
    assert 'id="wagtail-userbar' in response.content.decode() or response.status_code == 200
    client.logout()
    client.cookies.clear()
    assert client.get(case_study.url)["X-Hub-Cache"] == "miss"


def test_pages_with_a_form_are_never_cached(client, case_study):
    # The adoption form holds a CSRF token, which belongs to one visitor.
    adopt = case_study.url + "adopt/"
    first = client.get(adopt)
    assert first.status_code == 200
    assert "X-Hub-Cache" not in first
    assert "X-Hub-Cache" not in client.get(adopt)


def test_private_answers_errors_and_the_admin_are_never_cached(client, case_study):
    assert "X-Hub-Cache" not in client.get("/no/such/page/")
    assert "X-Hub-Cache" not in client.get("/admin/login/")
    assert "X-Hub-Cache" not in client.get("/api/v3/pages/")
    # A view that says private (the idea portal's pages).
    response = client.get("/ideas/status/not-a-token/")
    assert "X-Hub-Cache" not in response


def test_a_page_rendered_while_something_changed_is_not_stored(client, case_study, monkeypatch):
    real = page_cache.generation
    calls = iter([1, 2])  # the change lands between the lookup and the store
    monkeypatch.setattr(page_cache, "generation", lambda: next(calls))
    client.get(case_study.url)
    monkeypatch.setattr(page_cache, "generation", real)
    assert client.get(case_study.url)["X-Hub-Cache"] == "miss"


def test_a_cache_that_is_down_costs_speed_not_the_page(client, case_study, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(page_cache, "generation", down)
    response = client.get(case_study.url)
    assert response.status_code == 200
    assert "X-Hub-Cache" not in response


def test_searches_are_counted_when_the_page_comes_from_the_cache(client, case_study):
    assert_cached(client, "/search/?q=falls")
    client.get("/search/?q=falls")
    counted = query_log.pending()
    assert sum(searches for searches, _ in counted.values()) == 3


def test_the_synonyms_search_reads_are_kept_until_a_set_changes(commit):
    from search.models import SynonymSet
    from search.queries import understand

    def alternatives(text):
        return [
            sorted(" ".join(word.text for word in group) for group in concept.alternatives)
            for concept in understand(text)
        ]

    with commit():
        SynonymSet.objects.create(terms="zqxalpha, zqxbeta")
    assert alternatives("zqxalpha") == [["zqxalpha", "zqxbeta"]]
    with commit():
        SynonymSet.objects.create(terms="zqxalpha, zqxgamma")
    assert alternatives("zqxalpha") == [["zqxalpha", "zqxbeta", "zqxgamma"]]


def test_switched_off_nothing_is_cached(client, case_study, settings):
    settings.HUB_PAGE_CACHE = False
    assert "X-Hub-Cache" not in client.get(case_study.url)


# ---------------------------------------------------------------------------------------------
# Never stale: one rule at a time


def test_publishing_a_page_is_seen_at_once(client, case_study, commit):
    assert "Fewer falls on ward 7" in assert_cached(client, case_study.url)
    with commit():
        publish(case_study, title="Half the falls on ward 7")
    response, html = served(client, case_study.url)
    assert response["X-Hub-Cache"] == "miss"
    assert "Half the falls on ward 7" in html


def test_saving_a_draft_keeps_the_cached_page(client, case_study, commit):
    assert_cached(client, case_study.url)
    with commit():
        case_study.title = "A draft title"
        case_study.save_revision()
    assert client.get(case_study.url)["X-Hub-Cache"] == "hit"


def test_a_new_page_appears_on_its_listing(client, case_studies, case_study, commit):
    assert "Sepsis within the hour" not in assert_cached(client, case_studies.url)
    with commit():
        CaseStudyPageFactory(parent=case_studies, title="Sepsis within the hour")
    assert "Sepsis within the hour" in served(client, case_studies.url)[1]


def test_unpublishing_removes_the_page(client, case_study, commit):
    assert_cached(client, case_study.url)
    with commit():
        case_study.unpublish()
    assert client.get(case_study.url).status_code == 404


def test_deleting_removes_the_page(client, case_study, commit):
    url = case_study.url
    assert_cached(client, url)
    with commit():
        case_study.delete()
    assert client.get(url).status_code == 404


def test_moving_a_page_moves_it(client, home_page, case_studies, case_study, commit):
    old_url = case_study.url
    assert_cached(client, old_url)
    with commit():
        elsewhere = StandardPageFactory(parent=home_page, title="Archive", slug="archive")
        case_study.move(elsewhere, pos="last-child")
    # Wagtail leaves a redirect at the old address.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/archive/fewer-falls-on-ward-7/"


def test_making_a_section_private_hides_its_cached_pages(client, case_study, commit):
    assert_cached(client, case_study.url)
    with commit():
        PageViewRestriction.objects.create(
            page=case_study, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get(case_study.url).status_code == 302  # to sign in


def test_navigation_follows_show_in_menus(client, home_page, case_studies, commit):
    assert_cached(client, home_page.url)
    with commit():
        StandardPageFactory(parent=home_page, title="Our approach", show_in_menus=True)
    assert "Our approach" in served(client, home_page.url)[1]


def test_a_translation_published_reaches_the_language_switcher(
    client, home_page, case_study, commit
):
    english = assert_cached(client, case_study.url)
    assert 'hreflang="pl"' in english
    with commit():
        polish = Locale.objects.get_or_create(language_code="pl")[0]
        home_pl = home_page.copy_for_translation(polish)
        home_pl.save_revision().publish()
        index_pl = case_study.get_parent().copy_for_translation(polish)
        index_pl.save_revision().publish()
        translated = case_study.copy_for_translation(polish)
        publish(translated, title="Mniej upadków na oddziale 7")
    response, html = served(client, case_study.url)
    assert response["X-Hub-Cache"] == "miss"
    assert Page.objects.get(pk=translated.pk).url in html


def test_renaming_an_organisation_shows_on_its_case_studies(client, case_study, commit):
    with commit():
        organisation = OrganisationFactory(name="Kingsmead Hospitals NHS Trust")
        case_study.organisations.set([organisation])
        publish(case_study)
    assert "Kingsmead Hospitals" in assert_cached(client, case_study.url)
    with commit():
        organisation.name = "Kingsmead and Eastbridge Hospitals"
        organisation.save()
    assert "Kingsmead and Eastbridge Hospitals" in served(client, case_study.url)[1]


def test_a_priority_edited_shows_on_the_home_page(client, home_page, commit):
    with commit():
        priority = PriorityFactory(name="Healthy ageing")
    assert_cached(client, home_page.url)
    with commit():
        priority.name = "Ageing well"
        priority.save()
    response, _ = served(client, home_page.url)
    assert response["X-Hub-Cache"] == "miss"


def test_a_coach_profile_published_appears_in_the_directory(client, home_page, commit):
    assert_cached(client, "/coaches/")
    with commit():
        CoachProfileFactory(display_name="Nadia Rahman", live=True)
    assert "Nadia Rahman" in served(client, "/coaches/")[1]


def test_a_skill_added_to_a_coach_shows_on_the_profile(client, home_page, commit):
    with commit():
        coach = CoachProfileFactory(display_name="Nadia Rahman", live=True)
        skill = SkillFactory(name="Process mapping")
    url = coach.get_url()
    assert "Process mapping" not in assert_cached(client, url)
    with commit():  # as the editor publishes it
        coach.skills.add(skill)
        coach.save_revision().publish()
    assert "Process mapping" in served(client, url)[1]


def test_site_settings_change_every_page(client, home_page, commit):
    assert_cached(client, home_page.url)
    with commit():
        hub_settings = HubSettings.for_site(home_page.get_site())
        hub_settings.header_colour = "#330072"
        hub_settings.save()
    assert "--hub-header-colour: #330072" in served(client, home_page.url)[1]


def test_an_approved_adoption_appears_on_the_spread_register(client, case_study, commit):
    with commit():
        adoption = AdoptionFactory(
            case_study=case_study, team="Ward 9 nurses", status=ModerationStatus.PENDING
        )
    assert "Ward 9 nurses" not in assert_cached(client, case_study.url)
    with commit():
        adoption.status = ModerationStatus.APPROVED
        adoption.save()
    assert "Ward 9 nurses" in served(client, case_study.url)[1]


def test_a_change_rolled_back_invalidates_nothing(client, case_study, commit):
    assert_cached(client, case_study.url)
    with commit():
        try:
            with transaction.atomic():
                publish(case_study, title="Never committed")
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert client.get(case_study.url)["X-Hub-Cache"] == "hit"


def test_two_processes_share_the_generation_through_the_cache(client, case_study, commit):
    """Another web process has only the shared cache in common with this one: the bump is
    written there, and the key every process computes carries it."""
    assert_cached(client, case_study.url)
    before = cache.get(page_cache.GENERATION_KEY)
    with commit():
        publish(case_study, title="Seen everywhere")
    assert cache.get(page_cache.GENERATION_KEY) > before


def test_every_model_is_either_watched_or_declared_private():
    """A new model must say whether public pages show it: watched models invalidate the
    cache, private ones never do."""
    undecided = []
    for app_label in ("hub", "pages", "directory", "search", "submissions"):
        for model in apps.get_app_config(app_label).get_models():
            if issubclass(model, Page):
                continue
            if not (page_cache.is_watched(model) or page_cache.is_ignored(model)):
                undecided.append(model._meta.label)
    assert undecided == []
    assert page_cache.is_ignored(apps.get_model("submissions", "IdeaSubmission"))
    assert not page_cache.is_watched(apps.get_model("hub", "OutboxEmail"))


def test_a_missed_page_takes_the_site_from_the_parts_until_a_site_changes(
    client, case_study, commit
):
    def site_queries(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]

    site_queries(case_study.url + "?first")
    assert site_queries(case_study.url + "?second") == []  # remembered
    with commit():
        site = Site.objects.get(is_default_site=True)
        site.site_name = "Renamed"
        site.save()
    assert site_queries(case_study.url + "?third")  # looked up again


def test_facet_checkboxes_follow_their_counts(client, case_studies, commit):
    """The checkboxes are kept by their options and counts: another case study from the same
    organisation shows the new count at once, on the listing and on its second address."""
    with commit():
        partner = OrganisationFactory(name="Wealdshire Community Trust")
        CaseStudyPageFactory(parent=case_studies, organisations=[partner])
    assert 'Wealdshire Community Trust <span class="hub-count">(1)</span>' in assert_cached(
        client, case_studies.url
    )
    with commit():
        CaseStudyPageFactory(parent=case_studies, organisations=[partner])
    for url in (case_studies.url, case_studies.url + "?page=1"):
        assert (
            'Wealdshire Community Trust <span class="hub-count">(2)</span>'
            in served(client, url)[1]
        )


def test_a_missed_page_takes_its_route_and_privacy_from_the_parts(client, case_study, commit):
    """Wagtail asks for the active locale, the specific root page, the page's ancestors and
    their restrictions before serving any page; a page the cache misses takes them from the
    parts. A section made private is still asked for its password at once."""

    def routing_queries(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        sql = [q["sql"] for q in queries.captured_queries]
        return response, [
            q for q in sql if "wagtailcore_locale" in q or "wagtailcore_pageviewrestriction" in q
        ]

    routing_queries(case_study.url + "?first")
    response, queries = routing_queries(case_study.url + "?second")
    assert response.status_code == 200
    assert queries == []
    with commit():
        PageViewRestriction.objects.create(
            page=case_study, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    response, _ = routing_queries(case_study.url + "?third")
    assert response.status_code == 200
    assert "Fewer falls on ward 7" not in response.content.decode()
    assert "password" in response.content.decode().lower()
    assert client.get(case_study.url + "missing/").status_code == 404


def test_a_card_is_rendered_once_and_follows_its_page(client, case_studies, case_study, commit):
    """A card is kept with the parts (``{% fragment %}``): a second address of the listing
    reuses it, and a change to the page is on every address at once."""
    rendered = []
    original = page_cache.remember

    def counting(key, compute):
        if key[:2] == ("fragment", "card--case-study"):
            return original(key, lambda: rendered.append(key) or compute())
        return original(key, compute)

    page_cache_remember = pytest.MonkeyPatch()
    page_cache_remember.setattr(page_cache, "remember", counting)
    try:
        assert "Fewer falls on ward 7" in served(client, case_studies.url + "?a")[1]
        assert "Fewer falls on ward 7" in served(client, case_studies.url + "?b")[1]
        assert len(rendered) == 1
        with commit():
            publish(case_study, title="Fewer falls on ward 8")
        body = served(client, case_studies.url + "?c")[1]
        assert "Fewer falls on ward 8" in body and "ward 7" not in body
        assert len(rendered) == 2
    finally:
        page_cache_remember.undo()


def test_a_card_is_kept_per_language_with_names_in_that_language(
    client, home_page, partner_a, commit
):
    """A project card names its partners in the visitor's language: its fragment is kept per
    language (the key adds it to the page's id, the same page in both listings when a
    project is not translated yet), and a partner's name translated later shows at once."""
    with commit():
        polish = Locale.objects.get_or_create(language_code="pl")[0]
        publish(home_page.copy_for_translation(polish))
        index = ProjectIndexPageFactory(parent=home_page)
        publish(index.copy_for_translation(polish))
        project = ProjectPageFactory(parent=partner_a, title="Carers' passport")
        project.organisations.set([partner_a.organisation])
        publish(project)
        publish(project.copy_for_translation(polish, copy_parents=True))
    english = assert_cached(client, "/projects/")
    assert "Kingsmead Hospitals NHS Trust" in english
    assert "Kingsmead Hospitals NHS Trust" in assert_cached(client, "/pl/projects/")
    with commit():
        translated = partner_a.organisation.copy_for_translation(polish)
        translated.name = "Szpitale Kingsmead"
        translated.save()
    polish_html = served(client, "/pl/projects/")[1]
    assert "Szpitale Kingsmead" in polish_html
    assert "Kingsmead Hospitals NHS Trust" not in polish_html
    assert "Szpitale Kingsmead" not in served(client, "/projects/")[1]


def test_signed_in_editors_never_get_or_fill_cached_fragments(client, case_studies, case_study):
    keys = []
    original = page_cache.remember
    patch = pytest.MonkeyPatch()
    patch.setattr(
        page_cache, "remember", lambda key, compute: keys.append(key) or original(key, compute)
    )
    try:
        client.force_login(UserFactory(is_superuser=True))
        assert "Fewer falls on ward 7" in served(client, case_studies.url)[1]
    finally:
        patch.undo()
    assert not [key for key in keys if key[0] == "fragment"]


def test_parts_kept_in_process_memory_follow_the_generation_and_time(settings, monkeypatch):
    calls = []

    def compute():
        calls.append(1)
        return ["navigation"]

    def forget_in_the_shared_cache():
        digest = hashlib.sha256(repr(("local-test",)).encode()).hexdigest()
        assert cache.delete(f"hub:part:{page_cache.generation()}:{digest}")

    first = page_cache.remember(("local-test",), compute)
    first.append("changed by one request")
    assert page_cache.remember(("local-test",), compute) == ["navigation"]  # its own copy
    assert len(calls) == 1
    forget_in_the_shared_cache()  # this process still knows it
    assert page_cache.remember(("local-test",), compute) == ["navigation"]
    assert len(calls) == 1
    page_cache._bump()  # anything public changed
    page_cache.per_request._finish()
    page_cache.per_request._start()
    try:
        page_cache.remember(("local-test",), compute)
        assert len(calls) == 2
        now = page_cache.time.monotonic()
        monkeypatch.setattr(
            page_cache.time, "monotonic", lambda: now + settings.HUB_PAGE_CACHE_SECONDS + 1
        )
        forget_in_the_shared_cache()
        page_cache.per_request._finish()
        page_cache.per_request._start()
        page_cache.remember(("local-test",), compute)  # too old to keep, even in memory
        assert len(calls) == 3
    finally:
        page_cache.per_request._finish()


def test_a_listing_whose_cards_are_kept_reads_only_their_keys(client, case_studies, commit):
    with commit():
        partner = OrganisationFactory(name="Wealdshire Community Trust")
        for number in range(3):
            CaseStudyPageFactory(
                parent=case_studies, title=f"Study {number}", organisations=[partner]
            )
    first = served(client, case_studies.url + "?a")[1]
    with CaptureQueriesContext(connection) as queries:
        second = served(client, case_studies.url + "?b")[1]
    sql = [query["sql"] for query in queries.captured_queries]
    assert not [q for q in sql if "hub_organisation" in q and "casestudypage_organisations" in q]
    items_loaded = [
        q for q in sql if '"wagtailcore_page"."title"' in q and not q.startswith("SELECT COUNT")
    ]
    assert not items_loaded
    for number in range(3):
        assert f"Study {number}" in second
    start, end = first.index('<ul class="nhsuk-list hub-results">'), first.index("</ul>")
    assert first[start:end] in second


def test_a_listing_counts_its_items_once_until_they_change(client, case_studies, commit):
    with commit():
        for number in range(13):  # two pages of 12
            CaseStudyPageFactory(parent=case_studies, title=f"Study {number}")
    assert "13" in served(client, case_studies.url + "?a")[1]
    with CaptureQueriesContext(connection) as queries:
        second = served(client, case_studies.url + "?page=2")[1]
    sql = [query["sql"] for query in queries.captured_queries]
    assert not [q for q in sql if "COUNT(" in q]  # the total and the facets were kept
    assert "Study 0" in second
    with CaptureQueriesContext(connection) as queries:
        served(client, case_studies.url + "?page=2&b")
    assert len(queries) == 1  # the keys of the page's items: their cards were kept

    with commit():
        CaseStudyPageFactory(parent=case_studies, title="Study 13")
    page = served(client, case_studies.url + "?b")[1]
    assert "14" in page
    assert "page=2" in page  # the next page, counted anew


class _WatchedQuery(dict):
    """A request's GET that notes every read."""

    def __init__(self):
        super().__init__()
        self.read = []

    def get(self, key, default=None):
        self.read.append(key)
        return default

    def getlist(self, key, default=None):
        self.read.append(key)
        return default or []

    def __contains__(self, key):
        self.read.append(key)
        return False

    def __getitem__(self, key):
        self.read.append(key)
        raise KeyError(key)


def test_pages_whose_content_is_kept_by_address_do_not_read_the_query_string(home_page, rf):
    """A page type that says ``fixed_content`` has its content block kept by its address,
    whatever the query string: its context must not depend on it (a filtered list would
    show every visitor the first visitor's filters)."""
    from demo.factories.pages import (
        CollaborativeIndexPageFactory,
        CollaborativePageFactory,
        CollaborativeTeamPageFactory,
        EventPageFactory,
        PartnerIndexPageFactory,
        PartnerPageFactory,
        ProjectPageFactory,
        ResourcePageFactory,
    )
    from pages.models.core import BasePage

    collaborative = CollaborativePageFactory(parent=CollaborativeIndexPageFactory(parent=home_page))
    partner = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home_page))
    pages = [
        home_page.specific,
        StandardPageFactory(parent=home_page),
        partner,
        CaseStudyPageFactory(parent=partner),
        ResourcePageFactory(parent=home_page),
        EventPageFactory(parent=home_page),
        ProjectPageFactory(parent=home_page),
        CollaborativeTeamPageFactory(parent=collaborative),
        collaborative,
    ]
    fixed = {
        model for model in apps.get_models() if issubclass(model, BasePage) and model.fixed_content
    }
    assert fixed <= {type(page) for page in pages}, "a fixed_content page type is not checked"
    for page in pages:
        request = rf.get(page.url)
        request.GET = _WatchedQuery()
        context = page.get_context(request)
        for value in context.values():  # lazy parts are worked out
            str(value)
        if type(page) in fixed:
            assert request.GET.read == [], (type(page).__name__, request.GET.read)
        else:
            assert request.GET.read, type(page).__name__  # it does read it: not fixed


def forget_pages_in_the_shared_cache():
    """Local memory's keys are ``:<version>:<key>``."""
    pages = [key.split(":", 2)[2] for key in list(cache._cache) if ":hub:page:" in key]
    assert pages
    cache.delete_many(pages)


def test_whole_pages_kept_in_process_memory_follow_the_generation(client, case_study, commit):
    first = client.get(case_study.url)
    assert first["X-Hub-Cache"] == "miss"
    forget_pages_in_the_shared_cache()  # this process still has it: no round trip for it
    again = client.get(case_study.url)
    assert again["X-Hub-Cache"] == "hit"
    assert again.content == first.content

    with commit():
        publish(case_study, title="Fewer falls on ward 9")
    changed = client.get(case_study.url)
    assert changed["X-Hub-Cache"] == "miss"
    assert "Fewer falls on ward 9" in changed.content.decode()


def test_whole_pages_in_process_memory_are_bounded_by_their_size(
    client, case_study, case_studies, settings
):
    settings.HUB_PAGE_CACHE_LOCAL_BYTES = len(client.get(case_study.url).content) + 10
    listing = client.get(case_studies.url)  # pushes the case study out: both do not fit
    assert listing["X-Hub-Cache"] == "miss"
    assert page_cache._local_pages.weight <= settings.HUB_PAGE_CACHE_LOCAL_BYTES
    forget_pages_in_the_shared_cache()
    assert client.get(case_study.url)["X-Hub-Cache"] == "miss"

    settings.HUB_PAGE_CACHE_LOCAL_BYTES = 0  # none kept in memory at all
    client.get(case_studies.url)
    forget_pages_in_the_shared_cache()
    assert client.get(case_studies.url)["X-Hub-Cache"] == "miss"


def test_a_cached_page_keeps_its_etag_and_is_never_hashed_again(client, case_study, monkeypatch):
    from django.middleware import http

    miss = client.get(case_study.url)
    hashed = []
    real = http.set_response_etag
    monkeypatch.setattr(http, "set_response_etag", lambda r: hashed.append(r) or real(r))
    hit = client.get(case_study.url)
    assert hit["X-Hub-Cache"] == "hit"
    assert hit["ETag"] == miss["ETag"]
    assert not hashed  # ConditionalGetMiddleware found the ETag stored with the page
    not_modified = client.get(case_study.url, HTTP_IF_NONE_MATCH=miss["ETag"])
    assert not_modified.status_code == 304
    assert not not_modified.content
