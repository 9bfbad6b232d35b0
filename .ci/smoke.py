"""The production smoke journey: a running hub, used over HTTP as its visitors and staff use it.

Run by `.ci/production` against gunicorn started from the Procfile with production settings,
PostgreSQL, Redis, an S3-compatible server and an SMTP server. It plays the TLS-terminating
proxy in front of the web processes: a request for the public address (``HUB_BASE_URL``,
https on port 443) goes to a web process's plain-HTTP port with the public ``Host`` and
``X-Forwarded-Proto: https``, so the hub sees what it sees in production (secure cookies,
HSTS, the CSRF origin check, links made from the public address).

    python .ci/smoke.py journey --base https://hub.ci.test --connect 127.0.0.1:8001 \
        --second 127.0.0.1:8002 --maildir DIR --bucket NAME --s3 http://127.0.0.1:9000 \
        --admin USER:PASSWORD
    python .ci/smoke.py outage --base https://hub.ci.test --connect 127.0.0.1:8001 --maildir DIR
    python .ci/smoke.py after-restart --base https://hub.ci.test --connect 127.0.0.1:8001 \
        --maildir DIR

Each step prints one line; the first failure stops the run with a non-zero exit.
"""

import argparse
import mailbox
import os
import re
import sys
import time
import uuid
from collections import defaultdict
from email.header import decode_header, make_header
from urllib.parse import urljoin, urlsplit, urlunsplit

import boto3
import requests
from bs4 import BeautifulSoup

LANGUAGES = ("en", "pl", "ur")
TIMEOUT = 30


class SmokeFailure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise SmokeFailure(message)


def step(message):
    print(f"  ok  {message}", flush=True)


class Visitor:
    """One browser: its own cookies, talking to the hub through the pretend proxy."""

    def __init__(self, base, connect):
        self.base = base.rstrip("/")
        parts = urlsplit(self.base)
        check(parts.scheme == "https", "--base is the public https address (HUB_BASE_URL)")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.connect = connect
        self.session = requests.Session()
        # What the proxy adds to every request it passes on.
        self.session.headers["Host"] = parts.netloc
        self.session.headers["X-Forwarded-Proto"] = "https"
        self.session.headers["User-Agent"] = "hub-ci-smoke"

    def wire(self, url):
        """A public https address as the proxy passes it on: plain http to a web process."""
        url = urljoin(self.base + "/", url)
        parts = urlsplit(url)
        check(
            f"{parts.scheme}://{parts.netloc}" == self.origin,
            f"{url} is not on the hub's public address {self.origin}",
        )
        return urlunsplit(("http", self.connect, *parts[2:]))

    def _send(self, method, url, **kwargs):
        response = self.session.request(
            method, self.wire(url), timeout=TIMEOUT, allow_redirects=False, **kwargs
        )
        # The hub marks its cookies Secure (it is served over https); the proxy's browser
        # would send them back, so this client does too over the plain hop behind the proxy.
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def get(self, url, *, status=200, **kwargs):
        response = self._send("GET", url, **kwargs)
        # Follow redirects ourselves, so every hop is checked to stay on the public address.
        hops = 0
        while response.is_redirect and status != response.status_code and hops < 5:
            response = self._send("GET", response.headers["Location"])
            hops += 1
        statuses = status if isinstance(status, tuple) else (status,)
        check(
            response.status_code in statuses,
            f"GET {url}: {response.status_code}, expected {status}\n{response.text[:500]}",
        )
        return response

    def post(self, url, data, *, files=None, status=302, referer=None):
        headers = {"Origin": self.origin, "Referer": referer or urljoin(self.base + "/", url)}
        response = self._send("POST", url, data=data, files=files, headers=headers)
        statuses = status if isinstance(status, tuple) else (status,)
        check(
            response.status_code in statuses,
            f"POST {url}: {response.status_code}, expected {status}\n"
            f"{_errors(response.text) or response.text[:800]}",
        )
        return response


def _errors(html):
    soup = BeautifulSoup(html, "html.parser")
    return " | ".join(
        e.get_text(" ", strip=True) for e in soup.select(".nhsuk-error-message, .errorlist")
    )


