"""Checking uploaded files by their content, never by their name alone.

A file is accepted when its bytes are one of the allowed types (PDF, DOCX, XLSX, PPTX, PNG,
JPEG), its structure holds up (an image decodes, a PDF has its header and end marker, an
Office file is a ZIP with the parts that type needs and no macros, that expands to a sane
size: ``hub.uploads.check_zip``), its name's extension agrees with what the content is, and
it holds nothing a browser would run (``hub.uploads.active_content``). Anything else (SVG,
HTML, scripts, a PDF that is HTML inside, a PNG header followed by HTML, a zip bomb, a
renamed executable) is refused with a message saying why, before anything is stored.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import filetype
from PIL import Image

from hub import abuse, uploads

MAX_FILES = 3
MAX_FILE_SIZE = 10 * 1024 * 1024  # bytes
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extensions: tuple[str, ...]
    description: str


PDF = FileKind("application/pdf", ("pdf",), "PDF")
DOCX = FileKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
    "Word (DOCX)",
)
XLSX = FileKind(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("xlsx",),
    "Excel (XLSX)",
)
PPTX = FileKind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("pptx",),
    "PowerPoint (PPTX)",
)
PNG = FileKind("image/png", ("png",), "PNG")
JPEG = FileKind("image/jpeg", ("jpg", "jpeg"), "JPEG")
ALLOWED = {kind.content_type: kind for kind in (PDF, DOCX, XLSX, PPTX, PNG, JPEG)}
ALLOWED_EXTENSIONS = sorted(ext for kind in ALLOWED.values() for ext in kind.extensions)
# The main part each Office type must contain.
_OOXML_MAIN_PART = {
    DOCX: "word/document.xml",
    XLSX: "xl/workbook.xml",
    PPTX: "ppt/presentation.xml",
}


def _reject(message, code, **params):
    raise ValidationError(message, params=params, code=code)


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _ooxml_kind(upload):
    """DOCX, XLSX or PPTX from the ZIP's parts (whatever order a writer put them in)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None, False
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None, False
    has_macros = any(name.lower().endswith("vbaproject.bin") for name in names)
    for kind, part in _OOXML_MAIN_PART.items():
        if part in names:
            return kind, has_macros
    return None, has_macros


def _image_is_sound(upload) -> bool:
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
    except Exception:  # any decoding failure means "not a sound image"
        return False
    finally:
        upload.seek(0)
    return True


def inspect_upload(upload) -> FileKind:
    """The kind of an uploaded file, or ValidationError saying why it is refused."""
    name = PurePath(upload.name or "file").name
    if upload.size > MAX_FILE_SIZE:
        _reject(_("%(name)s must be 10 MB or smaller"), "file_too_big", name=name)
    if upload.size == 0:
        _reject(_("%(name)s is empty"), "file_empty", name=name)

    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    guess = filetype.guess(head)
    kind = ALLOWED.get(guess.mime) if guess else None
    if head.startswith(b"PK\x03\x04"):
        kind, has_macros = _ooxml_kind(upload)
        if has_macros:
            _reject(_("%(name)s contains macros, which are not accepted"), "file_macros", name=name)
    if kind is None:
        _reject(
            _(
                "%(name)s must be a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), "
                "PNG or JPEG file"
            ),
            "file_type",
            name=name,
        )

    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in kind.extensions:
        _reject(
            _("%(name)s is a %(kind)s file, so its name must end in .%(extension)s"),
            "file_extension",
            name=name,
            kind=kind.description,
            extension=kind.extensions[0],
        )

    if kind in _OOXML_MAIN_PART:
        try:
            uploads.check_zip(upload)
        except uploads.UnsafeFile as refusal:
            _refuse_unsafe(refusal, name, kind)
        return kind

    data = _read_all(upload)
    found = uploads.active_content(data, pdf=kind is PDF)
    if found:
        _reject_active_content(name, kind)
    if kind in (PNG, JPEG):
        if not _image_is_sound(upload):
            _reject(_("%(name)s is not a valid image"), "file_corrupt", name=name)
    elif kind is PDF and (not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]):
        _reject(_("%(name)s is not a valid PDF"), "file_corrupt", name=name)
    return kind


