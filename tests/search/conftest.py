import pytest


@pytest.fixture
def demo(home_page, django_capture_on_commit_callbacks, monkeypatch):
    """The demo site, library and coach directory (``hub.demo.seed``), indexed for search.

    The demo ideas are left out: search never reads submissions (tests/search/test_privacy.py
    checks that with ideas of its own)."""
    from hub.demo import seed

    monkeypatch.setattr("submissions.demo.seed_submissions", lambda: None)
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    return home_page
