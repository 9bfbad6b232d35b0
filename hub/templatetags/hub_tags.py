from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

from hub import languages, links

register = template.Library()


@register.simple_tag
def nav_state(item, page):
    """'page' when ``item`` is the current page, 'true' when it is an ancestor, else ''."""
    if page is None or not getattr(page, "url_path", None):
        return ""
    if item.pk == page.pk:
        return "page"
    if page.url_path.startswith(item.url_path):
        return "true"
    return ""


@register.simple_tag
def home_url():
    """The home page of the active language (English is unprefixed)."""
    language = get_language() or settings.LANGUAGE_CODE
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"


@register.simple_tag(takes_context=True)
def lang_if_fallback(context, obj):
    """` lang="en"` when ``obj`` is shown untranslated inside a page in another language.

    Listings fall back to the default language (see ``hub.models.localized``), and WCAG 3.1.2
    wants such passages marked with their language.
    """
    page = context.get("page")
    if page is None or getattr(obj, "locale_id", None) in (None, page.locale_id):
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every offered language (``hub.languages.language_versions``)."""
    return languages.language_versions(context.get("request"), context.get("page"))


@register.simple_tag
def absolute_url(url):
    """``url`` on the hub's public address (``hub.links.absolute_url``)."""
    return links.absolute_url(url)


@register.simple_tag
def selected_filter_count(facets, extra=None) -> int:
    """How many filter values a listing's visitor has chosen (options, and dates on the
    events listing): the number on the "Filter" control that folds them on phones."""
    count = sum(len(facet.selected) for facet in facets)
    if extra:
        count += sum(1 for key in ("date_from", "date_to") if extra.get(key))
    return count
