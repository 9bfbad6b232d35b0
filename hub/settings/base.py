"""Settings shared by every environment.

Safe for production on its own: DEBUG is off, the secret key and allowed hosts come only from
the environment, and every optional service switches on only when its variable is set. See
docs/environment.md for the full list of variables.
"""

from datetime import timedelta
from pathlib import Path

from django.conf.locale import LANG_INFO

import dj_database_url

# The analysis a search cluster's indexes get: plain functions and tables, no models.
from search.analysis import cluster_index_settings

from .env import env, env_base_url, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything the running site writes (SQLite database, uploaded media, emails written to
# files, collected static files, screenshots) lives under one ignored folder.
VAR_DIR = Path(env("HUB_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The one public address every absolute link starts with (emails, API, sitemap, hreflang),
# whatever host a request arrived on; see hub/links.py. Required in production.
HUB_BASE_URL = env_base_url("HUB_BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "hub",
    "pages",
    "submissions",
    "directory",
    "bookings",
    "sharing",
    "search",
    "feedback",
    "upkeep",
    "following",
    "opendata",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtailnhsukfrontend",
    "wagtailnhsukfrontend.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    # Promoted results for chosen queries (search.promotions shows them).
    "wagtail.contrib.search_promotions",
    # Purges a CDN in front of the hub on publish, when WAGTAILFRONTENDCACHE names one.
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v3",
    "wagtail",
    "ninja",
    "corsheaders",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # ETag on every page, and 304 for a browser or CDN that has it already.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous visitors' public pages from the shared cache (hub/page_cache.py): above the
    # policies, so a cached page keeps the headers it was made with, and above everything
    # that reads the database, so a cached page needs none.
    "hub.page_cache.PageCacheMiddleware",
    # Content-Security-Policy (django-csp; the admin's own policy) and Permissions-Policy on
    # every response, error pages included.
    "hub.middleware.ContentSecurityPolicyMiddleware",
    "hub.middleware.PermissionsPolicyMiddleware",
    "hub.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "hub.middleware.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hub.middleware.HubLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-step sign-in: request.user.is_verified(), and the admin asks for the code.
    "django_otp.middleware.OTPMiddleware",
    "hub.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Sign-in lockouts (django-axes): last, as it asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "hub.context_processors.hub",
            ],
            # Django's ``date`` filter with genitive months after a day (hub/dates.py).
            "builtins": ["hub.templatetags.hub_dates"],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A database host that drops packets fails a request (503) and /health/ in seconds,
        # rather than holding a web worker until the proxy gives up.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
        )
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(VAR_DIR / "db.sqlite3")),
            "OPTIONS": {
                # Write-ahead logging and immediate transactions keep the development server,
                # a task worker and a shell from tripping over "database is locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# Sign-in protection (django-axes, hub/signin.py): failed sign-ins are counted per account and
# per address (the admin's form and API bearer tokens alike); past the limit, that account or
# address is refused for the lockout time, counted from its last failure. Hub editors unlock
# early (Settings → Sign-in lockouts). Every lockout is logged (logger "hub.security").
AUTHENTICATION_BACKENDS = [
    "hub.signin.SignInLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("HUB_SIGNIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("HUB_SIGNIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A locked-out client's further tries do not extend its lockout: it ends on time.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "hub.abuse.client_ip"
AXES_LOCKOUT_CALLABLE = "hub.signin.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# No row for every successful sign-in (personal data kept for nothing); failures are kept
# only for the lockout time.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "token", "otp_token"]
# Two-step sign-in (django-otp, hub/two_factor.py): any admin user may add an authenticator
# app; with HUB_REQUIRE_2FA on, hub editors, huddle members and superusers must.
HUB_REQUIRE_2FA = env_bool("HUB_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = env("HUB_SITE_NAME", "Improvement Hub")

# Languages. English is the default and is served without a prefix; every other language
# in HUB_LANGUAGES is served under /<code>/ once its home page is translated and live.
LANGUAGE_CODE = "en"
HUB_LANGUAGE_CODES = env_list("HUB_LANGUAGES", ["en", "pl", "ur"])
if LANGUAGE_CODE not in HUB_LANGUAGE_CODES:
    HUB_LANGUAGE_CODES.insert(0, LANGUAGE_CODE)
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in HUB_LANGUAGE_CODES]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# A new translation starts as a draft, whatever the source's state: wagtail-localize's
# default publishes the untranslated copy of a live page at once, unreviewed.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_TZ = True

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": env("AWS_SECRET_ACCESS_KEY"),
            # Uploaded files are private by default and served through signed URLs.
            "default_acl": None,
            "querystring_auth": True,
            # Without a region botocore signs URLs with Signature Version 2, which S3 refuses
            # for buckets made since June 2020 (tests/services/test_s3.py).
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    # WhiteNoise's hashed and compressed files, minus missing third-party source maps.
    "staticfiles": {"BACKEND": "hub.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: local memory unless REDIS_URL is set.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "hub.redis_cache.RedisCache",  # Django's, one client per pool
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "hub"),
            # Seconds: a Redis that stops answering fails fast instead of hanging workers.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions read from Redis and are kept in the database, so a Redis restart (it keeps
    # nothing on disk) signs nobody out and loses no draft idea.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (hub/page_cache.py): whole public pages for anonymous visitors, in the
# default cache (so, with several web processes, set REDIS_URL: local memory is per
# process). HUB_PAGE_CACHE_SECONDS bounds what only time changes (upcoming events, "today").
HUB_PAGE_CACHE = env_bool("HUB_PAGE_CACHE", True)
HUB_PAGE_CACHE_SECONDS = env_int("HUB_PAGE_CACHE_SECONDS", 600)
# Parts of pages (navigation, cards, facets) each web process keeps in its own memory for
# the current generation as well, to skip a round trip to Redis (0: none).
HUB_PAGE_CACHE_LOCAL_ITEMS = env_int("HUB_PAGE_CACHE_LOCAL_ITEMS", 1000)
# Whole pages each web process keeps in its own memory for the current generation, up to this
# many bytes of HTML (0: none): a page served from it costs one round trip (the generation).
HUB_PAGE_CACHE_LOCAL_BYTES = env_int("HUB_PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024)
# A CDN in front (Wagtail's front-end cache invalidation, e.g. Varnish or nginx taking PURGE
# at FRONTEND_CACHE_PURGE_URL): pages say it may keep them for HUB_CDN_MAX_AGE seconds, and
# a publish purges the page at once; other changes reach the CDN within that time.
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
HUB_CDN_MAX_AGE = env_int("HUB_CDN_MAX_AGE", 300)

# Email: SMTP when EMAIL_HOST is set, otherwise each message is written to var/mail/ as an
# .eml file that any mail program opens.
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
else:
    EMAIL_BACKEND = "hub.mail.EmlFileBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Improvement Hub <no-reply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background tasks. Wagtail's own tasks (search and reference indexing) stay immediate so new
# content is searchable at once; the hub's outgoing email goes through the "email" backend,
# which becomes a database queue (processed by `manage.py db_worker --backend email`) when
# EMAIL_QUEUE=database.
_IMMEDIATE = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
EMAIL_QUEUE = env("EMAIL_QUEUE", "immediate")
TASKS = {
    "default": _IMMEDIATE,
    "email": (
        {"BACKEND": "django_tasks_db.backend.DatabaseBackend", "QUEUES": ["email"]}
        if EMAIL_QUEUE == "database"
        else {**_IMMEDIATE, "QUEUES": ["email"]}
    ),
}

# Search: the database backend (SQLite FTS5 or PostgreSQL full text) unless ELASTICSEARCH_URL
# or OPENSEARCH_URL names a cluster (never both). Each has its own prefix and timeout variables.
# A cluster's indexes get the hub's analysis (INDEX_SETTINGS: English stems, and Polish ones
# when ..._POLISH_STEMMER says the cluster has the analysis-stempel plugin); update_index adds
# the editors' synonym sets (search/management/commands/update_index.py).
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
OPENSEARCH_URL = env("OPENSEARCH_URL")
if ELASTICSEARCH_URL and OPENSEARCH_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "ELASTICSEARCH_URL and OPENSEARCH_URL are both set, but the hub searches one cluster: "
        "unset the one you do not use. See docs/environment.md."
    )
SEARCH_POLISH_STEMMER = False
if ELASTICSEARCH_URL:
    import elasticsearch

    _es_major = env_int("ELASTICSEARCH_VERSION", int(elasticsearch.__versionstr__.split(".")[0]))
    SEARCH_POLISH_STEMMER = env_bool("ELASTICSEARCH_POLISH_STEMMER", False)
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.elasticsearch{_es_major}",
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX_PREFIX": env("ELASTICSEARCH_INDEX_PREFIX", "hub_"),
            "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 10),
            "OPTIONS": {},
            "INDEX_SETTINGS": cluster_index_settings(polish_stemmer=SEARCH_POLISH_STEMMER),
        }
    }
elif OPENSEARCH_URL:
    # Wagtail's opensearch2/opensearch3 backend must match the opensearch-py major version
    # (opensearch2 calls the 2.x client's positional API); the 3.x client serves OpenSearch 2
    # and 3 clusters alike.
    import opensearchpy

    _os_client = int(opensearchpy.__versionstr__.split(".")[0])
    _os_major = env_int("OPENSEARCH_VERSION", _os_client)
    if _os_major not in (2, 3) or _os_major != _os_client:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"OPENSEARCH_VERSION is {_os_major} with opensearch-py "
            f"{opensearchpy.__versionstr__} installed: Wagtail's opensearch2 and opensearch3 "
            "backends each need the client of the same major version. Unset "
            "OPENSEARCH_VERSION or install the matching client. See docs/environment.md."
        )
    SEARCH_POLISH_STEMMER = env_bool("OPENSEARCH_POLISH_STEMMER", False)
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.opensearch{_os_major}",
            "URLS": env_list("OPENSEARCH_URL"),
            "INDEX_PREFIX": env("OPENSEARCH_INDEX_PREFIX", "hub_"),
            "TIMEOUT": env_int("OPENSEARCH_TIMEOUT", 10),
            "OPTIONS": {},
            "INDEX_SETTINGS": cluster_index_settings(polish_stemmer=SEARCH_POLISH_STEMMER),
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# What people search for is counted in each process's memory and written this often, in
# seconds, by a background thread (search/query_log.py); the tests write when they ask.
SEARCH_LOG_FLUSH_SECONDS = 60

# Wagtail
WAGTAIL_SITE_NAME = env("HUB_SITE_NAME", "Improvement Hub")
# Wagtail's own links (its emails, the API's detail_url) use the hub's one address.
WAGTAILADMIN_BASE_URL = HUB_BASE_URL
WAGTAILAPI_BASE_URL = HUB_BASE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin makes no requests to other servers either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
TAGGIT_CASE_INSENSITIVE = True
WAGTAILSNIPPETS_MENU_SHOW_ALL = False

# The huddle's working-day clocks skip this calendar's public holidays (the holidays
# package: a country code, or "none" for weekends only; for GB, ENG, NIR, SCT or WLS).
HUB_HOLIDAYS_COUNTRY = env("HUB_HOLIDAYS_COUNTRY", "GB")
HUB_HOLIDAYS_SUBDIVISION = env(
    "HUB_HOLIDAYS_SUBDIVISION", "ENG" if HUB_HOLIDAYS_COUNTRY == "GB" else ""
)

# Public forms: how many proxies in front of the hub add X-Forwarded-For (0: trust none),
# and how many posts an address may make per hour to each public form.
HUB_TRUSTED_PROXY_COUNT = env_int("HUB_TRUSTED_PROXY_COUNT", 0)
HUB_PUBLIC_FORM_RATE_LIMIT = env_int("HUB_PUBLIC_FORM_RATE_LIMIT", 10)

# Open data (/open-data/): the licence every file is published under, the smallest idea count
# shown (smaller ones are suppressed) and how many files one address may download an hour.
HUB_OPEN_DATA_LICENCE = env("HUB_OPEN_DATA_LICENCE", "Open Government Licence v3.0")
HUB_OPEN_DATA_LICENCE_URL = env(
    "HUB_OPEN_DATA_LICENCE_URL",
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
)
HUB_OPEN_DATA_SMALL_NUMBER = env_int("HUB_OPEN_DATA_SMALL_NUMBER", 5)
HUB_OPEN_DATA_RATE_LIMIT = env_int("HUB_OPEN_DATA_RATE_LIMIT", 120)

# Following a topic by email: how long an unconfirmed subscription waits for its
# confirmation, and how many subscribe requests one address may make an hour.
HUB_FOLLOW_CONFIRM_DAYS = env_int("HUB_FOLLOW_CONFIRM_DAYS", 7)

# Security that holds everywhere; production.py adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail sets SAMEORIGIN on its own preview views, which are the only framed pages.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Content-Security-Policy (django-csp 4; hub.middleware.ContentSecurityPolicyMiddleware picks
# the policy by path). Public pages: scripts only from the hub's own files, never inline; the
# one inline <style> (an organisation's header colour) is allowed by its hash (never a nonce:
# the page cache serves one page to many visitors); nothing
# from another site except uploaded images when media live in S3 (CSP_MEDIA_ORIGINS, or the
# bucket's own address). Reports of violations go to /csp-report/ (logged, see security.md).
_S3_REGION = env("AWS_S3_REGION_NAME")
_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
_S3_ENDPOINT = env("AWS_S3_ENDPOINT_URL")
if AWS_STORAGE_BUCKET_NAME:
    if _S3_CUSTOM_DOMAIN:
        _media_default = [f"https://{_S3_CUSTOM_DOMAIN}"]
    elif _S3_ENDPOINT:
        _media_default = [_S3_ENDPOINT.rstrip("/")]
    else:
        _media_default = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"] + (
            [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{_S3_REGION}.amazonaws.com"]
            if _S3_REGION
            else []
        )
else:
    _media_default = []
HUB_CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS", _media_default)
HUB_CSP_REPORT_URI = "/csp-report/"
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", *HUB_CSP_MEDIA_ORIGINS],
        "media-src": [_SELF, *HUB_CSP_MEDIA_ORIGINS],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [_NONE],
        "object-src": [_NONE],
        "worker-src": [_NONE],
        "base-uri": [_NONE],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
        "report-uri": [HUB_CSP_REPORT_URI],
    },
}
# The Wagtail admin: Wagtail 8 still writes small inline scripts (the page explorer and editor,
# some widgets, the huddle's idea page), its widgets set inline styles, show image previews
# from blob:/data: addresses and frame the page preview. Nothing from another site.
HUB_ADMIN_CSP = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:", *HUB_CSP_MEDIA_ORIGINS],
    "media-src": [_SELF, "blob:", *HUB_CSP_MEDIA_ORIGINS],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "frame-src": [_SELF],
    "object-src": [_NONE],
    "worker-src": [_SELF, "blob:"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
    "report-uri": [HUB_CSP_REPORT_URI],
}
# The API's interactive docs (Swagger UI, served by the hub): inline styles and data: icons.
HUB_API_DOCS_CSP = {
    **HUB_ADMIN_CSP,
    "frame-src": [_NONE],
    "frame-ancestors": [_NONE],
    "worker-src": [_NONE],
}
# Powerful browser features no page of the hub uses, switched off for every page and frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# The admin's own pages may go full screen (the page preview) and copy to the clipboard.
PERMISSIONS_POLICY["fullscreen"] = ["self"]
PERMISSIONS_POLICY["clipboard-write"] = ["self"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "WARNING"},
        # One line per task run is noise; failures still show.
        "django_tasks": {"level": "WARNING"},
    },
}

