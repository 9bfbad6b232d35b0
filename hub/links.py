"""Absolute links: every one the hub makes starts with ``settings.HUB_BASE_URL``.

Emails are often rendered with no request at all (a task worker, a scheduled job), and a
request's own host may be an internal name, so no absolute link is built from a request or
from Wagtail's defaults. Wagtail builds page addresses (``Page.full_url``: the sitemap, the
API's ``html_url``) from its Site record, so ``sync_default_site`` keeps the default Site's
host name and port equal to the setting: after every ``migrate`` (``hub.signals``), in
``seed_demo`` and in the test fixtures that recreate the Site. (Wagtail tells the scheme
from the port, so the setting is https on 443 or http on another port: ``env_base_url``.)
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

from wagtail.models import Site


def absolute_url(url: str) -> str:
    """``url``, a path such as ``/about/``, on the hub's public address.

    An address that is already absolute is returned unchanged, as Django's
    ``build_absolute_uri`` does (a file on object storage, say).
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return url
    if not url.startswith("/"):
        raise ValueError(f"absolute_url() needs a path starting with '/', not {url!r}")
    return settings.HUB_BASE_URL + url


def site_address() -> dict:
    """The default Wagtail Site's ``hostname`` and ``port`` for ``HUB_BASE_URL``."""
    parts = urlsplit(settings.HUB_BASE_URL)
    hostname = parts.hostname
    if ":" in hostname:  # IPv6: Site.root_url puts the host name in the address as it is
        hostname = f"[{hostname}]"
    return {"hostname": hostname, "port": parts.port or (443 if parts.scheme == "https" else 80)}


def sync_default_site(using: str = DEFAULT_DB_ALIAS):
    """Point the default Site at ``HUB_BASE_URL``; returns the Site (None if there is none)."""
    site = Site.objects.using(using).filter(is_default_site=True).first()
    address = site_address()
    if site is not None and (site.hostname, site.port) != (address["hostname"], address["port"]):
        site.hostname, site.port = address["hostname"], address["port"]
        site.save(using=using, update_fields=["hostname", "port"])
    # Wagtail caches every site's root URL (in Redis, when configured, across deployments);
    # the scheme can change with the port unchanged, and then no Site is saved.
    Site.clear_site_root_paths_cache()
    return site
