"""The link checker, against a real HTTP server on 127.0.0.1 started by the test."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from demo.factories import CaseStudyPageFactory, StandardPageFactory
from upkeep import links
from upkeep.enums import LinkStatus
from upkeep.models import Link

pytestmark = pytest.mark.django_db

RELEASE = threading.Event()


class Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str]] = []

    def _answer(self):
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/gone":
            self.send_response(404)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/slow":
            RELEASE.wait(5)  # never answers within the checker's timeout
            return
        else:
            self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    settings.UPKEEP_LINK_CHECK_PRIVATE_HOSTS = True
    settings.UPKEEP_LINK_CHECK_HOST_INTERVAL = 0
    Handler.seen = []
    RELEASE.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    RELEASE.set()
    httpd.shutdown()
    httpd.server_close()


def paragraph(html):
    return [("paragraph", f"<p>{html}</p>")]


def page_linking(parent, base, *paths):
    anchors = " ".join(f'<a href="{base}{path}">link {path}</a>' for path in paths)
    return StandardPageFactory(parent=parent, body=paragraph(anchors))


def test_each_answer_is_recorded(server, home_page):
    page = page_linking(home_page, server, "/ok", "/gone", "/moved", "/no-head", "/slow")
    links.check_all([page], timeout=0.5)
    found = {link.url.removeprefix(server): link for link in Link.objects.filter(page=page)}
    assert found["/ok"].status == LinkStatus.OK
    assert (found["/gone"].status, found["/gone"].status_code) == (LinkStatus.BROKEN, 404)
    assert found["/moved"].status == LinkStatus.REDIRECT
    assert found["/moved"].detail == "/ok"
    assert found["/no-head"].status == LinkStatus.OK  # asked again with GET
    assert found["/slow"].status == LinkStatus.TIMEOUT
    assert found["/gone"].text == "link /gone"


def test_the_checker_says_who_it_is_and_asks_each_address_once(server, home_page):
    first = page_linking(home_page, server, "/ok")
    second = page_linking(home_page, server, "/ok")
    links.check_all([first, second])
    assert [(method, path) for method, path, _agent in Handler.seen] == [("HEAD", "/ok")]
    assert Handler.seen[0][2].startswith("ImprovementHub-LinkChecker/")
    assert Link.objects.filter(url=f"{server}/ok").count() == 2


def test_a_link_removed_from_the_page_is_forgotten(server, home_page):
    page = page_linking(home_page, server, "/gone")
    links.check_all([page])
    page.body = paragraph(f'<a href="{server}/ok">fixed</a>')
    page.save()
    links.check_all([page])
    assert list(Link.objects.filter(page=page).values_list("status", flat=True)) == ["ok"]


def test_private_addresses_are_not_requested_by_default(server, settings, home_page):
    settings.UPKEEP_LINK_CHECK_PRIVATE_HOSTS = False
    page = page_linking(home_page, server, "/ok")
    links.check_all([page])
    assert Handler.seen == []
    assert Link.objects.get(page=page).status == LinkStatus.ERROR


def test_links_to_hub_pages_are_checked_in_the_database(home_page):
    target = StandardPageFactory(parent=home_page, title="Target")
    page = StandardPageFactory(
        parent=home_page,
        body=paragraph(f'<a linktype="page" id="{target.pk}">the target</a>'),
    )
    links.check_all([page])
    assert Link.objects.get(page=page).status == LinkStatus.OK

    target.unpublish()
    links.check_all([page])
    link = Link.objects.get(page=page)
    assert link.status == LinkStatus.BROKEN
    assert link.url == f"page:{target.pk}"


def test_a_resource_address_field_is_checked(server, home_page, partner_a):
    study = CaseStudyPageFactory(parent=partner_a, problem=f'<p><a href="{server}/gone">x</a></p>')
    links.check_all([study])
    assert Link.objects.get(page=study).status == LinkStatus.BROKEN


def test_hosts_are_paced(monkeypatch):
    now = [100.0]
    slept = []
    monkeypatch.setattr(links.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(links.time, "sleep", lambda seconds: slept.append(seconds))
    pacer = links.HostPacer(1.0)
    pacer.wait("https://a.example/1")
    pacer.wait("https://b.example/1")
    now[0] += 0.25
    pacer.wait("https://a.example/2")
    assert slept == [0.75]
