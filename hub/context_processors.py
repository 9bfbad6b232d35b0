from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from wagtail.models import Page, Site

from . import page_cache
from .models import HubSettings, in_active_language, public


def _navigation(request):
    """Main navigation: the current language's home page children marked "show in menus"."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = in_active_language(site.root_page)
    return list(public(Page.objects.child_of(root).live()).in_menu().only("title", "url_path"))


def _settings(request):
    site = Site.find_for_request(request)
    if site is None:
        return HubSettings.for_request(request)
    return page_cache.remember(("hub_settings", site.pk), lambda: HubSettings.for_site(site))


def hub(request):
    # Both the same on every page of a site and language: kept with the page cache's parts.
    return {
        "hub_settings": SimpleLazyObject(lambda: _settings(request)),
        "main_navigation": SimpleLazyObject(
            lambda: page_cache.remember(
                ("navigation", request.get_host(), get_language()), lambda: _navigation(request)
            )
        ),
    }
