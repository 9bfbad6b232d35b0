"""Settings for the test suite: DATABASE_URL when set (PostgreSQL in CI), SQLite otherwise."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
# Fixed, whatever the shell exports: tests assert on the links the hub makes. The test
# client's host, so a link from an email can be followed by the client.
os.environ["HUB_BASE_URL"] = "http://testserver"

from .base import *  # noqa: E402, F403

DEBUG = False
# The demo content (seed_demo) and the factories the tests build with.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-test-media-")
# WhiteNoise serves straight from the app folders, as in development: no collectstatic.
STATIC_ROOT = tempfile.mkdtemp(prefix="hub-test-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
HUB_PRIVATE_DIR = Path(tempfile.mkdtemp(prefix="hub-test-private-"))
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "hub.private_files.PrivateFileSystemStorage",
    "OPTIONS": {"location": HUB_PRIVATE_DIR},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
HUB_DEMO_PASSWORDS = True
# Tests roll their transactions back without committing, which the page cache's invalidation
# waits for: a page cached by one test could be served to the next. The cache's own tests
# (tests/hub/test_page_cache.py) and the browser tests switch it on.
HUB_PAGE_CACHE = False
# No background thread writing search counts: tests call search.query_log.flush().
SEARCH_LOG_FLUSH_SECONDS = 0
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
