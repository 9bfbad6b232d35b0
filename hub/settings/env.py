"""The one place settings read the environment.

Every setting that varies between machines comes through these helpers, so the list of
variables in ``docs/environment.md`` can be checked against this module's callers.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(
                f"The environment variable {name} is required in this configuration "
                f"but is not set. See docs/environment.md."
            )
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
    value = env(name, required=required)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_base_url(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    """A site's public address, ``scheme://host[:port]``: lower-cased, no trailing slash, no
    default port, so links are made by appending a path (``hub.links.absolute_url``)."""
    value = env(name, default, required=required)
    if value is None:
        return None
    example = "such as https://hub.example.nhs.uk"
    parts = urlsplit(value.strip())
    try:
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} has an invalid port: {value!r}.") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name} must be an http:// or https:// address with a host name, {example}, "
            f"not {value!r}."
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc:
        raise ImproperlyConfigured(
            f"{name} must be the site's address with nothing after the host and port "
            f"(no path, query or user name), {example}, not {value!r}."
        )
    scheme = parts.scheme.lower()
    default_port = 443 if scheme == "https" else 80
    if (scheme == "https") != ((port or default_port) == 443):
        # Wagtail's Site record, which makes every page address, keeps a host and a port and
        # tells the scheme from the port: https is port 443, and port 443 is https.
        raise ImproperlyConfigured(
            f"{name} must use https on port 443 (the default) and http on any other port, "
            f"{example}, not {value!r}."
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{scheme}://{host}" + (f":{port}" if port and port != default_port else "")
