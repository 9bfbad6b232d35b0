"""The test suite's own shared fixtures survive what transactional tests do to the database.

A ``transaction=True`` or ``live_server`` test ends with a flush, which empties the rows the
data migrations made (default Locale, root and home page, Site). Tests that pytest-django
orders after it (tests without ``db`` run last) once found no home page (CI, SQLite pass).
"""

from django.core.management import call_command
from django.test import Client

from wagtail.models import Site

import pytest

from pages.models import HomePage
from tests.seeding import ensure_site_root


@pytest.mark.django_db(transaction=True)
def test_the_site_root_is_recreated_after_a_flush():
    call_command("flush", "--noinput", verbosity=0)
    assert not HomePage.objects.exists()

    home = ensure_site_root()

    assert Site.objects.get(is_default_site=True).root_page.specific == home
    assert ensure_site_root() == home, "a second call changes nothing"
    assert Client().get("/").status_code == 200
