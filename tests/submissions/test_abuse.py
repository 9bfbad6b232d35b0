"""Bad input and abuse: files, markup, odd text, spam, rate limits, CSRF."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest
from PIL import Image

from demo.factories import IdeaSubmissionFactory
from hub.attachments import MAX_FILE_SIZE
from submissions.models import IdeaDraft, IdeaSubmission, SubmissionAttachment
from tests.submissions.conftest import complete_form, step_url, valid_answers

pytestmark = pytest.mark.django_db

CHECK = reverse("submissions:check")


def html(response):
    return response.content.decode()


# Files ---------------------------------------------------------------------------------


def image_bytes(fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 94, 184)).save(buffer, fmt)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def ooxml_bytes(main_part: str, *, macros=False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(main_part, "<document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00" * 10)
    return buffer.getvalue()


GOOD_FILES = {
    "process-map.pdf": pdf_bytes,
    "plan.docx": lambda: ooxml_bytes("word/document.xml"),
    "baseline.xlsx": lambda: ooxml_bytes("xl/workbook.xml"),
    "slides.pptx": lambda: ooxml_bytes("ppt/presentation.xml"),
    "chart.png": image_bytes,
    "photo.jpg": lambda: image_bytes("JPEG"),
    "photo.JPEG": lambda: image_bytes("JPEG"),
}

BAD_FILES = {
    "png-header-then-html": (
        "chart.png",
        lambda: b"\x89PNG\r\n\x1a\n" + b"<html><script>alert(1)</script></html>",
        "chart.png contains web page or script content",
    ),
    "svg": (
        "logo.svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "logo.svg must be a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG or JPEG",
    ),
    "svg-named-png": (
        "logo.png",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "logo.png must be a PDF",
    ),
    "html-named-pdf": (
        "report.pdf",
        lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "report.pdf must be a PDF",
    ),
    "executable-named-pdf": ("report.pdf", lambda: b"MZ\x90\x00" + b"\x00" * 200, "must be a PDF"),
    "pdf-named-png": (
        "chart.png",
        pdf_bytes,
        "chart.png is a PDF file, so its name must end in .pdf",
    ),
    "png-named-docx": ("plan.docx", image_bytes, "so its name must end in .png"),
    "docx-named-xlsx": (
        "data.xlsx",
        lambda: ooxml_bytes("word/document.xml"),
        "so its name must end in .docx",
    ),
    "macro-document": (
        "plan.docx",
        lambda: ooxml_bytes("word/document.xml", macros=True),
        "plan.docx contains macros",
    ),
    "plain-zip": ("plan.docx", lambda: _zip_of_text(), "must be a PDF"),
    "truncated-pdf": ("report.pdf", lambda: b"%PDF-1.4\n1 0 obj", "report.pdf is not a valid PDF"),
    "png-with-trailing-html": (
        "chart.png",
        lambda: image_bytes() + b"<html><script>alert(1)</script>",
        "chart.png contains web page or script content",
    ),
    "empty": ("empty.pdf", lambda: b"", "The submitted file is empty"),
}


def _zip_of_text():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def at_support_step(client, hub_site, answers):
    complete_form(client, answers, until="support")
    return client


def post_support(client, *files, action="continue", support=("coaching",)):
    return client.post(
        step_url("support"),
        {
            "support_wanted": list(support),
            "support_detail": "",
            "attachments": list(files),
            "action": action,
        },
    )


@pytest.mark.parametrize("name", list(GOOD_FILES))
def test_allowed_files_are_accepted_by_content_and_stored_privately(
    at_support_step, private_storage, settings, name
):
    content = GOOD_FILES[name]()
    response = post_support(at_support_step, upload(name, content))

    assert response.status_code == 302, html(response)
    attachment = SubmissionAttachment.objects.get()
    assert attachment.original_name == name
    assert attachment.size == len(content)
    stored = private_storage / attachment.file.name
    assert stored.read_bytes() == content
    assert str(settings.MEDIA_ROOT) not in str(stored)
    assert name.rsplit(".", 1)[0] not in attachment.file.name  # stored under a random name
    with pytest.raises(NotImplementedError):
        attachment.file.url  # noqa: B018 - no public address exists


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_with_a_clear_message(at_support_step, case):
    name, make, message = BAD_FILES[case]
    response = post_support(at_support_step, upload(name, make()))

    assert response.status_code == 200
    page = html(response)
    assert message in page
    assert "nhsuk-error-summary" in page
    assert not SubmissionAttachment.objects.exists()
    assert "support" not in IdeaDraft.objects.get().data
    assert 'value="coaching" checked' in page  # the other answers are kept


def test_files_over_10_mb_are_refused(at_support_step):
    big = pdf_bytes()[:-6] + b"0" * (MAX_FILE_SIZE - len(pdf_bytes()) + 1) + b"%%EOF\n"
    assert len(big) > MAX_FILE_SIZE
    response = post_support(at_support_step, upload("big.pdf", big))
    assert "big.pdf must be 10 MB or smaller" in html(response)
    assert not SubmissionAttachment.objects.exists()


def test_at_most_three_files(at_support_step):
    files = [upload(f"chart{n}.png", image_bytes()) for n in range(4)]
    response = post_support(at_support_step, *files)
    assert "You can add up to 3 files" in html(response)
    assert not SubmissionAttachment.objects.exists()

    files = [upload(f"chart{n}.png", image_bytes()) for n in range(2)]
    post_support(at_support_step, *files, action="upload")
    assert SubmissionAttachment.objects.count() == 2
    response = post_support(
        at_support_step, *[upload(f"more{n}.png", image_bytes()) for n in (1, 2)]
    )
    assert "You can add up to 3 files" in html(response)
    post_support(at_support_step, upload("third.png", image_bytes()), action="upload")
    assert SubmissionAttachment.objects.count() == 3
    page = html(at_support_step.get(step_url("support")))
    assert "You have added 3 files" in page
    assert 'type="file"' not in page


def test_files_can_be_removed_and_go_with_the_idea(
    at_support_step, private_storage, django_capture_on_commit_callbacks
):
    post_support(
        at_support_step,
        upload("a.png", image_bytes()),
        upload("b.pdf", pdf_bytes()),
        action="upload",
    )
    a, b = SubmissionAttachment.objects.order_by("original_name")
    page = html(at_support_step.get(step_url("support")))
    assert "a.png" in page and "b.pdf" in page
    assert f'form="remove-attachment-{a.pk}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        at_support_step.post(reverse("submissions:remove_attachment"), {"attachment": a.pk})

    assert list(SubmissionAttachment.objects.all()) == [b]
    assert not (private_storage / a.file.name).exists()
    post_support(at_support_step)
    complete_form(at_support_step, {"consent": {"privacy_consent": "on"}})
    at_support_step.post(CHECK)
    b.refresh_from_db()
    assert b.submission == IdeaSubmission.objects.get()
    assert b.draft is None


def test_valid_files_are_kept_when_another_answer_needs_fixing(at_support_step):
    response = post_support(at_support_step, upload("a.png", image_bytes()), support=())
    assert "Select the support you would like" in html(response)
    assert SubmissionAttachment.objects.get().original_name == "a.png"
    assert "a.png" in html(response)


def test_someone_elses_file_cannot_be_removed(at_support_step, client_class, hub_site, answers):
    post_support(at_support_step, upload("a.png", image_bytes()), action="upload")
    other = client_class()
    complete_form(other, answers, until="support")
    other.post(
        reverse("submissions:remove_attachment"),
        {"attachment": SubmissionAttachment.objects.get().pk},
    )
    assert SubmissionAttachment.objects.count() == 1


# Text ----------------------------------------------------------------------------------


def test_markup_is_stored_as_text_and_shown_escaped(client, hub_site):
    answers = valid_answers()
    answers["your-idea"]["title"] = "<script>alert('x')</script>"
    answers["your-idea"]["problem"] = '<img src=x onerror="alert(1)"> & more'
    complete_form(client, answers)

    page = html(client.get(CHECK))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page

    client.post(CHECK)
    submission = IdeaSubmission.objects.get()
    assert submission.title == "<script>alert('x')</script>"
    assert submission.problem == '<img src=x onerror="alert(1)"> & more'


def test_too_long_text_gets_a_clear_message_and_is_kept(client, hub_site):
    complete_form(client, valid_answers(), until="your-idea")
    title = "T" * 151
    response = client.post(
        step_url("your-idea"), {"title": title, "problem": "p" * 5001, "who_affected": ""}
    )
    page = html(response)
    assert "The title must be 150 characters or fewer. You have entered 151." in page
    assert (
        "The problem or opportunity must be 5000 characters or fewer. You have entered 5001."
        in (page)
    )
    assert f'value="{title}"' in page
    assert " maxlength=" not in page  # the browser never silently cuts text


@pytest.mark.parametrize(
    "blank",
    ["   ", "\t\n  \r\n", "\u200b\u200b", "\u200f\u200e", "\u00a0\u2003", "\ufeff"],
    ids=["spaces", "whitespace", "zero-width", "direction-marks", "nbsp-em-space", "bom"],
)
def test_text_with_nothing_visible_counts_as_empty(client, hub_site, blank):
    complete_form(client, valid_answers(), until="your-idea")
    response = client.post(step_url("your-idea"), {"title": blank, "problem": "Falls"})
    assert "Enter a title for your idea" in html(response)


def test_unusual_unicode_is_stored_faithfully(client, hub_site):
    title = "Lepsza opieka 👩🏽‍⚕️ \u200fעברית\u200f and zero\u200bwidth \u00e9\u0301"
    problem = "مرحبا\u200d\n\nemoji: 🏥🧑‍🤝‍🧑 and a right-to-left mark \u200f here"
    answers = valid_answers()
    answers["your-idea"].update(title=title, problem=problem)
    answers["about-you"]["submitter_name"] = "Zoë O’Brien-Łukasiewicz"
    complete_form(client, answers)
    client.post(CHECK)

    submission = IdeaSubmission.objects.get()
    assert submission.title == title
    assert submission.problem == problem
    assert submission.submitter_name == "Zoë O’Brien-Łukasiewicz"


def test_null_characters_are_refused(client, hub_site):
    complete_form(client, valid_answers(), until="your-idea")
    response = client.post(step_url("your-idea"), {"title": "a\x00b", "problem": "Falls"})
    assert "Null characters are not allowed." in html(response)


def test_windows_line_endings_are_normalised(client, hub_site):
    complete_form(client, valid_answers(), until="your-idea")
    client.post(step_url("your-idea"), {"title": "T", "problem": "one\r\ntwo"})
    assert IdeaDraft.objects.get().data["your-idea"]["problem"] == "one\ntwo"


def test_a_made_up_choice_is_refused(client, hub_site):
    data = {**valid_answers()["about-you"], "submitter_type": "robot", "organisation": "99999"}
    page = html(client.post(step_url("about-you"), data))
    assert "Select whether you are staff" in page
    assert "Select an organisation from the list" in page


# Spam ----------------------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people(client, hub_site):
    page = html(client.get(step_url("about-you")))
    assert '<div class="hub-honeypot" aria-hidden="true">' in page
    assert 'name="website" value="" tabindex="-1" autocomplete="off"' in page


def test_a_filled_honeypot_on_the_first_step_stores_nothing(client, hub_site):
    data = {**valid_answers()["about-you"], "website": "http://spam.example"}
    response = client.post(step_url("about-you"), data)
    assert response.status_code == 400
    assert "Sorry, we could not accept this form" in html(response)
    assert not IdeaDraft.objects.exists()


def test_a_filled_honeypot_on_submit_creates_nothing(completed_client):
    response = completed_client.post(CHECK, {"website": "http://spam.example"})
    assert response.status_code == 400
    assert not IdeaSubmission.objects.exists()
    assert IdeaDraft.objects.exists()  # a person who tripped it by mistake loses nothing


def submit_from(address, answers, **extra):
    client = Client(REMOTE_ADDR=address, **extra)
    complete_form(client, answers)
    return client.post(CHECK)


def test_submissions_are_rate_limited_per_address(hub_site, answers, settings):
    settings.SUBMISSIONS_RATE_LIMIT = 2
    for _attempt in range(2):
        assert submit_from("203.0.113.7", answers).status_code == 302

    response = submit_from("203.0.113.7", answers)

    assert response.status_code == 429
    assert 3500 < int(response["Retry-After"]) <= 3600
    page = html(response)
    assert "too many attempts" in page
    assert "Your answers are saved" in page
    assert 'class="nhsuk-header' in page  # the NHS look, not a bare error
    assert IdeaSubmission.objects.count() == 2
    assert IdeaDraft.objects.count() == 1  # the refused idea is still saved
    assert submit_from("203.0.113.8", answers).status_code == 302  # someone else


def test_the_default_limit_is_ten_an_hour(hub_site, answers):
    from django.conf import settings

    assert settings.SUBMISSIONS_RATE_LIMIT == 10


def test_a_forwarded_header_is_ignored_unless_proxies_are_trusted(hub_site, answers, settings):
    settings.SUBMISSIONS_RATE_LIMIT = 1
    settings.HUB_TRUSTED_PROXY_COUNT = 0
    assert (
        submit_from("203.0.113.7", answers, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 302
    )
    # A spoofed header does not buy another allowance.
    response = submit_from("203.0.113.7", answers, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429
    assert IdeaSubmission.objects.get().submitter_ip == "203.0.113.7"


def test_behind_a_trusted_proxy_the_client_is_the_right_entry(hub_site, answers, settings):
    settings.SUBMISSIONS_RATE_LIMIT = 1
    settings.HUB_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    first = submit_from(proxy, answers, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1")
    assert first.status_code == 302
    assert IdeaSubmission.objects.get().submitter_ip == "198.51.100.1"
    # The same client, whatever it puts on the left, is still limited...
    again = submit_from(proxy, answers, HTTP_X_FORWARDED_FOR="7.7.7.7, 198.51.100.1")
    assert again.status_code == 429
    # ...and another client behind the same proxy is not.
    other = submit_from(proxy, answers, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302


def test_a_garbage_forwarded_address_is_not_stored(hub_site, answers, settings):
    settings.HUB_TRUSTED_PROXY_COUNT = 1
    submit_from("10.0.0.2", answers, HTTP_X_FORWARDED_FOR="not-an-ip")
    assert IdeaSubmission.objects.get().submitter_ip is None


# CSRF ----------------------------------------------------------------------------------

TOKEN = "csrf-test-status-token-0123456789-abcdefghijklmnop"


@pytest.mark.parametrize(
    "url",
    [
        *[step_url(step) for step in valid_answers()],
        reverse("submissions:check"),
        reverse("submissions:save"),
        reverse("submissions:remove_attachment"),
        reverse("submissions:reply", args=[TOKEN]),
        reverse("submissions:withdraw", args=[TOKEN]),
    ],
)
def test_every_post_needs_the_csrf_token(hub_site, url):
    IdeaSubmissionFactory(status_token=TOKEN)
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"submitter_name": "Jo"})
    assert response.status_code == 403


def test_with_the_csrf_token_the_post_works(hub_site, answers):
    client = Client(enforce_csrf_checks=True)
    client.get(step_url("about-you"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        step_url("about-you"), {**answers["about-you"], "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
