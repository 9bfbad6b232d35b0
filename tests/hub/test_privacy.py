"""Settings → Personal data: find, export and erase a person's records, with an audit, for
hub editors and data-protection officers only; and the privacy notice's register."""

import json

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from wagtail.models import Locale, Site

import pytest

from demo.factories import (
    ContactRequestFactory,
    IdeaSubmissionFactory,
    StandardPageFactory,
    UserFactory,
)
from hub import access, personal_data
from hub.enums import PrivacyAuditAction
from hub.models import HubSettings, PrivacyAudit
from submissions.models import IdeaSubmission
from tests.conftest import PASSWORD

EMAIL = "jo.bloggs@example.org"


@pytest.fixture
def officer(groups):
    return UserFactory(
        username="dpo", password=PASSWORD, groups=[groups[access.DATA_PROTECTION_OFFICERS]]
    )


@pytest.fixture
def records(db):
    idea = IdeaSubmissionFactory(submitter_email=EMAIL, submitter_name="Jo Bloggs")
    request = ContactRequestFactory(email=EMAIL, name="Jo Bloggs", message="Help, please")
    return idea, request


def _audit_holds_no_address():
    for entry in PrivacyAudit.objects.all():
        stored = json.dumps([entry.email_hash, entry.counts, entry.reason, entry.actor_name])
        assert EMAIL not in stored.lower()
        assert entry.email_hash == personal_data.audit_hash(EMAIL.upper())


