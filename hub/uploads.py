"""Checks on uploaded files that do not depend on what the file is for.

- :func:`active_content` finds markup a browser would run or render: HTML, script, SVG,
  whatever the file's name or declared type says (a ``.pdf`` that is HTML with a script
  inside, a PNG followed by ``<script>``). It looks at the start of the file the way a
  browser sniffs a type (after a byte order mark and white space), and anywhere in the file
  for the tags that make a page run code, and for a PDF's own script and launch actions.
- :func:`check_zip` opens a ZIP-based file (DOCX, XLSX, PPTX) without storing anything: it
  refuses too many entries, an expanded size over the limit or a compression ratio only a
  "zip bomb" has, then decompresses every entry (bounded by the declared sizes) so an entry
  that lies about its size fails its checksum, and looks in each for active content.

Both raise :class:`UnsafeFile` with a ``code`` the caller turns into its own message.
"""

import re
import zipfile
from dataclasses import dataclass

# A ZIP-based office file: at most this many entries, expanding to at most this many bytes,
# and no entry more than this many times its compressed size. Real DOCX, XLSX and PPTX
# files of 10 MB stay far inside (tens to a few hundred entries, text parts 5-20x).
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_EXPANDED_BYTES = 100 * 1024 * 1024
ZIP_MAX_RATIO = 1000
_CHUNK = 1024 * 1024

# What browsers take as the start of an HTML or XML document (WHATWG MIME sniffing), and SVG.
_LEADING_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body"
    rb"|br|p|!--|\?xml|svg)[\s>/]",
    re.IGNORECASE,
)
# Tags that make a document run code, anywhere in the bytes.
_ACTIVE_TAGS = re.compile(
    rb"<(?:script|html|svg|iframe|object|embed|body|!doctype\s+html)[\s>/]",
    re.IGNORECASE,
)
# Inside an office file, whose XML parts are markup by nature (and may include SVG icons).
_ZIP_ACTIVE_TAGS = re.compile(
    rb"<(?:script|html|iframe|object|embed|!doctype\s+html)[\s>/]|javascript:",
    re.IGNORECASE,
)
# A PDF's actions that run JavaScript or start another program.
_PDF_ACTIONS = re.compile(rb"/(?:JavaScript|Launch)\b")
# Parts of an office file that are web pages or scripts (e.g. a DOCX "altChunk" in HTML).
_ACTIVE_PART = re.compile(r"\.(?:html?|xhtml|mht|mhtml|js|vbs|hta)$", re.IGNORECASE)


class UnsafeFile(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class ZipSummary:
    entries: int
    expanded_bytes: int


def _strip_leading(data: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    return data.lstrip(b" \t\r\n\x0c\x00")


def active_content(data: bytes, *, pdf: bool = False) -> str | None:
    """What in ``data`` a browser would render as a page or run, or ``None``."""
    head = _strip_leading(data[:2048])
    if _LEADING_MARKUP.match(head):
        return "markup at the start"
    match = _ACTIVE_TAGS.search(data)
    if match:
        return match.group(0).decode("ascii", "replace").strip()
    if pdf:
        action = _PDF_ACTIONS.search(data)
        if action:
            return action.group(0).decode("ascii")
    return None


def check_zip(upload) -> ZipSummary:
    """Refuse a ZIP-based file that would expand too far, has too many entries, lies about
    its sizes or holds a web page or script; nothing is written anywhere."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > ZIP_MAX_ENTRIES:
                raise UnsafeFile("zip_entries", f"{len(infos)} entries")
            declared = sum(info.file_size for info in infos)
            if declared > ZIP_MAX_EXPANDED_BYTES:
                raise UnsafeFile("zip_expanded", f"{declared} bytes when expanded")
            for info in infos:
                if info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1) and (
                    info.file_size > _CHUNK
                ):
                    raise UnsafeFile("zip_ratio", f"{info.filename} expands too far")
                if _ACTIVE_PART.search(info.filename):
                    raise UnsafeFile("active_content", info.filename)
            expanded = 0
            for info in infos:
                if info.is_dir():
                    continue
                tail = b""
                with archive.open(info) as entry:
                    while chunk := entry.read(_CHUNK):
                        expanded += len(chunk)
                        if expanded > ZIP_MAX_EXPANDED_BYTES:
                            raise UnsafeFile("zip_expanded", f"over {expanded} bytes")
                        if _ZIP_ACTIVE_TAGS.search(tail + chunk):
                            raise UnsafeFile("active_content", info.filename)
                        tail = chunk[-64:]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise UnsafeFile("zip_corrupt", str(exc)) from exc
    except NotImplementedError as exc:  # a compression method nothing here reads
        raise UnsafeFile("zip_corrupt", str(exc)) from exc
    finally:
        upload.seek(0)
    return ZipSummary(entries=len(infos), expanded_bytes=expanded)
