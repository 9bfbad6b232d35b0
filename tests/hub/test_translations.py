"""The interface is translated: catalogues, their compilation, and a check that no public
page shows an English string that did not go through gettext."""

import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

import polib
import pytest

from demo.seed import seed
from hub.translations import catalogues, compile_catalogue
from tests.i18n_tools import (
    build_pseudo_locale,
    database_text,
    english_runs,
    pseudo,
    public_journeys,
    reset_translation_cache,
    visible_texts,
)

ROOT = Path(settings.BASE_DIR)
POLISH_PO = ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"
URDU_PO = ROOT / "locale" / "ur" / "LC_MESSAGES" / "django.po"


# The catalogues ------------------------------------------------------------------------


def test_every_offered_language_but_english_has_a_catalogue():
    languages = {path.parts[-3] for path in catalogues()}
    offered = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    assert offered <= languages


@pytest.mark.parametrize(
    ("po", "plural_forms"),
    [
        (POLISH_PO, "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "),
        (URDU_PO, "nplurals=2; plural=(n != 1);"),
    ],
)
def test_catalogue_headers_give_the_language_and_its_plural_forms(po, plural_forms):
    catalogue = polib.pofile(str(po))
    assert catalogue.metadata["Language"] == po.parts[-3]
    assert catalogue.metadata["Plural-Forms"].startswith(plural_forms)
    assert "charset=UTF-8" in catalogue.metadata["Content-Type"]


@pytest.mark.parametrize("po", [POLISH_PO, URDU_PO], ids=["pl", "ur"])
def test_every_string_is_translated_with_no_fuzzy_entries(po):
    """Every msgid, public or admin-only (the huddle's screens, model labels, emails): an
    untranslated one shows English, and a fuzzy one is not used at all. Run makemessages
    (docs/translations.md) so the catalogue holds every current string."""
    catalogue = polib.pofile(str(po))
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not fuzzy, fuzzy
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    assert catalogue.percent_translated() == 100
    forms = 3 if po == POLISH_PO else 2
    plurals = [entry for entry in catalogue if entry.msgid_plural]
    assert plurals
    assert all(
        len(entry.msgstr_plural) == forms and all(entry.msgstr_plural.values()) for entry in plurals
    )


def test_catalogues_compile_without_msgfmt(tmp_path):
    """A machine without GNU gettext still gets working catalogues (polib)."""
    po = tmp_path / "django.po"
    po.write_bytes(URDU_PO.read_bytes())
    mo = compile_catalogue(po, use_msgfmt=False)
    compiled = polib.mofile(str(mo))
    assert len(compiled) == len(polib.pofile(str(po)).translated_entries())
    assert compiled.find("Search").msgstr == "تلاش"


@pytest.mark.skipif(not Path("/usr/bin/msgfmt").exists(), reason="GNU gettext not installed")
@pytest.mark.parametrize("po", [POLISH_PO, URDU_PO], ids=["pl", "ur"])
def test_msgfmt_accepts_the_catalogues_with_format_checks(po, tmp_path):
    subprocess.run(  # noqa: S603
        ["/usr/bin/msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po)],
        check=True,
    )


def test_compile_translations_command_reports_what_it_did(capsys):
    call_command("compile_translations", "--python", "--force")
    out = capsys.readouterr().out
    assert "locale/pl/LC_MESSAGES/django.mo (polib)" in out
    assert "locale/ur/LC_MESSAGES/django.mo (polib)" in out
    call_command("compile_translations")
    assert "up to date" in capsys.readouterr().out


def test_mo_files_are_not_committed():
    assert "*.mo" in (ROOT / ".gitignore").read_text().split()


def test_translations_keep_their_placeholders():
    for po in (POLISH_PO, URDU_PO):
        for entry in polib.pofile(str(po)).translated_entries():
            for placeholder in ("%(", "{count}"):
                if placeholder in entry.msgid and not entry.msgid_plural:
                    assert entry.msgstr.count(placeholder) == entry.msgid.count(placeholder), (
                        po.parts[-3],
                        entry.msgid,
                    )


def test_compiled_catalogues_are_used():
    with translation.override("pl"):
        assert translation.gettext("Search") == "Szukaj"
    with translation.override("ur"):
        assert translation.gettext("Search") == "تلاش"


# The pseudo-locale ------------------------------------------------------------------------


def test_pseudo_keeps_placeholders_and_tags_and_leaves_no_plain_word():
    text = pseudo('Step %(number)s of %(total)s: <a href="/x/">read {count} more</a> &amp;')
    assert "%(number)s" in text and "%(total)s" in text and "{count}" in text
    assert '<a href="/x/">' in text and "&amp;" in text
    assert english_runs(pseudo("Read more about the Model for Improvement"), "") == []


def test_english_runs_allows_database_text_and_finds_the_rest():
    allowed = "Halving inpatient falls\nWard 7, Kingsmead"
    assert english_runs("Halving inpatient falls", allowed) == []
    assert english_runs(f"{pseudo('Read')} Halving inpatient falls", allowed) == []
    assert english_runs("Back to top", allowed) == ["Back to top"]


@pytest.fixture
def pseudo_polish(tmp_path, settings):
    """The Polish catalogue's msgids, each "translated" into dotted pseudo-English, in place
    of the real Polish for the length of a test."""
    settings.LOCALE_PATHS = [build_pseudo_locale(POLISH_PO, tmp_path / "locale")]
    reset_translation_cache()
    yield
    reset_translation_cache()


@pytest.mark.django_db
def test_no_public_page_shows_an_unmarked_english_string(
    client, home_page, pseudo_polish, django_capture_on_commit_callbacks, settings, tmp_path
):
    """Render every public journey under the pseudo-locale: each run of plain English must
    come from the database. An unmarked template string (or a marked one missing from the
    catalogues) shows up here as plain English and fails the test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "hub.private_files.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    problems = []
    rendered = 0
    with django_capture_on_commit_callbacks(execute=True):
        for label, html in public_journeys(client, "pl"):
            rendered += 1
            allowed = database_text()
            for text in visible_texts(html):
                for run in english_runs(text, allowed):
                    problems.append(f"{label}: {run!r} in {text[:120]!r}")
    assert rendered >= 35
    assert not problems, "Unmarked English on public pages:\n" + "\n".join(sorted(set(problems)))