def test_a_data_protection_officer_finds_every_record(client, officer, records):
    idea, _request = records
    client.force_login(officer)

    page = client.get(reverse("hub_privacy"))
    assert page.status_code == 200
    assert not PrivacyAudit.objects.exists()  # nothing searched yet

    response = client.post(reverse("hub_privacy"), {"email": f" {EMAIL.upper()} "})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Improvement ideas (the submitter&#x27;s details) (1)" in html
    assert "Requests to a coach or mentor (1)" in html
    entry = PrivacyAudit.objects.get()
    assert entry.action == PrivacyAuditAction.SEARCH
    assert entry.actor == officer
    assert entry.counts["submissions.ideas"] == 1
    assert entry.counts["directory.contact_requests"] == 1
    _audit_holds_no_address()
    # The address never travels in a URL.
    assert EMAIL not in response.request["QUERY_STRING"]


def test_the_export_is_json_and_audited(client, hub_editor, records):
    client.force_login(hub_editor)

    response = client.post(reverse("hub_privacy_export"), {"email": EMAIL})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment;" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["records"]["submissions.ideas"]["records"][0]["submitter_name"] == "Jo Bloggs"
    assert data["records"]["directory.contact_requests"]["records"][0]["message"] == (
        "Help, please"
    )
    entry = PrivacyAudit.objects.get()
    assert entry.action == PrivacyAuditAction.EXPORT
    _audit_holds_no_address()


def test_erasure_asks_for_a_reason_and_confirmation_first(client, officer, records):
    idea, request = records
    client.force_login(officer)

    confirm = client.post(reverse("hub_privacy_erase"), {"email": EMAIL})
    assert confirm.status_code == 200
    assert "cannot be undone" in confirm.content.decode()

    missing = client.post(reverse("hub_privacy_erase"), {"email": EMAIL, "reason": ""})
    assert missing.status_code == 400
    assert "This field is required." in missing.content.decode()
    idea.refresh_from_db()
    assert idea.submitter_email == EMAIL
    assert not PrivacyAudit.objects.filter(action=PrivacyAuditAction.ERASE).exists()

    done = client.post(
        reverse("hub_privacy_erase"),
        {"email": EMAIL, "reason": "Erasure request by email, identity checked", "confirm": "on"},
    )

    assert done.status_code == 302
    idea.refresh_from_db()
    assert idea.submitter_email == idea.submitter_name == ""
    assert not type(request).objects.filter(pk=request.pk).exists()
    entry = PrivacyAudit.objects.get(action=PrivacyAuditAction.ERASE)
    assert entry.reason == "Erasure request by email, identity checked"
    assert entry.counts["submissions.ideas"] == 1
    assert entry.counts["directory.contact_requests"] == 1
    _audit_holds_no_address()
    audit = client.get(reverse("hub_privacy_audit"))
    assert audit.status_code == 200
    assert "Erasure request by email, identity checked" in audit.content.decode()
    assert EMAIL not in audit.content.decode()


@pytest.mark.parametrize("bad", ["not-an-address", "a@b", "<script>@x.org", "x" * 300])
def test_a_bad_address_is_refused_beside_the_field(client, officer, records, bad):
    client.force_login(officer)

    response = client.post(reverse("hub_privacy"), {"email": bad})

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not PrivacyAudit.objects.exists()
    export = client.post(reverse("hub_privacy_export"), {"email": bad})
    assert export.status_code == 302
    assert IdeaSubmission.objects.filter(submitter_email=EMAIL).exists()


@pytest.mark.parametrize("who", ["editor_a", "coach", "huddle"])
def test_no_one_else_may_search_export_or_erase(client, records, groups, editor_a, who):
    user = {
        "editor_a": editor_a,
        "coach": UserFactory(groups=[groups[access.COACHES]]),
        "huddle": UserFactory(groups=[groups[access.HUDDLE_MEMBERS]]),
    }[who]
    client.force_login(user)

    assert client.get(reverse("hub_privacy")).status_code == 403
    assert client.post(reverse("hub_privacy"), {"email": EMAIL}).status_code == 403
    assert client.post(reverse("hub_privacy_export"), {"email": EMAIL}).status_code == 403
    erase = client.post(
        reverse("hub_privacy_erase"), {"email": EMAIL, "reason": "x", "confirm": "on"}
    )
    assert erase.status_code == 403
    assert client.get(reverse("hub_privacy_audit")).status_code == 403
    assert IdeaSubmission.objects.filter(submitter_email=EMAIL).exists()
    assert not PrivacyAudit.objects.exists()


def test_the_group_holds_only_this_permission(groups):
    officers = Group.objects.get(name=access.DATA_PROTECTION_OFFICERS)
    assert sorted(
        f"{p.content_type.app_label}.{p.codename}" for p in officers.permissions.all()
    ) == ["hub.manage_personal_data", "wagtailadmin.access_admin"]


def _translated(page, locale):
    copy = page.copy_for_translation(locale)
    copy.save_revision().publish()
    return copy


@pytest.mark.parametrize("language", ["en", "pl", "ur"])
def test_the_privacy_notice_lists_each_kind_with_its_retention_and_basis(
    client, home_page, language
):
    notice = StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy")
    other = StandardPageFactory(parent=home_page, title="About", slug="about")
    hub_settings = HubSettings.for_site(Site.objects.get(is_default_site=True))
    hub_settings.privacy_page = notice
    hub_settings.save()
    page = notice
    if language != "en":
        locale, _created = Locale.objects.get_or_create(language_code=language)
        _translated(home_page, locale)
        page = _translated(notice, locale)

    with translation.override(language):
        expected = [
            (str(entry.label), str(entry.retention), str(entry.lawful_basis))
            for entry in personal_data.registered()
        ]
    response = client.get(page.get_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert f'lang="{language}"' in html
    for label, retention, basis in expected:
        for text in (label, retention, basis):
            assert escape(text) in html, text
    assert 'id="personal-data-we-keep"' in html
    if language != "en":  # shown in the visitor's language, not frozen at start-up
        with translation.override("en"):
            english = [str(entry.retention) for entry in personal_data.registered()]
        assert not [text for text in english if escape(text) in html]
    assert 'id="personal-data-we-keep"' not in client.get(other.url).content.decode()


def test_a_retention_period_follows_its_setting(settings):
    entries = {entry.key: entry for entry in personal_data.registered()}
    settings.DIRECTORY_CONTACT_REQUEST_RETENTION_MONTHS = 7
    assert "7 months" in str(entries["directory.contact_requests"].retention)
    settings.DIRECTORY_CONTACT_REQUEST_RETENTION_MONTHS = 18
    assert "18 months" in str(entries["directory.contact_requests"].retention)
