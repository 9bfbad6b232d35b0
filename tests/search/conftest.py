import pytest


@pytest.fixture
def demo(home_page, django_capture_on_commit_callbacks):
    """The demo site, library and coach directory (``demo.seed.seed``), indexed for search.

    The demo ideas are left out: search never reads submissions (tests/search/test_privacy.py
    checks that with ideas of its own)."""
    from demo.seed import seed

    with django_capture_on_commit_callbacks(execute=True):
        seed(ideas=False)
    return home_page
