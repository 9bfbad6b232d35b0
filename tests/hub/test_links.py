"""Every absolute link the hub makes is on HUB_BASE_URL (hub/links.py).

The hub runs here at a distinctive address, ``https://hub.example.test``, while the test
client talks to it as ``testserver``: a link built from the request's host, from Wagtail's
seeded Site (``localhost``) or from a default setting shows up as a stray host. The bug this
guards against: a decision email linked to ``http://localhost/``, the huddle notice to
``http://127.0.0.1:8000`` and the receipt to the request's host, so a submitter whose idea
was declined could not open the private status page the email sent them to.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site

import pytest

from demo.factories import (
    CoachProfileFactory,
    OrganisationFactory,
    PriorityFactory,
    StandardPageFactory,
    UserFactory,
)
from hub import access, links
from hub.models import HubSettings
from submissions.enums import Status
from submissions.huddle import actions as huddle_actions
from submissions.huddle import digest
from submissions.models import IdeaSubmission
from submissions.portal.steps import STEPS
from tests.conftest import PASSWORD
from tests.seeding import base_url_settings
from tests.submissions.conftest import HUDDLE_EMAIL, valid_answers

pytestmark = pytest.mark.django_db

BASE = "https://hub.example.test"
ABSOLUTE = re.compile(r"https?://[^\s\"'<>]+")


def origin(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port or {"http": 80, "https": 443}[parts.scheme]


def assert_on_base(*texts: str, base: str = BASE) -> list[str]:
    """Every absolute http(s) link in ``texts`` is on ``base``; returns the links."""
    found = [link for text in texts for link in ABSOLUTE.findall(text)]
    assert found, "expected at least one absolute link"
    stray = [link for link in found if origin(link) != origin(base)]
    assert not stray, f"links not on {base}: {stray}"
    return found


def bodies(message) -> list[str]:
    return [message.body, *(content for content, _mimetype in message.alternatives)]


def first_link(message, part: str) -> str:
    """The first absolute link in ``message`` containing ``part``, once all are on BASE."""
    return next(link for link in assert_on_base(*bodies(message)) if part in link)


def path_of(link: str) -> str:
    """What the test client requests for a link (it is ``testserver``, not the hub's host)."""
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def use_base_url(settings, base: str) -> None:
    """What setting HUB_BASE_URL and running migrate do."""
    for name, value in base_url_settings(base).items():
        setattr(settings, name, value)
    links.sync_default_site()


@pytest.fixture
def public_address(settings, home_page):
    use_base_url(settings, BASE)
    yield BASE
    # The Site row rolls back with the test; Wagtail's cache of root URLs does not.
    Site.clear_site_root_paths_cache()


@pytest.fixture
def hub(public_address, home_page):
    site = Site.objects.get(is_default_site=True)
    hub_settings = HubSettings.for_site(site)
    hub_settings.huddle_contact_email = HUDDLE_EMAIL
    hub_settings.privacy_page = StandardPageFactory(parent=home_page, slug="privacy-notice")
    hub_settings.save()
    return site


@pytest.fixture
def members(groups):
    huddle_members = groups[access.HUDDLE_MEMBERS]
    return [
        UserFactory(username=name, email=f"{name}@example.org", groups=[huddle_members])
        for name in ("huddle.one", "huddle.two")
    ]


# The one function and the Site record ------------------------------------------------------


def test_absolute_url_puts_a_path_on_the_setting(settings):
    settings.HUB_BASE_URL = BASE
    assert links.absolute_url("/submit-an-idea/") == f"{BASE}/submit-an-idea/"
    assert links.absolute_url("/pl/?q=a") == f"{BASE}/pl/?q=a"
    # Already absolute (a signed file URL on object storage): left alone.
    assert links.absolute_url("https://bucket.example/f.pdf") == "https://bucket.example/f.pdf"
    with pytest.raises(ValueError, match="starting with '/'"):
        links.absolute_url("submit-an-idea/")


@pytest.mark.parametrize(
    ("base", "hostname", "port"),
    [
        ("https://hub.example.test", "hub.example.test", 443),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000),
        ("http://hub.example.test", "hub.example.test", 80),
        ("http://[::1]:8000", "[::1]", 8000),
    ],
)
def test_the_default_site_follows_the_setting(settings, home_page, base, hostname, port):
    use_base_url(settings, base)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == (hostname, port)
    # Wagtail's page addresses (sitemap, API html_url) start with the setting, scheme and all.
    assert site.root_url == base
    assert home_page.get_full_url() == f"{base}/"
    Site.clear_site_root_paths_cache()


