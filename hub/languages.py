"""The same page in the other languages: the language switcher and ``hreflang`` links.

A Wagtail page links to its translations (``Page.get_translations``). A page that exists in
another language only as an alias (a placeholder wagtail-localize keeps while a section is
being translated) or not at all is "not yet translated": the switcher says so and links to
the alias, or to that language's home page. Django views (search, the idea form, the
directory) are translated by their interface strings, so ``translate_url`` gives their URL
in every language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_info

from wagtail.models import Page


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language ("Polski", "اردو")
    url: str
    translated: bool  # False: the link goes to a stand-in, and says so
    bidi: bool
    current: bool

    @property
    def default(self) -> bool:
        return self.code == settings.LANGUAGE_CODE

    @property
    def direction(self) -> str:
        return "rtl" if self.bidi else "ltr"

    @property
    def not_translated_text(self) -> str:
        """ "not yet translated", in the language the link leads to."""
        with translation.override(self.code):
            return translation.gettext("not yet translated")


def _home_url(code: str) -> str:
    home = Page.objects.filter(depth=2, locale__language_code=code).live().first()
    if home is not None and home.alias_of_id is None:
        return home.url
    return translate_url("/", code) if code != settings.LANGUAGE_CODE else "/"


def language_versions(request, page=None) -> list[LanguageVersion]:
    """One entry per offered language, the current one included (``current``)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path() if request is not None else "/"
    translations = {}
    if isinstance(page, Page) and page.pk:
        for other in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[other.locale.language_code] = other
    versions = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        translated = True
        if isinstance(page, Page) and page.pk:
            other = translations.get(code)
            if other is None:
                url, translated = _home_url(code), False
            else:
                url = other.get_url(request=request)
                translated = other.alias_of_id is None
        else:
            url = translate_url(path, code)
        versions.append(
            LanguageVersion(
                code=code,
                name=info["name_local"],
                url=url,
                translated=translated,
                bidi=info["bidi"],
                current=code == current,
            )
        )
    return versions
