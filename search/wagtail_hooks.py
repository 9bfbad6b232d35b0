"""The search tools hub editors keep in the admin: synonym sets, and the report of what
people search for (Reports → Search terms). Promoted results are Wagtail's own
(``wagtail.contrib.search_promotions``: Settings → Promoted search results)."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymSet
from .views import SearchTermsReportView

VIEW_SEARCH_TERMS = "search.view_searchquerycount"


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


@hooks.register("register_admin_urls")
def register_search_terms_report_urls():
    return [
        path(
            "reports/search-terms/",
            SearchTermsReportView.as_view(),
            name="search_terms_report",
        ),
        path(
            "reports/search-terms/results/",
            SearchTermsReportView.as_view(results_only=True),
            name="search_terms_report_results",
        ),
    ]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_SEARCH_TERMS)


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Search terms"),
        reverse("search_terms_report"),
        name="hub-search-terms",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_search_terms_report(request, menu_items):
    """Wagtail's own "Search terms" report (search_promotions, superusers only) reads the
    hits ``Query.add_hit()`` records, which the hub never does: it would always be empty."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_permissions")
def register_search_terms_permission():
    """So that the permission can be given to a group in Settings → Groups."""
    app_label, codename = VIEW_SEARCH_TERMS.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
