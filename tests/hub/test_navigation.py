"""The main menu (``hub.context_processors``): the home page's children shown in menus, in
every language in the order of the default language's menu."""

import re

from wagtail.models import Locale

import pytest

from demo.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def menu(client, url) -> list[str]:
    html = client.get(url).content.decode()
    nav = re.search(r'<nav class="nhsuk-header__navigation".*?</nav>', html, re.S).group(0)
    return re.findall(r'class="nhsuk-header__navigation-link" href="[^"]*">([^<]+)</a>', nav)


def translate(page, locale, title):
    translated = page.copy_for_translation(locale)
    translated.title = title
    translated.save_revision().publish()
    return translated


def test_a_translated_menu_keeps_the_default_languages_order(client, home_page):
    """Pages translated in another order than they were made in (a language's tree is in
    the order its pages were made) still come in the default language's order; a page
    only in that language comes after them."""
    about, library, projects, hidden = (
        StandardPageFactory(parent=home_page, title=title, show_in_menus=menu_item)
        for title, menu_item in (
            ("About the hub", True),
            ("Library", True),
            ("Projects in progress", True),
            ("Not in the menu", False),
        )
    )
    polish = Locale.objects.get_or_create(language_code="pl")[0]
    translate(home_page, polish, "Centrum")
    # Translated last first, as the demo seed and editors may do.
    translate(projects, polish, "Projekty w toku")
    translate(hidden, polish, "Poza menu")
    translate(library, polish, "Biblioteka")
    translate(about, polish, "O centrum")
    StandardPageFactory(
        parent=home_page.get_translation(polish), title="Tylko po polsku", show_in_menus=True
    )

    english = menu(client, "/")
    assert english[:3] == ["About the hub", "Library", "Projects in progress"]
    assert menu(client, "/pl/")[:4] == [
        "O centrum",
        "Biblioteka",
        "Projekty w toku",
        "Tylko po polsku",
    ]
