"""The whole "Share your work" journey through the Django test client: every step, save and
return, hostile input (bad CSV, a file that is not what its name says, missing consent,
the honeypot, too many sends), and what it makes: a draft case study in the partner's
section, owned by its editors, the emails, and the "it's live" email exactly once."""

import re
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

import pytest

from hub import personal_data
from hub.enums import EmailPurpose
from hub.models import OutboxEmail
from pages.models import CaseStudyPage
from sharing.models import ShareAttachment, ShareDraft, SharedWork
from upkeep.ownership import team_of

from .conftest import ABOUT, CONSENT, MEASURE, WORK, fill_form, png, post_step

pytestmark = pytest.mark.django_db


def _send(client):
    response = client.post(reverse("sharing:check"), {"website": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("sharing:confirmation")
    return SharedWork.objects.get()


def test_the_start_page_is_linked_from_the_footer_and_the_case_study_listing(
    client, hub_site, case_study_index
):
    start = reverse("sharing:start")
    assert start in client.get("/").content.decode()
    assert start in client.get(case_study_index.url).content.decode()
    response = client.get(start)
    assert response.status_code == 200
    assert "Share your work" in response.content.decode()


def test_the_full_journey_makes_a_draft_in_the_partners_section(
    client,
    hub_site,
    partner_a,
    editor_a,
    editor_b,
    priority,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    assert fill_form(client, partner_a.organisation, priorities=[priority], files=[png()])[
        "Location"
    ] == reverse("sharing:check")
    check = client.get(reverse("sharing:check"))
    body = check.content.decode()
    assert "Fewer falls on ward 7" in body and "poster.png" in body
    assert "<svg" in body  # the measure's SPC chart, as the site draws it
    with django_capture_on_commit_callbacks(execute=True):
        shared = _send(client)

    confirmation = client.get(reverse("sharing:confirmation"))
    assert shared.reference in confirmation.content.decode()

    page = shared.page.specific
    assert isinstance(page, CaseStudyPage)
    assert not page.live and page.has_unpublished_changes
    assert page.get_parent().pk == partner_a.pk
    assert page.owner is None  # the team looks after it
    assert team_of(page) == partner_a.organisation.editors_group
    assert [m.name for m in page.measures.all()] == ["Falls per 1,000 bed days"]
    assert page.measures.get().data.startswith("2025-01-01, 9.5")
    assert list(page.priorities.all()) == [priority]
    assert sorted(t.name for t in page.topics.all()) == ["falls", "frailty"]
    assert page.contact_role == ""  # not named: nothing about the sender on the page
    revision = page.latest_revision.content
    assert "asha" not in str(revision).lower()
    assert ShareAttachment.objects.get().shared == shared
    assert not ShareDraft.objects.exists()

    emails = {(e.purpose, e.to) for e in OutboxEmail.objects.all()}
    assert emails == {
        (EmailPurpose.SHARE_RECEIPT, ABOUT["submitter_email"]),
        (EmailPurpose.SHARE_EDITORS, editor_a.email),
    }
    # Sent once each (the outbox keeps no body once sent).
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [ABOUT["submitter_email"], editor_a.email]
    )
    notice = next(message for message in mailoutbox if message.to == [editor_a.email])
    assert f"/admin/pages/{page.pk}/edit/" in notice.body
    assert reverse("sharing_admin:detail", args=[shared.pk]) in notice.body
    assert (
        shared.reference in next(m for m in mailoutbox if m.to == [ABOUT["submitter_email"]]).body
    )


def test_a_replayed_send_makes_nothing_more(client, hub_site, partner_a):
    fill_form(client, partner_a.organisation)
    _send(client)
    again = client.post(reverse("sharing:check"), {"website": ""})
    assert again["Location"] == reverse("sharing:confirmation")
    assert SharedWork.objects.count() == 1
    assert CaseStudyPage.objects.count() == 1


def test_named_contact_puts_name_and_role_on_the_page_but_never_the_email(
    client, hub_site, partner_a
):
    fill_form(client, partner_a.organisation, consent={**CONSENT, "named_contact": "yes"})
    page = _send(client).page.specific
    assert page.contact_role == "Asha Patel, Falls prevention lead"
    assert ABOUT["submitter_email"] not in str(page.latest_revision.content)


def test_erasure_takes_a_named_senders_name_off_the_page_and_its_revisions(
    client, hub_site, partner_a
):
    fill_form(client, partner_a.organisation, consent={**CONSENT, "named_contact": "yes"})
    shared = _send(client)
    page = shared.page.specific
    page.save_revision().publish()
    assert personal_data.erase(ABOUT["submitter_email"])["sharing.shared_work"] == 1
    page.refresh_from_db()
    assert page.contact_role == "Falls prevention lead"
    assert page.live
    for revision in page.revisions.all():
        assert "Asha Patel" not in str(revision.content)
    shared.refresh_from_db()
    assert shared.submitter_name == "" and shared.personal_data_removed_at


def test_without_a_partner_section_it_goes_to_the_case_study_listing_for_hub_editors(
    client, hub_site, case_study_index, org_b, hub_editor
):
    fill_form(client, org_b)
    shared = _send(client)
    assert shared.page.get_parent().pk == case_study_index.pk
    assert OutboxEmail.objects.filter(
        purpose=EmailPurpose.SHARE_EDITORS, to=hub_editor.email
    ).exists()


def test_the_live_email_goes_once(
    client, hub_site, partner_a, django_capture_on_commit_callbacks, mailoutbox
):
    fill_form(client, partner_a.organisation)
    shared = _send(client)
    page = shared.page.specific
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.title = "Fewer falls on ward 7 (updated)"
        page.save_revision().publish()
    live = OutboxEmail.objects.filter(purpose=EmailPurpose.SHARE_LIVE)
    assert live.count() == 1
    assert live.get().to == ABOUT["submitter_email"]
    sent = [message for message in mailoutbox if "is live" in message.subject]
    assert len(sent) == 1
    assert page.url in sent[0].body
    shared.refresh_from_db()
    assert shared.published_at is not None


def test_editors_see_what_was_sent_and_download_files_others_cannot(
    client, hub_site, partner_a, editor_a, editor_b
):
    fill_form(client, partner_a.organisation, files=[png()])
    shared = _send(client)
    item = shared.attachments.get()
    detail = reverse("sharing_admin:detail", args=[shared.pk])
    download = reverse("sharing_admin:attachment", args=[shared.pk, item.pk])
    client.force_login(editor_b)
    assert client.get(detail).status_code in (302, 403)
    assert client.get(download).status_code in (302, 403)
    client.force_login(editor_a)
    response = client.get(detail)
    assert response.status_code == 200
    assert "Asha Patel" in response.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


# Save and return -------------------------------------------------------------------------


def test_save_and_return_by_emailed_link(
    client, hub_site, partner_a, django_capture_on_commit_callbacks, mailoutbox
):
    post_step(client, "about-you", {**ABOUT, "organisation": partner_a.organisation.pk})
    response = client.post(reverse("sharing:the-work"), {**WORK, "action": "save"})
    assert response["Location"] == reverse("sharing:save")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sharing:save"), {"email": ABOUT["submitter_email"]})
    assert response.status_code == 200
    assert OutboxEmail.objects.filter(purpose=EmailPurpose.SHARE_CONTINUE_LINK).count() == 1
    (email,) = mailoutbox
    link = re.search(r"https?://\S+/share-your-work/continue/\S+/", email.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.logout()
    client.cookies.clear()
    response = client.get("/" + path)
    assert response["Location"] == reverse("sharing:measures")
    page = client.get(reverse("sharing:the-work")).content.decode()
    assert "Fewer falls on ward 7" in page  # the answers came back
    assert client.get("/share-your-work/continue/tampered/").status_code == 404


# Hostile input ---------------------------------------------------------------------------


def test_bad_csv_is_named_next_to_the_field_and_the_answers_stay(client, hub_site, partner_a):
    post_step(client, "about-you", {**ABOUT, "organisation": partner_a.organisation.pk})
    post_step(client, "the-work", WORK)
    bad = SimpleUploadedFile("falls.csv", b"date,value\n2025-01-01,6\nnot a date,seven\n")
    response = post_step(client, "measures", {**MEASURE, "measure_data": "", "measure_file": bad})
    body = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-message" in body and "id_measure_file-error" in body
    assert "Line 3" in body
    assert "Falls per 1,000 bed days" in body  # the name typed is kept
    typed = post_step(client, "measures", {**MEASURE, "measure_data": "yesterday, lots"})
    assert typed.status_code == 200 and "id_measure_data-error" in typed.content.decode()
    no_data = post_step(client, "measures", {**MEASURE, "measure_data": ""})
    assert "Enter the measure" in no_data.content.decode()


def test_a_good_csv_file_fills_the_data_and_previews_the_chart(client, hub_site, partner_a):
    post_step(client, "about-you", {**ABOUT, "organisation": partner_a.organisation.pk})
    post_step(client, "the-work", WORK)
    good = SimpleUploadedFile("falls.csv", MEASURE["measure_data"].encode())
    response = client.post(
        reverse("sharing:measures"),
        {**MEASURE, "measure_data": "", "measure_file": good, "action": "preview"},
    )
    assert response["Location"] == reverse("sharing:measures")
    page = client.get(reverse("sharing:measures")).content.decode()
    assert "Preview of your chart" in page and "<svg" in page


def test_a_file_that_is_not_what_it_says_is_refused(client, hub_site, partner_a):
    fill_form(client, partner_a.organisation)
    fake = SimpleUploadedFile("poster.png", b"<html><script>alert(1)</script></html>")
    response = client.post(reverse("sharing:files"), {"attachments": [fake], "action": "upload"})
    assert response.status_code == 200
    assert "must be a PDF" in response.content.decode()
    assert not ShareAttachment.objects.exists()


def test_missing_consent_is_named_next_to_each_field(client, hub_site, partner_a):
    response = fill_form(client, partner_a.organisation, consent={"named_contact": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Confirm that the case study may be published" in body
    assert "Select whether we may name you as the contact" in body
    assert "Confirm that you have read the privacy notice" in body
    assert client.get(reverse("sharing:check"))["Location"] == reverse("sharing:consent")


def test_the_first_step_checks_every_answer(client, hub_site, partner_a):
    response = post_step(
        client,
        "about-you",
        {"submitter_email": "not-an-email", "organisation": "999999", "website": ""},
    )
    body = response.content.decode()
    assert "Enter your name" in body
    assert "Enter an email address in the correct format" in body
    assert "Select the organisation you work for" in body
    assert not ShareDraft.objects.exists()


def test_the_honeypot_refuses_bots(client, hub_site, partner_a):
    response = post_step(
        client, "about-you", {**ABOUT, "organisation": partner_a.organisation.pk, "website": "x"}
    )
    assert response.status_code == 400
    assert not ShareDraft.objects.exists()


def test_sending_is_rate_limited_per_address(client, settings, hub_site, partner_a):
    settings.SHARING_RATE_LIMIT = 1
    fill_form(client, partner_a.organisation)
    _send(client)
    fill_form(client, partner_a.organisation)
    response = client.post(reverse("sharing:check"), {"website": ""})
    assert response.status_code == 429
    assert response["Retry-After"]
    assert SharedWork.objects.count() == 1
    assert ShareDraft.objects.count() == 1  # the second one's answers are kept


# Retention -------------------------------------------------------------------------------


def test_the_scheduled_purge_removes_the_senders_details(client, settings, hub_site, partner_a):
    settings.SHARING_RETENTION_MONTHS = 12
    fill_form(client, partner_a.organisation, files=[png()])
    shared = _send(client)
    Page.objects.filter(pk=shared.page_id)  # the page stays
    assert (
        personal_data.purge(now=timezone.now() + timedelta(days=300)).get("sharing.shared_work")
        is None
    )
    counts = personal_data.purge(now=timezone.now() + timedelta(days=400))
    assert counts["sharing.shared_work"] == 1
    shared.refresh_from_db()
    assert shared.submitter_email == "" and shared.submitter_name == ""
    assert shared.personal_data_removed_at is not None
    assert not ShareAttachment.objects.exists()
    assert not shared.outbox_emails.exists()
    assert CaseStudyPage.objects.filter(pk=shared.page_id).exists()
