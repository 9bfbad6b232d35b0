"""Browser tests: Playwright for Python driving Debian's chromium against a live server.

Everything under tests/browser is marked ``browser``. Without a chromium binary the tests
skip, except in CI (``CI`` set), where a missing browser is an error: browser tests must
never silently skip there.
"""

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.seeding import base_url_settings, ensure_site_root

# Playwright's sync API runs an event loop in the test thread; Django's ORM would otherwise
# refuse to run there ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_DIR = Path(__file__).resolve().parent
SCREENSHOT_DIR = BROWSER_DIR.parents[1] / "var" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def find_chromium() -> str | None:
    """Debian's chromium, or the binary named by CHROMIUM_PATH."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return shutil.which(configured)
    return shutil.which("chromium")


def pytest_itemcollected(item):
    # Marked as each item is collected, so every plugin's collection hooks see the marks.
    if BROWSER_DIR in Path(str(item.path)).parents:
        item.add_marker(pytest.mark.browser)
        # So pytest-django creates the test database even when only browser tests run, and
        # orders them with the transactional tests, after the others: they leave the
        # database flushed, as transactional tests do. _django_db_marker below keeps
        # pytest-django from starting a transaction or a flush around each of them.
        item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def _django_db_marker():
    """Browser tests use the database outside pytest-django's per-test transaction or
    flush (see ``demo_server``): this replaces pytest-django's fixture that would start
    them for the ``django_db`` mark, in this folder only."""


@pytest.fixture(scope="session", autouse=True)
def chromium_executable() -> str:
    """The chromium binary; skips the browser tests without one (fails them in CI)."""
    path = find_chromium()
    if path is None:
        wanted = os.environ.get("CHROMIUM_PATH") or "chromium"
        reason = (
            f"no chromium binary found ({wanted!r} is not an executable on PATH); install "
            "Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and browser tests must run, but {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_executable):
    """Launch Debian's chromium (never a Playwright-downloaded browser)."""
    return {
        "headless": True,
        **browser_type_launch_args,  # --headed still wins when asked for
        "executable_path": chromium_executable,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="package")
def demo_server(request, django_db_setup, django_db_blocker):
    """A live server over the whole demo (``demo.seed.seed``), shared by the browser tests.

    The demo is seeded once, not once per test: seeding takes far longer than most browser
    tests. The browser reads through the server's own thread, which sees only committed
    rows, so the demo is committed, and the database flushed when the browser tests are
    done (as pytest-django's ``transactional_db`` does after each test), leaving the next
    tests on this worker the empty database they expect. The tests share what they change:
    each works on rows of its own (its own idea, its own contact request) or on demo rows
    no other browser test relies on.
    """
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections
    from django.test import override_settings

    from wagtail.models import Site

    from pytest_django.live_server_helper import LiveServer

    from demo.seed import seed
    from hub.links import sync_default_site

    with django_db_blocker.unblock():
        ensure_site_root()
        seed(library=True)
    server = LiveServer(
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server._live_server_modified_settings.enable()
    # The hub's links (the emailed "continue later" link a test follows) name the address
    # it is served at, as HUB_BASE_URL does in production.
    # The page cache on, as in production: every journey also checks that what a test
    # changes is on the next page a visitor opens.
    public_address = override_settings(**base_url_settings(server.url), HUB_PAGE_CACHE=True)
    public_address.enable()
    cache.clear()
    with django_db_blocker.unblock():
        sync_default_site()
    try:
        yield server
    finally:
        public_address.disable()
        server._live_server_modified_settings.disable()
        server.stop()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            Site.clear_site_root_paths_cache()
            # Under Playwright's event loop the ORM may have opened a connection of its own
            # for this context: close it, or PostgreSQL refuses to drop the test database.
            connections.close_all()


@pytest.fixture(autouse=True)
def _database_outside_transactions(django_db_blocker):
    """Browser tests read and change the committed demo directly, outside pytest-django's
    per-test transaction (which the server's thread could not see into). Rate limits
    start from zero for each test."""
    from django.core.cache import cache

    cache.clear()
    with django_db_blocker.unblock():
        yield


@dataclass
class CSPViolations:
    """Every Content-Security-Policy violation any page of the test reported."""

    found: list[str] = field(default_factory=list)

    def watch(self, context) -> None:
        # The browser's own console report (logged whether or not the page runs scripts)...
        context.on("console", self._console)
        # ...and the DOM event, for what a page's scripts were refused.
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', (e) => console.error("
            "'CSP violation: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline')"
            " + ' at ' + e.documentURI + ':' + e.lineNumber));"
        )

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation"):
            self.found.append(text)
        elif "Permissions-Policy" in text or "Permissions policy" in text:
            self.found.append(text)  # an unknown or malformed feature in our header


@pytest.fixture(autouse=True)
def fail_on_csp_violations(request):
    """Every browser test fails if any page it opened broke the Content-Security-Policy (or
    complained about the Permissions-Policy header): each new browser context, the
    pytest-playwright ``page`` fixture's or one a test makes itself, is watched."""
    if "browser" not in request.fixturenames and "page" not in request.fixturenames:
        yield None
        return
    browser = request.getfixturevalue("browser")
    violations = CSPViolations()
    original = browser.new_context

    def new_context(*args, **kwargs):
        context = original(*args, **kwargs)
        violations.watch(context)
        return context

    browser.new_context = new_context
    try:
        yield violations
    finally:
        browser.new_context = original
    assert not violations.found, "Content-Security-Policy violations:\n" + "\n".join(
        violations.found
    )


@dataclass
class RequestLog:
    """Every request a page makes, so a test can assert none of them left the site."""

    allowed_netloc: str
    urls: list[str] = field(default_factory=list)

    def record(self, request) -> None:
        self.urls.append(request.url)

    def external(self) -> list[str]:
        return [
            url
            for url in self.urls
            if not url.startswith(("data:", "blob:", "about:"))
            and urlsplit(url).netloc != self.allowed_netloc
        ]

    def assert_all_local(self) -> None:
        assert self.urls, "no requests were recorded"
        outside = self.external()
        assert not outside, f"{len(outside)} request(s) left {self.allowed_netloc}:\n" + "\n".join(
            outside
        )


@pytest.fixture
def record_requests(demo_server):
    """``record_requests(page)`` starts logging ``page``'s requests; returns the log."""

    def start(page) -> RequestLog:
        log = RequestLog(allowed_netloc=urlsplit(demo_server.url).netloc)
        page.on("request", log.record)
        return log

    return start


@pytest.fixture
def save_screenshot(request):
    """``save_screenshot(page, suffix="")`` writes var/screenshots/<test name>[-suffix].png."""

    def save(page, suffix: str = "") -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
        if suffix:
            name = f"{name}-{suffix}"
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