# Event bookings --------------------------------------------------------------------------
# Places at events booked through the hub (bookings app); see docs/bookings.md.
# Bookings' personal data (name, email, organisation, needs) is removed this many days after
# the event ends.
BOOKINGS_RETENTION_DAYS = env_int("BOOKINGS_RETENTION_DAYS", 90)
# A freed place offered to the next person waiting stays theirs this long, then passes on.
BOOKINGS_OFFER_HOURS = env_int("BOOKINGS_OFFER_HOURS", 48)

# Idea submissions ------------------------------------------------------------------------
# The idea portal at /submit-an-idea/ (submissions app); see docs/submissions.md.
# Final submissions (and continue-later emails) accepted per client IP per hour.
SUBMISSIONS_RATE_LIMIT = env_int("SUBMISSIONS_RATE_LIMIT", 10)
# Personal data is removed from ideas closed longer ago than this.
SUBMISSIONS_RETENTION_MONTHS = env_int("SUBMISSIONS_RETENTION_MONTHS", 24)
# A draft, and the emailed link to continue it, last this long after the last save.
SUBMISSIONS_DRAFT_EXPIRY_DAYS = env_int("SUBMISSIONS_DRAFT_EXPIRY_DAYS", 30)
# Attachments on the idea form, per client address and per draft, per hour; and in all on one
# idea. Past a limit the file is refused beside the field (429, Retry-After), answers kept.
_MB = 1024 * 1024
SUBMISSIONS_UPLOADS_PER_HOUR = env_int("SUBMISSIONS_UPLOADS_PER_HOUR", 20)
SUBMISSIONS_UPLOAD_BYTES_PER_HOUR = env_int("SUBMISSIONS_UPLOAD_MB_PER_HOUR", 50) * _MB
SUBMISSIONS_DRAFT_UPLOADS_PER_HOUR = env_int("SUBMISSIONS_DRAFT_UPLOADS_PER_HOUR", 10)
SUBMISSIONS_DRAFT_UPLOAD_BYTES_PER_HOUR = env_int("SUBMISSIONS_DRAFT_UPLOAD_MB_PER_HOUR", 30) * _MB
SUBMISSIONS_DRAFT_MAX_BYTES = env_int("SUBMISSIONS_DRAFT_MAX_MB", 20) * _MB
# The client address comes from hub.abuse.client_ip (HUB_TRUSTED_PROXY_COUNT, above).
# Attachments: never under MEDIA_ROOT/MEDIA_URL. A private folder, or a private prefix of
# the S3 bucket (no custom domain, signed URLs only) when S3 is configured.
HUB_PRIVATE_DIR = Path(env("HUB_PRIVATE_DIR", str(VAR_DIR / "private")))
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_default_storage["OPTIONS"],
            "location": "private",
            "custom_domain": None,
            "querystring_auth": True,
        },
    }
