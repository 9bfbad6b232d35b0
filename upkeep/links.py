"""The link checker: every link in live content, checked on a schedule (``check_links``),
never on a visitor's request. Results are stored (:class:`~upkeep.models.Link`) and shown on
the content health report and in the editor's content health panel.

- Links to pages of the hub (rich text page links) are checked in the database: the page
  must exist and be live.
- Links elsewhere are asked for with ``HEAD`` (``GET`` where a server refuses ``HEAD``),
  redirects not followed but recorded, a timeout, a user agent that says who is asking and
  where to find out more, and at most one request per host every
  ``UPKEEP_LINK_CHECK_HOST_INTERVAL`` seconds. Each address is asked once per run however
  many pages link to it.
- Addresses on private, loopback or link-local networks are never requested (an editor's
  link must not make the server probe its own network), unless
  ``UPKEEP_LINK_CHECK_PRIVATE_HOSTS`` allows it (the tests' local server).
"""

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import URLField
from django.utils import timezone

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .checks import content_html
from .enums import LinkStatus
from .models import Link

TIMEOUT = 10  # seconds
INTERNAL_PREFIX = "page:"


def user_agent() -> str:
    return f"ImprovementHub-LinkChecker/1.0 (+{settings.HUB_BASE_URL})"


@dataclass(frozen=True)
class Found:
    url: str
    text: str = ""


@dataclass(frozen=True)
class Result:
    status: str
    status_code: int | None = None
    detail: str = ""


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[dict, str]] = []
        self._open: tuple[dict, list] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = (dict(attrs), [])

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            attrs, text = self._open
            self.found.append((attrs, " ".join("".join(text).split())[:300]))
            self._open = None


def _anchors(html: str) -> list[tuple[dict, str]]:
    parser = _Anchors()
    parser.feed(html)
    parser.close()
    return parser.found


def _raw_strings(value) -> Iterable[str]:
    if isinstance(value, str):
        if "<a" in value:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _raw_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _raw_strings(item)


def links_in(page) -> list[Found]:
    """The links of ``page`` (specific): external addresses as written, hub pages as
    ``page:<id>``."""
    found: dict[str, Found] = {}
    for model_field in page._meta.get_fields():
        raw = []
        if isinstance(model_field, RichTextField):
            raw = [getattr(page, model_field.name) or ""]
        elif isinstance(model_field, StreamField):
            raw = list(_raw_strings(getattr(page, model_field.name).get_prep_value()))
        for html in raw:
            for attrs, text in _anchors(html):
                if attrs.get("linktype") == "page" and attrs.get("id", "").isdigit():
                    url = f"{INTERNAL_PREFIX}{attrs['id']}"
                    found.setdefault(url, Found(url, text))
    for model_field in page._meta.concrete_fields:  # a resource's link, a booking address
        if isinstance(model_field, URLField) and getattr(page, model_field.name):
            url = getattr(page, model_field.name)[:2000]
            found.setdefault(url, Found(url, str(model_field.verbose_name)))
    for attrs, text in _anchors(content_html(page)):
        href = (attrs.get("href") or "").strip()
        if urlsplit(href).scheme in ("http", "https"):
            found.setdefault(href[:2000], Found(href[:2000], text))
    return list(found.values())


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # recorded, not followed


_opener = urllib.request.build_opener(_NoRedirects)


def _is_private(host: str) -> bool:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return False  # an unknown host fails on its own when asked
    return any(
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
        for ip in (ipaddress.ip_address(address.split("%")[0]) for address in addresses)
    )


def check_external(url: str, *, timeout: float = TIMEOUT) -> Result:
    host = urlsplit(url).hostname or ""
    if not getattr(settings, "UPKEEP_LINK_CHECK_PRIVATE_HOSTS", False) and _is_private(host):
        return Result(LinkStatus.ERROR, detail="private address: not checked")
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(  # noqa: S310 (http and https only: links_in)
            url, method=method, headers={"User-Agent": user_agent()}
        )
        try:
            with _opener.open(request, timeout=timeout) as response:
                return Result(LinkStatus.OK, response.status)
        except urllib.error.HTTPError as error:
            if error.code in (405, 501) and method == "HEAD":
                continue  # this server does not answer HEAD: ask with GET
            if 300 <= error.code < 400:
                return Result(
                    LinkStatus.REDIRECT, error.code, (error.headers.get("Location") or "")[:300]
                )
            return Result(LinkStatus.BROKEN, error.code, str(error.reason)[:300])
        except TimeoutError:
            return Result(LinkStatus.TIMEOUT, detail=f"no answer in {timeout:g} s")
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError | socket.timeout):
                return Result(LinkStatus.TIMEOUT, detail=f"no answer in {timeout:g} s")
            return Result(LinkStatus.ERROR, detail=str(error.reason)[:300])
        except (OSError, ValueError) as error:
            return Result(LinkStatus.ERROR, detail=str(error)[:300])
    return Result(LinkStatus.BROKEN, 405, "refused HEAD and GET")


def check_internal(url: str, live_ids: set[int]) -> Result:
    page_id = int(url.removeprefix(INTERNAL_PREFIX))
    if page_id in live_ids:
        return Result(LinkStatus.OK)
    return Result(LinkStatus.BROKEN, detail="the page was deleted or unpublished")


class HostPacer:
    """At most one request per host every ``interval`` seconds."""

    def __init__(self, interval: float):
        self.interval = interval
        self.last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        if host in self.last:
            pause = self.last[host] + self.interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self.last[host] = time.monotonic()


def pages_to_check():
    return Page.objects.live().specific()


def check_all(pages=None, *, timeout: float = TIMEOUT) -> dict[str, int]:
    """Find the links of every live page, check each address once, store what was found.
    Returns how many links ended in each status."""
    pages = list(pages if pages is not None else pages_to_check())
    found = {page.pk: links_in(page) for page in pages}
    live_ids = set(Page.objects.live().values_list("pk", flat=True))
    pacer = HostPacer(getattr(settings, "UPKEEP_LINK_CHECK_HOST_INTERVAL", 1.0))
    results: dict[str, Result] = {}
    for url in sorted({link.url for links in found.values() for link in links}):
        if url.startswith(INTERNAL_PREFIX):
            results[url] = check_internal(url, live_ids)
        else:
            pacer.wait(url)
            results[url] = check_external(url, timeout=timeout)
    now = timezone.now()
    counts: dict[str, int] = {}
    with transaction.atomic():
        for page_id, links in found.items():
            Link.objects.filter(page_id=page_id).exclude(
                url__in=[link.url for link in links]
            ).delete()
            for link in links:
                result = results[link.url]
                Link.objects.update_or_create(
                    page_id=page_id,
                    url=link.url,
                    defaults={
                        "text": link.text,
                        "status": result.status,
                        "status_code": result.status_code,
                        "detail": result.detail,
                        "checked_at": now,
                    },
                )
                counts[result.status] = counts.get(result.status, 0) + 1
    return counts
