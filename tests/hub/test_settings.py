"""Settings come from environment variables only; production refuses to start half-configured.

Each case runs Django in a fresh process with a controlled environment, as a deployment would.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import pytest

from hub.settings import env as env_module

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "x8#kq2!vL9@pR4$wZ7^nT1&cY6*hJ3(mB5)dF0_gS8+eA2-uQ9=iO4",
    "ALLOWED_HOSTS": "hub.example.nhs.uk",
    "HUB_BASE_URL": "https://hub.example.nhs.uk",
}
PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.core.mail import get_connection
from django_tasks import task_backends
from django.apps import apps
print(json.dumps({
    "debug": settings.DEBUG,
    "demo": apps.is_installed("demo"),
    "db_engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "search": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "search_urls": settings.WAGTAILSEARCH_BACKENDS["default"].get("URLS"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "storage": settings.STORAGES["default"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
    "email_file_path": str(getattr(settings, "EMAIL_FILE_PATH", "")),
    "email_tasks": type(task_backends["email"]).__name__,
    "default_tasks": type(task_backends["default"]).__name__,
    "media_root": str(settings.MEDIA_ROOT),
    "languages": [code for code, name in settings.LANGUAGES],
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "base_urls": [
        settings.HUB_BASE_URL, settings.WAGTAILADMIN_BASE_URL, settings.WAGTAILAPI_BASE_URL
    ],
}))
"""