else:
    STORAGES["private"] = {
        "BACKEND": "hub.private_files.PrivateFileSystemStorage",
        "OPTIONS": {"location": HUB_PRIVATE_DIR},
    }
# End of idea submissions -----------------------------------------------------------------

# Share your work -------------------------------------------------------------------------
# Staff send a case study at /share-your-work/ (sharing app; see docs/sharing.md). Files go
# to STORAGES["private"] under the same upload limits as the idea form.
# Case studies sent (and continue-later emails) accepted per client IP per hour.
SHARING_RATE_LIMIT = env_int("SHARING_RATE_LIMIT", 10)
# A draft, and the emailed link to continue it, last this long after the last save.
SHARING_DRAFT_EXPIRY_DAYS = env_int("SHARING_DRAFT_EXPIRY_DAYS", 30)
# The sender's name, email and role (and the files) are removed this long after the case
# study first went live, or after it was sent if it never does.
SHARING_RETENTION_MONTHS = env_int("SHARING_RETENTION_MONTHS", 12)

# Personal data: how long each kind is kept (hub/personal_data.py; the scheduled
# purge_personal_data job removes what is older; the privacy notice lists them). Ideas and
# drafts keep their own settings above.
# A request to a coach, with its relayed email, is deleted this long after it was sent.
DIRECTORY_CONTACT_REQUEST_RETENTION_MONTHS = env_int(
    "DIRECTORY_CONTACT_REQUEST_RETENTION_MONTHS", 12
)
# A spread-register entry's contact name, email and notes are removed this long after it was
# registered; the adoption itself (organisation, team, stage) stays and is still counted.
PAGES_ADOPTION_CONTACT_RETENTION_MONTHS = env_int("PAGES_ADOPTION_CONTACT_RETENTION_MONTHS", 24)
# The outbox's record of an email sent or given up (its address and subject) is deleted
# this long after it was recorded.
HUB_OUTBOX_RETENTION_DAYS = env_int("HUB_OUTBOX_RETENTION_DAYS", 365)
# Failed sign-in records (account name and IP address, django-axes) are deleted this long
# after the last attempt.
HUB_SIGNIN_RECORDS_RETENTION_DAYS = env_int("HUB_SIGNIN_RECORDS_RETENTION_DAYS", 90)

# Headless API --------------------------------------------------------------------------------
# Wagtail's v3 API plus the hub's routers at /api/v3/ (hub.api); see docs/api.md.
# Largest page a client may ask for with ?limit= (a larger one is a 400 error).
WAGTAILAPI_LIMIT_MAX = env_int("API_LIMIT_MAX", 50)
# Browser origins allowed to call the API from JavaScript (none unless named).
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_CREDENTIALS = False
# What a browser client on an allowed origin may send and read: the idempotency key on a
# posted idea, conditional requests; Retry-After on a 429, the pagination Link header and
# the caching headers (docs/api.md, "CORS").
CORS_ALLOW_HEADERS = (
    "accept",
    "accept-language",
    "authorization",
    "content-type",
    "idempotency-key",
    "if-modified-since",
    "if-none-match",
)
CORS_EXPOSE_HEADERS = ("Retry-After", "Link", "ETag", "Last-Modified", "Allow")
# Ideas posted through the API per client address per hour (the web form has its own limit).
API_SUBMISSIONS_RATE_LIMIT = env_int("API_SUBMISSIONS_RATE_LIMIT", 10)
# Largest request body the API reads, in bytes (an idea is text only: no attachments).
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 64 * 1024)