def _reject_active_content(name, kind):
    _reject(
        _(
            "%(name)s contains web page or script content, which is not accepted. "
            "Save it again as a plain %(kind)s file."
        ),
        "file_active_content",
        name=name,
        kind=kind.description,
    )


def _refuse_unsafe(refusal, name, kind):
    if refusal.code == "active_content":
        _reject_active_content(name, kind)
    if refusal.code in ("zip_entries", "zip_expanded", "zip_ratio"):
        _reject(
            _(
                "%(name)s expands to far more than its size when opened, so it cannot be "
                "checked safely. Save it again, or split it into smaller files."
            ),
            "file_expands_too_far",
            name=name,
        )
    _reject(_("%(name)s is damaged and cannot be opened"), "file_corrupt", name=name)


class CheckedUploadsMixin:
    """For a form with a ``MultipleFileField`` named ``attachments`` on a draft
    (``hub.drafts``): at most ``MAX_FILES`` per draft, each checked by :func:`inspect_upload`,
    within the hourly limits per address and per draft and the draft's total
    (``SUBMISSIONS_*UPLOAD*`` and ``SUBMISSIONS_DRAFT_MAX_BYTES``: one set of limits for every
    public form, so the per-address counts add up across them). The form sets ``draft`` and
    ``client`` (the visitor's address); after a refusal by a limit, ``upload_retry_after``
    says how many seconds are left."""

    total_too_big_message = _(
        "The files on one form can add up to %(limit)s MB. Remove a file, or send smaller ones."
    )
    upload_retry_after = None

    def existing_attachments(self):
        """The files already on the draft (``related_name="attachments"``)."""
        if self.draft is None or self.draft.pk is None:
            return []
        return list(self.draft.attachments.all())

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        already = len(self.existing_attachments())
        if already + len(uploads) > MAX_FILES:
            raise ValidationError(
                _("You can add up to 3 files. Remove a file before adding another."),
                code="too_many_files",
            )
        if not uploads:
            return []
        self._check_upload_limits(uploads)
        errors, checked = [], []
        for upload in uploads:
            try:
                checked.append((upload, inspect_upload(upload)))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return checked

    def _check_upload_limits(self, uploads):
        """Per address and per draft, files and bytes per hour, and the draft's total: each
        counted before any file is opened, so refused files cost nothing more."""
        incoming = sum(upload.size for upload in uploads)
        stored = sum(attachment.size for attachment in self.existing_attachments())
        if stored + incoming > settings.SUBMISSIONS_DRAFT_MAX_BYTES:
            raise ValidationError(
                self.total_too_big_message,
                params={"limit": settings.SUBMISSIONS_DRAFT_MAX_BYTES // (1024 * 1024)},
                code="draft_too_big",
            )
        counters = []
        if self.client:
            counters += [
                (f"uploads:ip:{self.client}", settings.SUBMISSIONS_UPLOADS_PER_HOUR, len(uploads)),
                (
                    f"upload-bytes:ip:{self.client}",
                    settings.SUBMISSIONS_UPLOAD_BYTES_PER_HOUR,
                    incoming,
                ),
            ]
        if self.draft is not None and self.draft.pk is not None:
            counters += [
                (
                    f"uploads:draft:{self.draft._meta.label_lower}:{self.draft.pk}",
                    settings.SUBMISSIONS_DRAFT_UPLOADS_PER_HOUR,
                    len(uploads),
                ),
                (
                    f"upload-bytes:draft:{self.draft._meta.label_lower}:{self.draft.pk}",
                    settings.SUBMISSIONS_DRAFT_UPLOAD_BYTES_PER_HOUR,
                    incoming,
                ),
            ]
        refused = [
            limit
            for key, most, amount in counters
            if (limit := abuse.count_attempt(f"ratelimit:{key}", most, amount=amount))
        ]
        if refused:
            self.upload_retry_after = max(limit.retry_after for limit in refused)
            raise ValidationError(
                _(
                    "Too many files have been added from here in the last hour. Try again in "
                    "%(minutes)s minutes. Your other answers are still on this page."
                ),
                params={"minutes": max(1, -(-self.upload_retry_after // 60))},
                code="uploads_rate_limited",
            )
