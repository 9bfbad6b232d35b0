"""Production: HTTPS only, and refuses to start without the variables it needs."""

from .env import env, env_base_url, env_bool, env_int, env_list

# Fail fast, naming the variable, before anything else is configured.
env("SECRET_KEY", required=True)
env_list("ALLOWED_HOSTS", required=True)
env_base_url("HUB_BASE_URL", required=True)

from .base import *  # noqa: E402, F403

DEBUG = False

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Behind a TLS-terminating proxy (the usual deployment) the proxy sets X-Forwarded-Proto.
if env_bool("SECURE_PROXY_SSL_HEADER", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
