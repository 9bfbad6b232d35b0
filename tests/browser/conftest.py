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

from tests.seeding import ensure_site_root

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


def pytest_collection_modifyitems(config, items):
    # Hooks in a conftest see the whole session's items: mark only the ones in this folder.
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


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


def _seed_live_database(request, library):
    """``live_server`` makes the database transactional, so the rows the data migrations
    created (default Locale, root and home page, Site) are flushed between tests: recreate
    them, in that order, before seeding."""
    from hub.demo import seed

    ensure_site_root()
    seed(library=library)


@pytest.fixture
def demo_server(live_server, request):
    """A live server with all the demo content, the library included (``hub.demo.seed``)."""
    _seed_live_database(request, library=True)
    return live_server


@pytest.fixture
def site_server(live_server, request):
    """A live server with the site's frame only: organisations, partner sections, about
    pages, users and the Polish home page, without the library (faster to seed)."""
    _seed_live_database(request, library=False)
    return live_server


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
def record_requests(live_server):
    """``record_requests(page)`` starts logging ``page``'s requests; returns the log."""

    def start(page) -> RequestLog:
        log = RequestLog(allowed_netloc=urlsplit(live_server.url).netloc)
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
