"""Attachments: hostile files refused before anything is stored (zip bombs, HTML inside a
PDF, script inside an office file), upload limits per address and per draft with
Retry-After, a total per idea, and expired drafts' files gone after the purge job."""

import io
import os
import time
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest

from demo.factories import IdeaDraftFactory
from hub import uploads
from hub.private_files import private_storage as attachment_storage
from submissions.models import IdeaDraft, SubmissionAttachment
from submissions.portal.retention import purge_personal_data
from tests.submissions.test_abuse import (
    html,
    image_bytes,
    ooxml_bytes,
    pdf_bytes,
    post_support,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_support_step(client, hub_site, answers):
    from tests.submissions.conftest import complete_form

    complete_form(client, answers, until="support")
    return client


def zip_bomb(expanded_mb=200) -> bytes:
    """A DOCX whose one extra part is ``expanded_mb`` MB of zeros (about 200 KB zipped)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as part:
            block = b"\0" * (1024 * 1024)
            for _ in range(expanded_mb):
                part.write(block)
    return buffer.getvalue()


def docx_with(name, content, *, count=1) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body/></w:document>")
        for n in range(count):
            archive.writestr(name.format(n=n), content)
    return buffer.getvalue()


HOSTILE = {
    "zip bomb (200 MB expanded)": (
        "plan.docx",
        zip_bomb,
        "plan.docx expands to far more than its size when opened",
    ),
    "too many entries": (
        "plan.docx",
        lambda: docx_with("word/media/p{n}.xml", "<x/>", count=uploads.ZIP_MAX_ENTRIES),
        "plan.docx expands to far more than its size when opened",
    ),
    "HTML chunk in a docx": (
        "plan.docx",
        lambda: docx_with("word/afchunk.htm", "<html><script>alert(1)</script></html>"),
        "plan.docx contains web page or script content",
    ),
    "script in an svg part": (
        "plan.docx",
        lambda: docx_with("word/media/icon.svg", "<svg><script>alert(1)</script></svg>"),
        "plan.docx contains web page or script content",
    ),
    "PDF that is HTML with a script": (
        "report.pdf",
        lambda: (
            b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"
        ),
        "report.pdf contains web page or script content",
    ),
    "PDF with a JavaScript action": (
        "report.pdf",
        lambda: pdf_bytes().replace(
            b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
        ),
        "report.pdf contains web page or script content",
    ),
    "SVG named .png": (
        "chart.png",
        lambda: b'\xef\xbb\xbf  <svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "chart.png must be a PDF",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_are_refused_before_anything_is_stored(
    at_support_step, private_storage, case
):
    name, make, message = HOSTILE[case]
    response = post_support(at_support_step, upload(name, make()))
    assert response.status_code == 200
    page = html(response)
    assert message in page
    assert 'id="attachments-error"' in page or "nhsuk-error-message" in page
    assert not SubmissionAttachment.objects.exists()
    assert not private_storage.exists() or not any(private_storage.rglob("*.*"))


def test_a_zip_bomb_is_refused_quickly_without_expanding_it():
    bomb = io.BytesIO(zip_bomb())
    started = time.perf_counter()
    with pytest.raises(uploads.UnsafeFile) as refusal:
        uploads.check_zip(bomb)
    assert refusal.value.code == "zip_expanded"
    assert time.perf_counter() - started < 1


def test_an_entry_that_lies_about_its_size_fails_its_check():
    honest = io.BytesIO()
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"A" * 100_000)
    data = bytearray(honest.getvalue())
    # Shrink the declared size in the central directory: a reader trusting it would stop
    # short, a careless one would expand everything.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(uploads.UnsafeFile) as refusal:
        uploads.check_zip(io.BytesIO(bytes(data)))
    assert refusal.value.code == "zip_corrupt"


def test_a_real_looking_office_file_passes():
    summary = uploads.check_zip(io.BytesIO(ooxml_bytes("word/document.xml")))
    assert summary.entries == 3


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><p>hi",
        b"\xef\xbb\xbf\n  <html>",
        b"<svg/>",
        b"<?xml version='1.0'?><svg/>",
        b"%PDF-1.7 ... <script>alert(1)</script>",
        b"\x89PNG\r\n\x1a\n....<iframe src=x>",
    ],
)
def test_active_content_is_found_whatever_the_file_claims(data):
    assert uploads.active_content(data)


def test_ordinary_binary_content_is_not_active():
    assert uploads.active_content(image_bytes()) is None
    assert uploads.active_content(pdf_bytes(), pdf=True) is None
    assert uploads.active_content(os.urandom(200_000)) is None


# Limits ---------------------------------------------------------------------------------


def test_uploads_per_address_are_limited_with_retry_after(at_support_step, settings):
    settings.SUBMISSIONS_UPLOADS_PER_HOUR = 2
    for n in range(2):
        response = post_support(
            at_support_step, upload(f"chart{n}.png", image_bytes()), action="upload"
        )
        assert response.status_code == 302
    response = post_support(at_support_step, upload("chart9.png", image_bytes()), action="upload")
    assert response.status_code == 429
    assert 3000 < int(response["Retry-After"]) <= 3600
    page = html(response)
    assert "Too many files have been added from here in the last hour" in page
    assert 'value="coaching"' in page and "checked" in page  # the answers are still there
    assert SubmissionAttachment.objects.count() == 2


def test_bytes_per_address_are_limited(at_support_step, settings):
    settings.SUBMISSIONS_UPLOAD_BYTES_PER_HOUR = len(image_bytes()) + 10
    assert (
        post_support(at_support_step, upload("a.png", image_bytes()), action="upload").status_code
        == 302
    )
    response = post_support(at_support_step, upload("b.png", image_bytes()), action="upload")
    assert response.status_code == 429
    assert response["Retry-After"]


def test_one_address_cannot_fill_many_drafts(client_class, hub_site, answers, settings):
    """The finding: 12 drafts from one address, a large file on each, in seconds."""
    from tests.submissions.conftest import complete_form

    settings.SUBMISSIONS_UPLOAD_BYTES_PER_HOUR = 3 * len(pdf_bytes())
    statuses = []
    for _ in range(5):
        client = client_class()
        complete_form(client, answers, until="support")
        statuses.append(post_support(client, upload("map.pdf", pdf_bytes())).status_code)
    assert statuses == [302, 302, 302, 429, 429]
    assert IdeaDraft.objects.count() == 5
    assert SubmissionAttachment.objects.count() == 3


def test_uploads_per_draft_are_limited(at_support_step, settings):
    settings.SUBMISSIONS_DRAFT_UPLOADS_PER_HOUR = 1
    settings.SUBMISSIONS_UPLOADS_PER_HOUR = 100
    assert (
        post_support(at_support_step, upload("a.png", image_bytes()), action="upload").status_code
        == 302
    )
    response = post_support(at_support_step, upload("b.png", image_bytes()), action="upload")
    assert response.status_code == 429


def test_the_total_on_one_idea_is_limited(at_support_step, settings):
    settings.SUBMISSIONS_DRAFT_MAX_BYTES = len(image_bytes()) * 2 - 1
    assert (
        post_support(at_support_step, upload("a.png", image_bytes()), action="upload").status_code
        == 302
    )
    response = post_support(at_support_step, upload("b.png", image_bytes()), action="upload")
    assert response.status_code == 200
    assert "The files on one idea can add up to" in html(response)
    assert SubmissionAttachment.objects.count() == 1


# Purge ----------------------------------------------------------------------------------


def test_the_purge_removes_expired_drafts_files_and_orphans(
    private_storage, django_capture_on_commit_callbacks
):
    storage = attachment_storage()
    expired = IdeaDraftFactory()
    kept = IdeaDraftFactory()
    old = SubmissionAttachment.objects.create(
        draft=expired,
        file=ContentFile(b"old", name="a.pdf"),
        original_name="a.pdf",
        content_type="application/pdf",
        size=3,
    )
    current = SubmissionAttachment.objects.create(
        draft=kept,
        file=ContentFile(b"new", name="b.pdf"),
        original_name="b.pdf",
        content_type="application/pdf",
        size=3,
    )
    IdeaDraft.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    orphan = storage.save("submissions/2020/01/orphan.pdf", ContentFile(b"x"))
    fresh_orphan = storage.save("submissions/2020/01/uploading.pdf", ContentFile(b"x"))
    two_days_ago = time.time() - 2 * 86400
    os.utime(private_storage / orphan, (two_days_ago, two_days_ago))

    with django_capture_on_commit_callbacks(execute=True):
        result = purge_personal_data()

    assert result.drafts == 1
    assert result.orphan_files == 1
    assert not storage.exists(old.file.name)
    assert not storage.exists(orphan)
    assert storage.exists(current.file.name)
    assert storage.exists(fresh_orphan)
