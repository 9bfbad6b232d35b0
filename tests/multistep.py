"""What the tests of the public multi-step forms share (the idea form in tests/submissions,
"Share your work" in tests/sharing): their conftests import these fixtures."""

from django.core.cache import cache

from wagtail.models import Site

import pytest

from demo.factories import StandardPageFactory
from hub.models import HubSettings


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Attachments go to a temporary private folder, never var/private."""
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "hub.private_files.PrivateFileSystemStorage",
            "OPTIONS": {"location": location},
        },
    }
    return location


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate-limit counts live in the cache: start and end every test without any."""
    cache.clear()
    yield
    cache.clear()


def site_with_privacy_notice(home_page, **hub_settings) -> Site:
    """The default site, its privacy notice page in its settings (with ``hub_settings``)."""
    site = Site.objects.get(is_default_site=True)
    privacy = StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy-notice")
    settings = HubSettings.for_site(site)
    for name, value in {**hub_settings, "privacy_page": privacy}.items():
        setattr(settings, name, value)
    settings.save()
    return site
