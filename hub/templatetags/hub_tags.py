import base64
import hashlib
import re

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from hub import languages, links, page_cache, per_request
from hub.models import in_active_language

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


COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")


@register.simple_tag(takes_context=True)
def header_colour_style(context, colour):
    """The organisation's header colour as an inline ``<style>``, allowed by the policy by its
    hash (``hub.middleware.ContentSecurityPolicyMiddleware``) rather than a nonce: a page
    from the page cache is served to many visitors, and a nonce must never be reused."""
    if not colour or not COLOUR.fullmatch(colour):
        return ""
    css = f":root {{ --hub-header-colour: {colour}; }}"
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    request = context.get("request")
    if request is not None:
        request.__dict__.setdefault("_hub_csp_style_hashes", set()).add(f"'sha256-{digest}'")
    return format_html("<style>{}</style>", css)


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
    """This page in every offered language (``hub.languages.language_versions``): once per
    request, for the switcher and the ``hreflang`` links alike."""
    request, page = context.get("request"), context.get("page")
    page_id = getattr(page, "pk", None)
    # A page's versions are the same for everyone; a view's follow its address.
    address = "" if request is None else request.get_host()
    if page_id is None and request is not None:
        address += request.get_full_path()
    key = ("language_versions", address, page_id, get_language())
    return per_request.remember(
        key,
        lambda: page_cache.remember(key, lambda: languages.language_versions(request, page)),
    )


@register.filter
def localized(obj):
    """``obj`` in the visitor's language (``hub.models.in_active_language``): use it instead
    of Wagtail's ``.localized``, which looks the locale up again on every call."""
    return in_active_language(obj)


@register.filter
def localized_name(obj):
    """The name of a taxonomy or organisation in the visitor's language."""
    obj = in_active_language(obj)
    return "" if obj is None else obj.name


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


@register.simple_tag
def facet_checkboxes(facet, id_prefix):
    """One facet of a listing or of search as checkboxes (components/facet-checkboxes.html),
    rendered once per language and set of options and counts, and kept with the page
    cache's parts: the pages of a listing, and its pages filtered alike, share them, and a
    page the cache misses skips the slowest part of its template (issue 19)."""
    key = (
        "facet-checkboxes",
        get_language(),
        id_prefix,
        facet.param,
        str(facet.label),
        tuple((o.value, str(o.label), o.count, o.selected) for o in facet.options),
    )
    return page_cache.remember(
        key,
        lambda: render_to_string(
            "components/facet-checkboxes.html", {"facet": facet, "id_prefix": id_prefix}
        ),
    )


class _NotKept(Exception):  # noqa: N818 (not an error: a fragment that must not be kept)
    def __init__(self, html):
        self.html = html


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        values = [var.resolve(context) for var in self.vary_on]
        if request is None or not page_cache.may_be_cached(request) or not all(values[:1]):
            return self.nodelist.render(context)
        key = (
            "fragment",
            self.name,
            get_language(),
            request.get_host(),
            tuple(str(value) for value in values),
        )

        def render():
            html = str(self.nodelist.render(context))
            if page_cache.csrf_token_used(request):
                # A form's token is this visitor's alone, whether the fragment shows it or
                # the view asked for it first (and a page with a form is never the same).
                raise _NotKept(html)
            return html

        try:
            html = page_cache.remember(key, render)
        except _NotKept as not_kept:
            html = not_kept.html
        # The template's own output, escaped as it was rendered; kept as a plain string.
        return mark_safe(html)  # noqa: S308


@register.tag
def fragment(parser, token):
    """``{% fragment "name" value ... %}…{% endfragment %}``: the enclosed HTML, rendered once
    per language and set of values and kept with the page cache's parts, so it is never stale
    (any change to what public pages show starts a new generation) and is shared by every
    address that shows it: a card on each listing, filter and search result, a page's body on
    each of its addresses. Only for anonymous visitors the page cache could serve (signed-in
    editors and anyone with a session always get a fresh render), and only around HTML that
    is the same for all of them: never a form with a CSRF token, never anything personal.
    The values must name everything the fragment shows that can differ (the object's key,
    the current page, a heading level); the language and host are added. A fragment whose
    first value is empty is rendered and not kept, and so is one that turns out to hold a
    CSRF token."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
