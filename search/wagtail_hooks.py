"""The search tools hub editors keep in the admin: synonym sets."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = False
    add_to_settings_menu = True
    list_display = ["__str__", "language", "updated_at"]
    list_filter = ["language"]
    list_export = ["terms", "language"]
    search_fields = ["terms"]
    search_backend_name = None
    panels = [
        FieldPanel("terms"),
        FieldPanel(
            "language",
            widget=forms.Select(choices=[("", _("Every language")), *settings.LANGUAGES]),
        ),
    ]


register_snippet(SynonymSetViewSet)