def form_fields(html, form_selector="form[method=post]"):
    """The page's main form (the one that posts back to the page itself, else the last) and
    its fields as a browser would send them before anyone types: hidden values, text as
    given, checked boxes, the selected option."""
    soup = BeautifulSoup(html, "html.parser")
    forms = [f for f in soup.select(form_selector) if f.find(["input", "textarea", "select"])]
    check(forms, f"no form matching {form_selector}")
    own = [f for f in forms if not f.get("action") or f.get("action", "").startswith("?")]
    form = (own or forms)[-1]
    data = defaultdict(list)
    options = defaultdict(list)
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name:
            continue
        kind = (field.get("type") or "").lower()
        if field.name == "select":
            values = [o.get("value", o.get_text()) for o in field.find_all("option")]
            options[name] += [v for v in values if v]
            chosen = [o.get("value", "") for o in field.find_all("option", selected=True)]
            if chosen:
                data[name] += chosen
        elif kind in ("checkbox", "radio"):
            options[name].append(field.get("value", "on"))
            if field.has_attr("checked"):
                data[name].append(field.get("value", "on"))
        elif kind in ("submit", "button", "file", "image", "reset"):
            continue
        elif field.name == "textarea":
            data[name].append(field.get_text())
        else:
            data[name].append(field.get("value", ""))
    return form.get("action") or "", dict(data), dict(options)


# The idea, step by step: what a member of staff would type. Choice fields name their
# value; fields that point at database rows ("first") take the first offered option.
IDEA = {
    "about-you": {
        "submitter_name": "Casey Smoke",
        "submitter_role": "Ward sister",
        "submitter_type": "staff",
        "organisation": "first",
    },
    "your-idea": {
        "title": "Fewer falls on ward 7 at night",
        "problem": "Falls at night have doubled this year on our older people's ward.",
        "who_affected": "Older patients on ward 7 and their families.",
    },
    "aim": {"aim": "Reduce falls at night by 30% by March."},
    "measures": {"outcome_measures": "Falls per 1,000 bed days"},
    "changes": {"change_ideas": "Intentional rounding", "first_test": "One night shift"},
    "scope": {"proposed_route": "single_provider", "priorities": "first"},
    "populations": {"core20": "not_sure"},
    "involvement": {"involvement": "planned"},
    "support": {"support_wanted": "coaching"},
    "consent": {"privacy_consent": "on"},
}

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def submit_idea(visitor, email, *, language="en", attachment=False):
    """Walk every step of the idea form, check answers, submit; return the confirmation page."""
    prefix = "" if language == "en" else f"/{language}"
    start = visitor.get(f"{prefix}/submit-an-idea/")
    soup = BeautifulSoup(start.text, "html.parser")
    first = soup.select_one("a.nhsuk-button[href*='about-you']") or soup.select_one(
        "a[href$='/about-you/']"
    )
    check(first is not None, "the idea form's start page links to its first step")
    url = first["href"]
    for slug, answers in IDEA.items():
        check(f"/{slug}/" in url, f"expected step {slug}, got {url}")
        page = visitor.get(url)
        action, data, options = form_fields(page.text)
        data.pop("website", None)  # the honeypot stays empty, as a person leaves it
        for name, value in {
            **answers,
            **({"submitter_email": email} if slug == "about-you" else {}),
        }.items():
            if value == "first":
                choices = [v for v in options.get(name, []) if v]
                check(choices, f"{slug}: no options offered for {name}")
                value = choices[0]
            data[name] = [value]
        data.pop("action", None)
        files = None
        if slug == "support" and attachment:
            files = {"attachments": ("baseline-falls.pdf", PDF, "application/pdf")}
            upload = visitor.post(
                action or url, {**data, "action": "upload"}, files=files, status=302, referer=url
            )
            page = visitor.get(upload.headers["Location"])
            check("baseline-falls.pdf" in page.text, "the uploaded file is listed on the step")
            action, data, _ = form_fields(page.text)
            data.pop("website", None)
            data.pop("action", None)
            for name, value in answers.items():
                data[name] = [value]
        response = visitor.post(action or url, data, status=302, referer=url)
        url = response.headers["Location"]
    check(url.rstrip("/").endswith("/check") or "/check/" in url, f"ended at {url}, not check")
    page = visitor.get(url)
    action, data, _ = form_fields(page.text)
    data.pop("website", None)
    done = visitor.post(action or url, data, status=302, referer=url)
    confirmation = visitor.get(done.headers["Location"])
    reference = re.search(r"\bQI-[0-9A-Z]{4}-[0-9A-Z]{2}\b", confirmation.text)
    check(reference, "the confirmation page shows the idea's reference")
    return reference.group(0), confirmation


