"""NHS.UK frontend's CSS without its remote webfont.

The package's compiled CSS declares the Frutiger webfont at assets.nhs.uk. The hub never
uses it (hub.css sets the documented Arial stack), but under a Content-Security-Policy
chromium still fetches every declared @font-face source, and reports each as a violation:
measured, 0 font requests without the policy and 4 with it. The hub therefore serves the
same file, byte for byte, minus its @font-face rules, from static/ (found before the
package's copy, at the same address). This test keeps the two in step: after upgrading
wagtail-nhsuk-frontend, rewrite the copy with ``UPDATE_GOLDEN=1``."""

import os
import re
from pathlib import Path

from django.contrib.staticfiles import finders

import wagtailnhsukfrontend

NAME = "wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css"
PACKAGE_COPY = Path(wagtailnhsukfrontend.__file__).parent / "static" / NAME
HUB_COPY = Path(__file__).resolve().parents[2] / "static" / NAME


def without_font_faces(css: str) -> str:
    return re.sub(r"@font-face\{[^}]*\}", "", css)


def test_the_hub_serves_the_package_css_without_its_remote_font():
    assert PACKAGE_COPY.exists(), f"{NAME} is no longer in the package: update base.html"
    expected = without_font_faces(PACKAGE_COPY.read_text())
    if os.environ.get("UPDATE_GOLDEN"):
        HUB_COPY.write_text(expected)
    assert HUB_COPY.read_text() == expected, "rewrite static/ with UPDATE_GOLDEN=1"
    assert "assets.nhs.uk" not in expected
    assert "@font-face" not in expected


def test_the_hub_copy_is_the_one_found():
    assert Path(finders.find(NAME)) == HUB_COPY
