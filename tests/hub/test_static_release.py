"""The release step: collectstatic under the production storage, as an operator runs it."""

import re

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command

import pytest

from hub.storage import StaticFilesStorage

PRODUCTION_STATIC = {"BACKEND": "hub.storage.StaticFilesStorage"}


@pytest.fixture
def collected(tmp_path, settings):
    """Run collectstatic with the manifest storage into an empty folder, once per test."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC}
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_collectstatic_succeeds_with_the_packages_missing_source_maps(collected):
    css = next((collected / "wagtailnhsukfrontend" / "css").glob("nhsuk-frontend-*.min.*.css"))
    js = next((collected / "wagtailnhsukfrontend" / "js").glob("nhsuk-frontend-*.min.*.js"))
    # The hashed copies no longer point at maps that do not exist.
    assert "sourceMappingURL" not in css.read_text()
    assert "sourceMappingURL" not in js.read_text()
    assert (collected / "staticfiles.json").exists()


def test_pages_link_the_hashed_files_from_the_manifest(collected):
    url = staticfiles_storage.url("wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css")
    assert re.search(r"nhsuk-frontend-10\.4\.2\.min\.[0-9a-f]{12}\.css$", url)


def test_a_source_map_that_exists_keeps_its_reference(tmp_path):
    source = tmp_path / "src"
    (source / "pkg").mkdir(parents=True)
    (source / "pkg" / "app.min.js").write_text("x=1;\n//# sourceMappingURL=app.min.js.map\n")
    (source / "pkg" / "app.min.js.map").write_text("{}")
    storage = StaticFilesStorage(location=tmp_path / "static")
    _post_process(source, storage)
    hashed = next((tmp_path / "static" / "pkg").glob("app.min.*.js"))
    assert re.search(r"sourceMappingURL=app\.min\.js\.[0-9a-f]{12}\.map", hashed.read_text())


def test_any_other_missing_file_still_stops_the_release(tmp_path):
    source = tmp_path / "src"
    (source / "pkg").mkdir(parents=True)
    (source / "pkg" / "site.css").write_text("body{background:url(missing.png)}\n")
    storage = StaticFilesStorage(location=tmp_path / "static")
    with pytest.raises(ValueError, match="missing.png"):
        _post_process(source, storage)


def _post_process(source, storage):
    """Copy the files in ``source`` and post-process them as collectstatic does (it raises the
    exceptions post_process yields)."""
    from django.core.files.storage import FileSystemStorage

    origin = FileSystemStorage(location=source)
    paths = {}
    for path in sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()):
        with origin.open(path) as handle:
            storage.save(path, handle)
        paths[path] = (origin, path)
    for _name, _hashed, processed in storage.post_process(paths):
        if isinstance(processed, Exception):
            raise processed
