from django.db.models import F, OuterRef, Subquery
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from wagtail.models import Page, Site

from . import page_cache
from .models import HubSettings, default_locale, in_active_language, public


def _navigation(request):
    """Main navigation: the current language's home page children marked "show in menus",
    in the order of the default language's menu. A translated page is placed where its
    source page is (a tree's order is the order its pages were made in, and editors
    translate pages in any order); a page with no source in the default language comes
    after them, in its own tree's order."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = in_active_language(site.root_page)
    pages = public(Page.objects.child_of(root).live()).in_menu().only("title", "url_path")
    if root.locale_id != default_locale().pk:
        source_path = Page.objects.filter(
            translation_key=OuterRef("translation_key"), locale_id=default_locale().pk
        ).values("path")[:1]
        pages = pages.annotate(source_path=Subquery(source_path)).order_by(
            F("source_path").asc(nulls_last=True), "path"
        )
    return list(pages)


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
