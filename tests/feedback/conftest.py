from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate limits and view counters live in the cache: none before or after a test."""
    cache.clear()
    yield
    cache.clear()
