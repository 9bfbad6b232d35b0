from django.core.cache import cache

import pytest

from demo.factories import CaseStudyIndexPageFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def case_studies(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run what a commit runs (the outbox's sending), as a real request would."""

    def deliver(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return deliver
