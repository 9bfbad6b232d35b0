from django.utils.functional import SimpleLazyObject

from wagtail.models import Page, Site

from .models import HubSettings


def _navigation(request):
    """Main navigation: the current language's home page children marked "show in menus"."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page.localized
    return list(Page.objects.child_of(root).live().public().in_menu().only("title", "url_path"))


def hub(request):
    return {
        "hub_settings": SimpleLazyObject(lambda: HubSettings.for_request(request)),
        "main_navigation": SimpleLazyObject(lambda: _navigation(request)),
    }