def test_the_test_database_site_is_the_test_settings_address(settings, home_page):
    """Migrate (post_migrate) and tests.seeding.ensure_site_root leave the Site here."""
    assert settings.HUB_BASE_URL == "http://testserver"
    assert Site.objects.get(is_default_site=True).root_url == "http://testserver"


def test_migrate_points_the_site_at_the_setting(settings, home_page):
    settings.HUB_BASE_URL = BASE
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("hub.example.test", 443)
    Site.clear_site_root_paths_cache()


def test_demo_logins_prints_the_setting(settings, capsys):
    settings.HUB_BASE_URL = BASE
    call_command("demo_logins")
    assert f"{BASE}/admin/" in capsys.readouterr().out


# Emails --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "pl", "ur"])
def test_every_email_of_an_ideas_journey_links_to_the_public_address(
    client, hub, members, language, django_capture_on_commit_callbacks
):
    """Save and continue later, submit, huddle notice, more information requested, a message,
    the submitter's reply, a note with a mention, the decision, the weekly digest."""
    sending = django_capture_on_commit_callbacks
    member, other_member = members
    answers = valid_answers(OrganisationFactory(), PriorityFactory())

    def url(name, *args):
        with translation.override(language):
            return reverse(name, args=args)

    # Part of the form, then "save and come back later".
    first, *rest = STEPS
    assert client.post(url(first.url_name), answers[first.slug]).status_code == 302
    second = rest.pop(0)
    client.post(url(second.url_name), {**answers[second.slug], "action": "save"})
    with sending(execute=True):
        assert client.post(url("submissions:save"), {"email": "jo@example.org"}).status_code == 200
    continue_link = first_link(mail.outbox[-1], "/continue/")

    # Another device follows the emailed link and finishes.
    device = Client()
    assert device.get(path_of(continue_link)).status_code == 302
    for step in [second, *rest]:
        assert device.post(url(step.url_name), answers[step.slug]).status_code == 302
    with sending(execute=True):
        assert device.post(url("submissions:check")).status_code == 302
    idea = IdeaSubmission.objects.get()
    assert idea.language == language

    # The huddle works on it.
    with sending(execute=True):
        huddle_actions.change_status(idea, Status.IN_TRIAGE, user=member)
        huddle_actions.change_status(idea, Status.MORE_INFO_REQUESTED, user=member)
        huddle_actions.send_message(idea, user=member, body="How many falls last month?")
    reply_link = first_link(mail.outbox[-2], "/status/")  # "more information requested"
    with sending(execute=True):
        response = device.post(path_of(reply_link) + "reply/", {"body": "Twelve."})
    assert response.status_code == 302
    with sending(execute=True):
        huddle_actions.add_note(idea, user=member, body="@huddle.two can you look?")
        huddle_actions.change_status(idea, Status.DECLINED, user=member, reason="Already done.")
    decision = mail.outbox[-1]
    assert decision.to == ["jo@example.org"]

    # The decision's link opens the private status page, which shows the decision.
    status_page = Client().get(path_of(first_link(decision, "/status/")))
    assert status_page.status_code == 200
    assert "Already done." in status_page.content.decode()

    with sending(execute=True):
        digest.send_digests(now=timezone.now() + timedelta(days=7))

    to_submitter = [m for m in mail.outbox if m.to == ["jo@example.org"]]
    to_huddle = [m for m in mail.outbox if m.to == [HUDDLE_EMAIL]]
    to_members = [m for m in mail.outbox if m.to[0] in (member.email, other_member.email)]
    # continue later, receipt, more information, message, decision, the survey about the
    # decision; new, reply; mention, digests
    assert (len(to_submitter), len(to_huddle)) == (6, 2)
    assert {"mentioned you" in m.subject for m in to_members} == {True, False}
    assert len(mail.outbox) == len(to_submitter) + len(to_huddle) + len(to_members)
    for message in mail.outbox:
        found = assert_on_base(*bodies(message))
        if message in to_submitter and language != "en":
            # In the submitter's language: the status and continue pages under /<language>/.
            assert all(urlsplit(link).path.startswith(f"/{language}/") for link in found)