def wait_for_email(maildir, to, *, after=0.0, subject_contains=None, timeout=90):
    """The first message to ``to`` that reached the SMTP server after ``after`` (a time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = messages_to(maildir, to, after=after, subject_contains=subject_contains)
        if found:
            return found
        time.sleep(1)
    raise SmokeFailure(f"no email to {to} reached the SMTP server within {timeout} s")


def messages_to(maildir, to, *, after=0.0, subject_contains=None):
    found = []
    if not os.path.isdir(os.path.join(maildir, "cur")):
        return found  # nothing has arrived yet: the SMTP server makes the Maildir
    box = mailbox.Maildir(maildir, create=False)
    for key in box.iterkeys():
        message = box.get_message(key)
        if message.get_date() < after:
            continue
        if to not in (message.get("To") or ""):
            continue
        subject = str(make_header(decode_header(message.get("Subject", ""))))
        if subject_contains and subject_contains not in subject:
            continue
        found.append(message)
    return found


def body_of(message):
    parts = message.walk() if message.is_multipart() else [message]
    for part in parts:
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    return ""


def links_in(text):
    return re.findall(r"https?://[^\s<>\"')]+", text)


# The journey ----------------------------------------------------------------------------


def health(visitor):
    response = visitor.get("/health/")
    report = response.json()
    check(report.get("status") == "ok", f"/health/ is not ok: {report}")
    return report


def crawl_pages(visitor):
    """Every live page the API lists, in every language, answers 200 at its public address."""
    pages, offset = [], 0
    while True:
        # locale= empty: every language (the list is in the request's language by default).
        listing = visitor.get(f"/api/v3/pages/?limit=50&offset={offset}&locale=").json()
        pages += listing["items"]
        offset += 50
        if offset >= listing["count"]:
            break
    by_locale = defaultdict(set)
    for item in pages:
        meta = item["meta"]
        check(
            meta["html_url"].startswith(visitor.origin + "/"),
            f"html_url {meta['html_url']} is not on {visitor.origin}",
        )
        check(
            meta["detail_url"].startswith(visitor.origin + "/"),
            f"detail_url {meta['detail_url']} is not on {visitor.origin}",
        )
        page = visitor.get(meta["html_url"])
        check("<html" in page.text and "</html>" in page.text, f"{meta['html_url']} is not a page")
        by_locale[meta["locale"]].add(meta["type"])
    for language in LANGUAGES:
        check(by_locale.get(language), f"no live {language} pages listed")
    step(
        f"{len(pages)} pages 200 at their public address: "
        + "; ".join(f"{lang} {len(types)} types" for lang, types in sorted(by_locale.items()))
    )
    return by_locale


def views_in_every_language(visitor):
    for language in LANGUAGES:
        prefix = "" if language == "en" else f"/{language}"
        for path in ("/", "/search/?q=falls", "/coaches/", "/submit-an-idea/"):
            page = visitor.get(prefix + path)
            check(f'lang="{language}"' in page.text, f"{prefix + path} is not in {language}")
    step("home, search, coaches and the idea form 200 in en, pl and ur")
    sitemap = visitor.get("/sitemap.xml").text
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    check(locations, "the sitemap lists pages")
    stray = [url for url in locations if not url.startswith(visitor.origin + "/")]
    check(not stray, f"sitemap addresses off the public address: {stray[:3]}")
    visitor.get("/robots.txt")
    step(f"sitemap.xml ({len(locations)} addresses, all on {visitor.origin}) and robots.txt")


def static_files(visitor):
    home = visitor.get("/")
    check(home.headers.get("Strict-Transport-Security"), "no HSTS header on the home page")
    soup = BeautifulSoup(home.text, "html.parser")
    sheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    check(sheets, "the home page links a stylesheet")
    for href in sheets:
        check(re.search(r"\.[0-9a-f]{12}\.css$", href), f"{href} is not a hashed static file")
        sheet = visitor.get(href)
        check("max-age=315360000" in sheet.headers.get("Cache-Control", ""), f"{href} not cached")
    step(f"hashed, cacheable static files from the manifest ({len(sheets)} stylesheets)")


def error_pages(visitor):
    missing = visitor.get(f"/no-such-page-{uuid.uuid4().hex[:8]}/", status=404)
    check("Improvement Hub" in missing.text, "the 404 page is not the hub's")
    step("404 is the hub's page")


def shared_rate_limit(first, second):
    """A limit reached through one web process holds on the other (the cache is Redis)."""
    coaches = BeautifulSoup(first.get("/coaches/").text, "html.parser")
    profiles = sorted(
        {a["href"] for a in coaches.select("a[href^='/coaches/']") if a["href"].count("/") == 3}
    )
    check(profiles, "the coach directory lists profiles")
    for profile in profiles:
        contact = first.get(profile + "contact/")
        if "<form" in contact.text and 'name="message"' in contact.text:
            break
    else:
        raise SmokeFailure("no coach accepts contact requests")
    url = profile + "contact/"
    limit = int(ARGS.contact_limit)
    for _ in range(limit):
        _, data, _ = form_fields(first.get(url).text)
        first.post(url, {**data, "message": ""}, status=200, referer=url)
    # The same visitor's address, now through the other web process.
    _, data, _ = form_fields(second.get(url).text)
    refused = second.post(url, {**data, "message": ""}, status=429, referer=url)
    check(refused.status_code == 429, "the second web process did not see the limit")
    step(f"rate limit shared: {limit} posts through one process, the next refused by the other")


def admin_login(visitor, credentials):
    username, password = credentials.split(":", 1)
    page = visitor.get("/admin/login/")
    action, data, _ = form_fields(page.text)
    data.update(username=[username], password=[password])
    response = visitor.post(action or "/admin/login/", data, status=302, referer="/admin/login/")
    check(urlsplit(response.headers["Location"]).path == "/admin/", "login did not lead home")
    dashboard = visitor.get("/admin/")
    check('name="password"' not in dashboard.text, "the admin asked to sign in again")
    inbox = visitor.get("/admin/huddle/")
    check("QI-" in inbox.text, "the huddle inbox lists no ideas")
    step(f"admin login as {username}: the dashboard and the huddle's inbox")


def page_cache_across_processes(credentials):
    """The page cache is shared by the web processes (Redis), and an edit made through one
    reaches a visitor of the other at once: no stale page."""
    first, second = Visitor(ARGS.base, ARGS.connect), Visitor(ARGS.base, ARGS.second)
    first.get("/")
    check(first.get("/").headers.get("X-Hub-Cache") == "hit", "the home page was not cached")
    check(
        second.get("/").headers.get("X-Hub-Cache") == "hit",
        "the second web process did not find the page the first one cached",
    )
    editor = Visitor(ARGS.base, ARGS.connect)
    admin_login(editor, credentials)
    listing = editor.get("/admin/snippets/hub/priority/").text
    edits = re.findall(r'href="(/admin/snippets/hub/priority/edit/\d+/)"', listing)
    check(edits, "no system priority to edit")
    page = editor.get(edits[0]).text
    # Wagtail's edit form (method="POST", upper case: not the sidebar's sign-out form).
    action, data, _ = form_fields(page, "form[data-edit-form]")
    old_name = data["name"][0]
    check(old_name in first.get("/").text, f"the home page does not show {old_name!r}")
    new_name = f"{old_name} {uuid.uuid4().hex[:6]}"
    editor.post(action or edits[0], {**data, "name": [new_name]}, status=302, referer=edits[0])
    seen = second.get("/")
    check(new_name in seen.text, "the other web process served the home page from before the edit")
    check(seen.headers.get("X-Hub-Cache") == "miss", "the edit did not invalidate the page cache")
    check(new_name in first.get("/").text, "the editing process served a stale home page")
    editor.post(action or edits[0], {**data, "name": [old_name]}, status=302, referer=edits[0])
    step(
        "page cache shared by both web processes; a priority renamed in the admin is on the "
        "home page of both at once"
    )


def attachment_in_bucket(reference):
    s3 = boto3.client(
        "s3",
        endpoint_url=ARGS.s3,
        aws_access_key_id="ci",
        aws_secret_access_key="ci",  # noqa: S106 - the local S3 server's dummy credentials
        region_name="us-east-1",
    )
    keys = [
        item["Key"]
        for item in s3.list_objects_v2(Bucket=ARGS.bucket).get("Contents", [])
        if item["Key"].startswith("private/") and item["Key"].endswith(".pdf")
    ]
    check(keys, "no attachment under private/ in the bucket")
    media = [
        item["Key"]
        for item in s3.list_objects_v2(Bucket=ARGS.bucket).get("Contents", [])
        if not item["Key"].startswith("private/")
    ]
    step(f"{reference}'s attachment stored in the bucket ({keys[-1]}); {len(media)} media files")


def journey():
    visitor = Visitor(ARGS.base, ARGS.connect)
    report = health(visitor)
    parts = report["checks"]
    check(
        all(part["status"] == "ok" for part in parts.values()),
        f"/health/ has a part down: {parts}",
    )
    step("/health/ ok: " + ", ".join(f"{name} {part['ms']} ms" for name, part in parts.items()))
    crawl_pages(visitor)
    views_in_every_language(visitor)
    static_files(visitor)
    error_pages(visitor)

    email = f"smoke-{uuid.uuid4().hex[:8]}@example.org"
    started = time.time() - 5
    reference, confirmation = submit_idea(visitor, email, attachment=True)
    step(f"idea {reference} submitted through every step, with a file")
    attachment_in_bucket(reference)
    receipt = wait_for_email(ARGS.maildir, email, after=started)
    check(len(receipt) == 1, f"{len(receipt)} receipts, expected exactly one")
    body = body_of(receipt[0])
    check(reference in body, "the receipt names the reference")
    links = links_in(body)
    check(links, "the receipt links to the idea's status page")
    for link in links:
        check(link.startswith(visitor.origin + "/"), f"receipt link {link} not on {visitor.origin}")
    status_page = Visitor(ARGS.base, ARGS.connect).get(links[0])
    check(reference in status_page.text, "the receipt's link opens the idea's status page")
    step("receipt arrived once at the SMTP server; its link opens the status page")

    shared_rate_limit(visitor, Visitor(ARGS.base, ARGS.second))
    admin_login(Visitor(ARGS.base, ARGS.connect), ARGS.admin)
    page_cache_across_processes(ARGS.admin)
    parts = health(visitor)["checks"]
    step("/health/ still ok: " + ", ".join(f"{name} {p['ms']} ms" for name, p in parts.items()))


def outage():
    """While the database is down: the branded 503 with Retry-After, and /health/ says why."""
    visitor = Visitor(ARGS.base, ARGS.connect)
    for path in ("/", "/case-studies/", "/pl/"):
        # An address the page cache cannot have: the page must be made, and cannot be.
        fresh = f"{path}?outage={uuid.uuid4().hex[:8]}"
        page = visitor.get(fresh, status=503)
        check(page.headers.get("Retry-After"), f"{fresh}: 503 without Retry-After")
        check("Improvement Hub" in page.text or "Centrum" in page.text, f"{fresh}: not branded")
        # The page cache needs no database: a page it holds is still served.
        cached = visitor.get(path, status=(200, 503))
        if cached.status_code == 200:
            check(cached.headers.get("X-Hub-Cache") == "hit", f"{path}: 200 without the cache")
    problem = visitor.get("/api/v3/pages/", status=503)
    check(problem.headers["Content-Type"].startswith("application/problem+json"), "API 503")
    report = visitor.get("/health/", status=503).json()
    check(report["checks"]["database"]["status"] == "error", f"health: {report}")
    step(
        "database down: pages 503 with Retry-After and the branded page, API problem+json, "
        "/health/ 503 naming the database"
    )


def after_restart():
    """After the database restarted under the running processes: pages and email still work."""
    visitor = Visitor(ARGS.base, ARGS.connect)
    deadline = time.monotonic() + 60
    while True:
        try:
            health(visitor)
            break
        except (SmokeFailure, requests.RequestException):
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
    step("/health/ ok after the database restart")
    email = f"smoke-after-{uuid.uuid4().hex[:8]}@example.org"
    started = time.time() - 5
    reference, _ = submit_idea(visitor, email, language="pl")
    step(f"idea {reference} submitted in Polish after the restart")
    receipt = wait_for_email(ARGS.maildir, email, after=started)
    check(len(receipt) == 1, f"{len(receipt)} receipts, expected exactly one")
    step("the worker delivered its receipt after the restart")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=["journey", "outage", "after-restart"])
    parser.add_argument("--base", required=True, help="public address (HUB_BASE_URL)")
    parser.add_argument("--connect", required=True, help="a web process's HOST:PORT")
    parser.add_argument("--second", help="another web process's HOST:PORT")
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--bucket")
    parser.add_argument("--s3")
    parser.add_argument("--admin", help="USER:PASSWORD of an admin")
    parser.add_argument("--contact-limit", default="3")
    global ARGS
    ARGS = parser.parse_args()
    started = time.monotonic()
    try:
        {"journey": journey, "outage": outage, "after-restart": after_restart}[ARGS.stage]()
    except SmokeFailure as failure:
        print(f"FAIL  {failure}", file=sys.stderr)
        return 1
    print(f"smoke {ARGS.stage}: passed in {time.monotonic() - started:.1f} s")
    return 0


ARGS = None

if __name__ == "__main__":
    sys.exit(main())
