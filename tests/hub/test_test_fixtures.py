"""The test suite's own shared fixtures survive what transactional tests do to the database.

A ``transaction=True`` test, and the browser tests, end with a flush, which empties the rows
the data migrations made (default Locale, root and home page, Site). Tests that ran after
one on the same worker once found no home page or locale (CI, both passes): the flush now
puts them back (``_restore_data_migration_rows`` in tests/conftest.py).
"""

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from wagtail.models import Locale, Site

import pytest

from directory.models import Skill
from hub import access
from pages.models import HomePage
from tests.seeding import ensure_site_root


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_database_as_migrations_left_it():
    call_command("flush", "--noinput", verbosity=0)

    assert Locale.objects.filter(language_code="en").exists()
    home = HomePage.objects.get(depth=2)
    assert Site.objects.get(is_default_site=True).root_page.specific == home
    assert Group.objects.filter(name=access.HUB_EDITORS).exists()
    assert Skill.objects.filter(slug="measurement-and-spc").exists()
    assert ensure_site_root() == home, "a second call changes nothing"
    assert Client().get("/").status_code == 200