def run_django(settings_module, extra_env, code=PROBE, args=None, tmp_path=None):
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV", "TMPDIR"}
    }
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    if tmp_path is not None:
        env["HUB_VAR_DIR"] = str(tmp_path)
    env.update(extra_env)
    command = [sys.executable, *(args or ["-c", code])]
    return subprocess.run(  # noqa: S603 - fixed command, test-controlled input
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def probe(settings_module, extra_env, tmp_path):
    result = run_django(settings_module, extra_env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_defaults_need_nothing_installed(tmp_path):
    config = probe("hub.settings.dev", {}, tmp_path)
    assert config["db_engine"] == "django.db.backends.sqlite3"
    assert config["db_name"] == str(tmp_path / "db.sqlite3")
    assert config["search"] == "wagtail.search.backends.database"
    assert config["cache"].endswith("LocMemCache")
    assert config["storage"] == "django.core.files.storage.FileSystemStorage"
    assert config["media_root"] == str(tmp_path / "media")
    assert config["email"] == "hub.mail.EmlFileBackend"
    assert config["email_file_path"] == str(tmp_path / "mail")
    assert config["email_tasks"] == "ImmediateBackend"
    assert config["default_tasks"] == "ImmediateBackend"
    assert config["languages"] == ["en", "pl", "ur"]
    assert config["debug"] is True
    assert config["base_urls"] == ["http://127.0.0.1:8000"] * 3
    assert config["demo"] is True  # seed_demo, demo_logins


def test_production_services_switch_on_by_variable(tmp_path):
    config = probe(
        "hub.settings.production",
        {
            **PRODUCTION,
            "DATABASE_URL": "postgres://hub:secret@db.internal:5432/hub",
            "ELASTICSEARCH_URL": "https://search.internal:9200",
            "REDIS_URL": "redis://cache.internal:6379/0",
            "AWS_STORAGE_BUCKET_NAME": "hub-media",
            "EMAIL_HOST": "smtp.internal",
            "EMAIL_QUEUE": "database",
            "HUB_LANGUAGES": "en,pl,ur",
        },
        tmp_path,
    )
    assert config["debug"] is False
    assert config["db_engine"] == "django.db.backends.postgresql"
    assert config["db_name"] == "hub"
    assert config["search"].startswith("wagtail.search.backends.elasticsearch")
    assert config["search_urls"] == ["https://search.internal:9200"]
    assert config["cache"] == "hub.redis_cache.RedisCache"
    assert config["storage"] == "storages.backends.s3.S3Storage"
    assert config["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config["email_tasks"] == "DatabaseBackend"
    # Wagtail's own indexing stays immediate so new content is searchable at once.
    assert config["default_tasks"] == "ImmediateBackend"
    assert config["languages"] == ["en", "pl", "ur"]
    assert config["allowed_hosts"] == ["hub.example.nhs.uk"]
    # Wagtail's own base URLs (its emails, the API's detail_url) are the hub's one address.
    assert config["base_urls"] == ["https://hub.example.nhs.uk"] * 3
    assert config["demo"] is False  # no demo content or demo accounts in production


def test_demo_production_is_production_plus_the_demo_app(tmp_path):
    """What .ci/production seeds the demo with: production settings, and seed_demo."""
    config = probe("hub.settings.demo_production", PRODUCTION, tmp_path)
    assert config["debug"] is False
    assert config["allowed_hosts"] == ["hub.example.nhs.uk"]
    assert config["demo"] is True


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "HUB_BASE_URL"])
def test_production_refuses_to_start_without_required_variable(missing, tmp_path):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = run_django("hub.settings.production", env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_a_base_url_it_cannot_link_with(tmp_path):
    env = {**PRODUCTION, "HUB_BASE_URL": "hub.example.nhs.uk"}
    result = run_django("hub.settings.production", env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured: HUB_BASE_URL must be an http:// or https://" in result.stderr


def test_production_passes_deploy_checks(tmp_path):
    # With the Redis every multi-process deployment needs (the page cache is shared).
    result = run_django(
        "hub.settings.production",
        {**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/0"},
        args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_checks_warn_of_a_page_cache_in_one_process_memory(tmp_path):
    result = run_django(
        "hub.settings.production",
        PRODUCTION,
        args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "hub.W010" in result.stdout + result.stderr
    quiet = run_django(
        "hub.settings.production",
        {**PRODUCTION, "HUB_PAGE_CACHE": "false"},
        args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path=tmp_path,
    )
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr


def test_base_settings_alone_are_safe(tmp_path):
    """Someone who points DJANGO_SETTINGS_MODULE at base gets no debug and no open hosts."""
    config = probe("hub.settings.base", {"SECRET_KEY": PRODUCTION["SECRET_KEY"]}, tmp_path)
    assert config["debug"] is False
    assert config["allowed_hosts"] == []
    assert config["demo"] is False


class TestEnvHelper:
    def test_bool(self, monkeypatch):
        monkeypatch.setenv("HUB_FLAG", "yes")
        assert env_module.env_bool("HUB_FLAG") is True
        monkeypatch.setenv("HUB_FLAG", "off")
        assert env_module.env_bool("HUB_FLAG", default=True) is False
        monkeypatch.setenv("HUB_FLAG", "maybe")
        with pytest.raises(Exception, match="HUB_FLAG must be true or false"):
            env_module.env_bool("HUB_FLAG")

    def test_int_and_list(self, monkeypatch):
        monkeypatch.setenv("HUB_NUMBER", "12")
        assert env_module.env_int("HUB_NUMBER", 3) == 12
        monkeypatch.setenv("HUB_NUMBER", "twelve")
        with pytest.raises(Exception, match="whole number"):
            env_module.env_int("HUB_NUMBER", 3)
        monkeypatch.setenv("HUB_HOSTS", " a.example , b.example,, ")
        assert env_module.env_list("HUB_HOSTS") == ["a.example", "b.example"]
        monkeypatch.delenv("HUB_HOSTS")
        assert env_module.env_list("HUB_HOSTS", ["x"]) == ["x"]

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("https://hub.example.nhs.uk", "https://hub.example.nhs.uk"),
            ("https://hub.example.nhs.uk/", "https://hub.example.nhs.uk"),
            ("HTTPS://Hub.Example.NHS.uk:443", "https://hub.example.nhs.uk"),
            ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
            ("http://localhost:80/", "http://localhost"),
            ("http://[::1]:8000", "http://[::1]:8000"),
        ],
    )
    def test_base_url_is_normalised(self, monkeypatch, value, expected):
        monkeypatch.setenv("HUB_ADDRESS", value)
        assert env_module.env_base_url("HUB_ADDRESS") == expected

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("hub.example.nhs.uk", "must be an http:// or https:// address"),
            ("ftp://hub.example.nhs.uk", "must be an http:// or https:// address"),
            ("https://", "must be an http:// or https:// address"),
            ("https://hub.example.nhs.uk/hub", "nothing after the host and port"),
            ("https://hub.example.nhs.uk/?a=1", "nothing after the host and port"),
            ("https://user@hub.example.nhs.uk", "nothing after the host and port"),
            ("https://hub.example.nhs.uk:port", "invalid port"),
            # Wagtail's Site tells the scheme from the port.
            ("https://staging.example.nhs.uk:8443", "https on port 443"),
            ("http://hub.example.nhs.uk:443", "https on port 443"),
        ],
    )
    def test_base_url_refuses_what_cannot_prefix_a_path(self, monkeypatch, value, message):
        monkeypatch.setenv("HUB_ADDRESS", value)
        with pytest.raises(ImproperlyConfigured, match=f"HUB_ADDRESS.*{message}"):
            env_module.env_base_url("HUB_ADDRESS")

    def test_required_names_the_variable(self, monkeypatch):
        monkeypatch.delenv("HUB_MISSING", raising=False)
        with pytest.raises(Exception, match="HUB_MISSING is required"):
            env_module.env("HUB_MISSING", required=True)


def test_every_variable_read_is_documented():
    """docs/environment.md lists every variable the settings read."""
    import re

    settings_dir = BASE_DIR / "hub" / "settings"
    names = set()
    for path in settings_dir.glob("*.py"):
        names |= set(re.findall(r"env(?:_[a-z_]+)?\(\s*\"([A-Z0-9_]+)\"", path.read_text()))
    documented = (BASE_DIR / "docs" / "environment.md").read_text()
    example = (BASE_DIR / ".env.example").read_text()
    assert names, "no variables found: the pattern above is out of date"
    missing_docs = sorted(name for name in names if f"`{name}`" not in documented)
    missing_example = sorted(name for name in names if name not in example)
    assert not missing_docs, f"not in docs/environment.md: {missing_docs}"
    assert not missing_example, f"not in .env.example: {missing_example}"
