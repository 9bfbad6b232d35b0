from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import translation

import pytest

from demo.factories import (
    OrganisationFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    UserFactory,
)
from hub import access
from pages.models import HomePage
from search import query_log
from tests.seeding import ensure_site_root

PASSWORD = "a-test-password-1"
BROWSER_TESTS = "tests/browser/"
# Folders whose tests share one package-scoped demo seed: each runs on one worker.
ONE_WORKER_PACKAGES = (BROWSER_TESTS, "tests/api/")


@receiver(post_migrate, dispatch_uid="tests-restore-data-migration-rows")
def _restore_data_migration_rows(sender, **kwargs):
    """A flush (after each transactional test, and after the browser tests) empties every
    table, the rows the data migrations made too, then sends post_migrate. Put those rows
    back (default locale, root and home page, site, the starting skills and languages,
    groups and the review workflows), so whatever runs next on this worker finds the
    database as migrations left it, whichever tests ran before it."""
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is last:
        ensure_site_root()
        # The directory's data migration, run again (it only creates what is missing).
        import_module("directory.migrations.0002_starting_skills_languages_offers").create(
            apps, None
        )
        access.sync_access()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With pytest-xdist (``make test``): each test module runs on one worker, so a module's
    demo seed (tests/seeding.py) is made once, not once per worker; and the browser tests
    all run on one worker, one after the other, over one seeded demo (tests/browser), as
    do the API tests over theirs (tests/api/conftest.py): a package-scoped fixture is made
    again each time a worker comes back to the package from another one.

    (xdist's own ``--dist loadgroup`` would do the latter, but its marks do not reach the
    scheduler under pytest 9.2.)
    """
    from xdist.scheduler import LoadScopeScheduling

    class ModulesAndBrowserTests(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            for package in ONE_WORKER_PACKAGES:
                if nodeid.startswith(package):
                    return package
            return nodeid.split("::", 1)[0]  # the module, whatever class the test is in

    return ModulesAndBrowserTests(config, log)


@pytest.fixture(autouse=True, scope="session")
def _compiled_catalogues():
    """Tests run against compiled catalogues, as the site does: compile any .po file that
    is newer than its .mo (``make install`` does the same), then drop gettext's cache."""
    from django.utils.translation import trans_real

    from hub.translations import compile_catalogues

    if compile_catalogues():
        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request to /pl/ in an earlier test
    leaves Polish active in the thread otherwise."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_search_counts_left_over():
    """Searches are counted in the process's memory until written (search/query_log.py):
    every test starts with none counted."""
    query_log.clear()
    yield
    query_log.clear()


@pytest.fixture
def home_page(db) -> HomePage:
    """The default site's home page (created by a data migration; recreated if flushed)."""
    return ensure_site_root()


@pytest.fixture
def partner_index(home_page):
    return PartnerIndexPageFactory(parent=home_page)


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Kingsmead Hospitals NHS Trust")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Eastbridge County Council")


@pytest.fixture
def partner_a(partner_index, org_a):
    return PartnerPageFactory(parent=partner_index, organisation=org_a)


@pytest.fixture
def partner_b(partner_index, org_b):
    return PartnerPageFactory(parent=partner_index, organisation=org_b)


@pytest.fixture
def groups(db):
    access.sync_access()
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture
def hub_editor(groups):
    return UserFactory(
        username="hub.editor", password=PASSWORD, groups=[groups[access.HUB_EDITORS]]
    )


@pytest.fixture
def editor_a(partner_a):
    partner_a.organisation.refresh_from_db()
    return UserFactory(
        username="editor.a", password=PASSWORD, groups=[partner_a.organisation.editors_group]
    )


@pytest.fixture
def editor_b(partner_b):
    partner_b.organisation.refresh_from_db()
    return UserFactory(
        username="editor.b", password=PASSWORD, groups=[partner_b.organisation.editors_group]
    )
