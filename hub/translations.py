"""Compiling the interface's message catalogues (``locale/<code>/LC_MESSAGES/django.po``).

``.mo`` files are build output and never committed. ``make install`` and the test suite
compile them; GNU gettext's ``msgfmt`` is used when the machine has it (it also checks that
every ``%(name)s`` in a translation matches the English), otherwise polib (a dependency of
wagtail-localize, so always installed) writes the same binary catalogue.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

import polib


def catalogues() -> list[Path]:
    """Every ``django.po`` under the project's ``LOCALE_PATHS``."""
    found: list[Path] = []
    for folder in settings.LOCALE_PATHS:
        found.extend(sorted(Path(folder).glob("*/LC_MESSAGES/django.po")))
    return found


def is_stale(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def compile_catalogue(po: Path, *, use_msgfmt: bool | None = None) -> Path:
    """Compile one ``.po`` file beside itself. The ``.mo`` is written to a temporary file
    and moved into place, so parallel test workers never read half a catalogue."""
    mo = po.with_suffix(".mo")
    if use_msgfmt is None:
        use_msgfmt = shutil.which("msgfmt") is not None
    handle, tmp = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
    os.close(handle)
    try:
        if use_msgfmt:
            subprocess.run(  # noqa: S603 - fixed program, our own file paths
                ["msgfmt", "--check-format", "-o", tmp, str(po)],  # noqa: S607
                check=True,
                capture_output=True,
                text=True,
            )
        else:
            polib.pofile(str(po)).save_as_mofile(tmp)
        os.replace(tmp, mo)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return mo


def compile_catalogues(*, force: bool = False, use_msgfmt: bool | None = None) -> list[Path]:
    """Compile the catalogues whose ``.mo`` is missing or older than the ``.po``."""
    return [
        compile_catalogue(po, use_msgfmt=use_msgfmt) for po in catalogues() if force or is_stale(po)
    ]
