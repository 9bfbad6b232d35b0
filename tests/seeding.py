"""Demo content loaded once for a whole test module or package, not once per test.

Loading the demo (``demo.seed.seed``) takes seconds; a module whose tests only read it (or
change it inside their own savepoint) shares one load:

    demo_site = seeded_demo_fixture(library=False, ideas=False)

The fixture seeds inside a transaction that is rolled back when the module is done. Each
test still runs in pytest-django's savepoint (``db``), so what one test changes is undone
before the next. Once set up, the content is there for every later test of the module, so a
module using it must not hold tests that expect an empty site.
"""

from django.db import transaction
from django.test import TestCase

import pytest


def ensure_site_root():
    """The rows the data migrations make (default Locale, root page, home page, default
    Site), recreated if a transactional test (``transaction=True``, ``live_server``) flushed
    them. Returns the default site's home page."""
    from django.conf import settings

    from wagtail.models import Locale, Page, Site

    from hub.links import site_address
    from pages.models import HomePage

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title="Improvement Hub", slug="home"))
        Site.objects.all().delete()
        # At HUB_BASE_URL's host and port, as the post_migrate sync leaves it.
        Site.objects.create(**site_address(), root_page=home, is_default_site=True)
    return home


def base_url_settings(base: str) -> dict:
    """The settings HUB_BASE_URL=``base`` makes (hub/settings/base.py derives Wagtail's two),
    for ``override_settings``; then ``hub.links.sync_default_site()``, as migrate does."""
    return {"HUB_BASE_URL": base, "WAGTAILADMIN_BASE_URL": base, "WAGTAILAPI_BASE_URL": base}


def seeded_demo_fixture(*, scope="module", **seed_kwargs):
    """A fixture that loads ``demo.seed.seed(**seed_kwargs)`` once per ``scope``."""

    @pytest.fixture(scope=scope)
    def fixture(django_db_setup, django_db_blocker):
        from demo.seed import seed

        with django_db_blocker.unblock(), transaction.atomic():
            ensure_site_root()
            # wagtail-localize publishes translations when the transaction commits.
            with TestCase.captureOnCommitCallbacks(execute=True):
                counts = seed(**seed_kwargs)
            yield counts
            transaction.set_rollback(True)

    return fixture