def test_the_coach_contact_relay_links_to_the_public_address(
    client, public_address, django_capture_on_commit_callbacks
):
    coach = CoachProfileFactory(contact_email="coach@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("directory:contact", args=[coach.slug]),
            {
                "support_wanted": "coaching",
                "message": "Could you coach us?",
                "name": "Grace Mensah",
                "email": "grace@example.org",
                "organisation": "Ward 7",
            },
        )
    assert response.status_code == 302
    (relay,) = mail.outbox
    assert "/admin/" in " ".join(assert_on_base(*bodies(relay)))


def test_wagtails_own_emails_use_the_public_address(client, public_address):
    """The admin's password reset (Wagtail reads WAGTAILADMIN_BASE_URL)."""
    UserFactory(username="editor", email="editor@example.org", password=PASSWORD)
    client.post(reverse("wagtailadmin_password_reset"), {"email": "editor@example.org"})
    (reset,) = mail.outbox
    assert "/admin/password_reset/" in " ".join(assert_on_base(reset.body))


# The API, the sitemap, hreflang and robots.txt ---------------------------------------------


def _urls_in(data, keys=("detail_url", "html_url", "profile_url", "contact_url", "url")):
    """The link fields the hub and Wagtail add to API payloads (content fields such as an
    organisation's website are editors' links to other sites)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in keys and isinstance(value, str) and ABSOLUTE.match(value):
                yield value
            else:
                yield from _urls_in(value, keys)
    elif isinstance(data, list):
        for item in data:
            yield from _urls_in(item, keys)


def test_api_links_are_on_the_public_address(client, public_address, home_page):
    page = StandardPageFactory(parent=home_page, title="Falls prevention", slug="falls")
    CoachProfileFactory(display_name="Hannah Lowe", bio="Falls prevention coaching.")
    # Asked for by another name the hub answers to: the links do not follow the request.
    client.defaults["HTTP_HOST"] = "localhost"
    payloads = [
        client.get("/api/v3/pages/"),
        client.get(f"/api/v3/pages/{page.pk}/"),
        client.get("/api/v3/directory/coaches/"),
        client.get("/api/v3/search/", {"q": "falls"}),
    ]
    found = []
    for response in payloads:
        assert response.status_code == 200, response.content[:300]
        found += list(_urls_in(response.json()))
    assert_on_base(*found)
    for field in ("detail_url", "html_url", "profile_url", "contact_url"):
        assert any(field in text for text in map(str, (r.json() for r in payloads))), field
    assert f"{BASE}/falls/" in found and f"{BASE}/coaches/hannah-lowe/" in found
    assert any(link.startswith(f"{BASE}/api/v3/pages/") for link in found)


def test_an_idea_posted_to_the_api_gets_its_status_link_on_the_public_address(
    client, hub, django_capture_on_commit_callbacks
):
    idea = {
        "submitter_name": "Grace Okafor",
        "submitter_email": "grace@example.org",
        "submitter_type": "staff",
        "title": "Fewer missed insulin doses",
        "problem": "Patients on Ward 3 miss insulin doses at handover.",
        "aim": "No missed doses on Ward 3 by June.",
        "change_ideas": "A handover checklist.",
        "proposed_route": "single_provider",
        "core20": "not_sure",
        "involvement": "not_yet",
        "support_wanted": ["not_sure"],
        "privacy_consent": True,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v3/submissions/", idea, content_type="application/json")
    assert response.status_code == 201, response.content
    status_url = response.json()["status_url"]
    assert status_url.startswith(f"{BASE}/submit-an-idea/status/")
    (receipt,) = [m for m in mail.outbox if m.to == ["grace@example.org"]]
    assert status_url in assert_on_base(*bodies(receipt))


def test_sitemap_hreflang_and_robots_are_on_the_public_address(client, public_address, home_page):
    StandardPageFactory(parent=home_page, title="About", slug="about")
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{BASE}/about/" in locations
    assert_on_base(*locations)

    head = client.get("/coaches/").content.decode().split("</head>", 1)[0]
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)">', head)
    assert sorted(alternates) == sorted(
        [f"{BASE}/coaches/", f"{BASE}/coaches/", f"{BASE}/pl/coaches/", f"{BASE}/ur/coaches/"]
    )

    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots
