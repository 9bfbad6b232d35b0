"""The admin's content health: Reports → Content health, the "Reviewed, still accurate"
confirmation, its line in a page's history, and the hub's rules for Wagtail's built-in
accessibility checker (the userbar on previews and the editor's Checks panel)."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.userbar import AccessibilityItem, ContentCheckerItem

from directory.wagtail_hooks import PROFILE_EDITOR_SECTIONS_HOOK

from . import health, views
from .checks import VAGUE_ALT_TEXT
from .panels import profile_panel
from .reviews import REVIEWED_ACTION


class HubAccessibilityItem(ContentCheckerItem):
    """Wagtail's built-in content checker (axe) with the hub's rules: headings in order and
    never empty, alt text present and meaningful, links and buttons named, tables with
    header cells, charts (SVG and role="img") with a text alternative. Link text such as
    "click here" has no axe rule: the editor's Content health panel (upkeep.checks) reports
    it, with the rest.

    ``axe_run_only`` names rules, never tags: axe runs the rules named whatever their tags
    (``heading-order`` is a "best-practice" rule, which a list of WCAG tags would leave
    out), and refuses to run at all if a list mixes rule ids and tags."""

    axe_run_only = [
        "heading-order",
        "empty-heading",
        "p-as-heading",
        "image-alt",
        "alt-text-quality",
        "link-name",
        "button-name",
        "input-button-name",
        "empty-table-header",
        "hub-table-headers",
        "th-has-data-cells",
        "svg-img-alt",
        "role-img-alt",
        "object-alt",
        "frame-title",
        "empty-meta-description",
    ]
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        {
            "id": "hub-table-headers",
            "impact": "serious",
            "selector": "table",
            "tags": ["hub"],
            "any": ["hub-has-header-cell"],
            "enabled": True,
        },
    ]
    axe_custom_checks = [
        {
            "id": "check-image-alt-text",
            # A file name, an underscore, or a word that says nothing about the image.
            "options": {
                "pattern": "\\.(avif|gif|jpg|jpeg|png|svg|webp)$|_|^\\s*("
                + "|".join(sorted(VAGUE_ALT_TEXT))
                + ")\\s*$"
            },
        },
        {"id": "check-empty-meta-description"},
        # axe's own "has a descendant matching" check, on each table.
        {
            "id": "hub-has-header-cell",
            "evaluate": "has-descendant-evaluate",
            "options": {"selector": "th"},
        },
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image without alt text"),
            "help_text": _("Describe the image, or mark it as decorative"),
        },
        "hub-table-headers": {
            "error_name": _("Table without header cells"),
            "help_text": _("Mark the first row or column as headers"),
        },
        "th-has-data-cells": {
            "error_name": _("Table header with no data"),
            "help_text": _("Each header should describe a row or column of data"),
        },
        "svg-img-alt": {
            "error_name": _("Chart or graphic without a text alternative"),
            "help_text": _("Give it a title or a description"),
        },
        "role-img-alt": {
            "error_name": _("Chart or graphic without a text alternative"),
            "help_text": _("Give it a title or a description"),
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_hub_accessibility_rules(request, items, page):
    # Wagtail 8 adds its own checker as AccessibilityItem (deprecated, to be renamed
    # ContentCheckerItem in Wagtail 9): the hub's replaces whichever is there.
    for index, item in enumerate(items):
        if type(item) in (AccessibilityItem, ContentCheckerItem):
            items[index] = HubAccessibilityItem(in_editor=item.in_editor)


# The profile's owner, team and review dates in the coach profile editor.
hooks.register(PROFILE_EDITOR_SECTIONS_HOOK, profile_panel)


@hooks.register("register_admin_urls")
def register_upkeep_urls():
    urls = [
        path("", views.ContentHealthReportView.as_view(), name="report"),
        path(
            "results/",
            views.ContentHealthReportView.as_view(results_only=True),
            name="report_results",
        ),
        path("reviewed/<int:page_id>/", views.reviewed, name="reviewed"),
        path("reviewed/coach/<int:profile_id>/", views.profile_reviewed, name="profile_reviewed"),
    ]
    return [path("content-health/", include((urls, "upkeep"), namespace="upkeep"))]


class ContentHealthMenuItem(MenuItem):
    def is_shown(self, request):
        return health.may_view(request.user)


@hooks.register("register_reports_menu_item")
def register_content_health_menu_item():
    return ContentHealthMenuItem(
        _("Content health"),
        reverse("upkeep:report"),
        name="hub-content-health",
        icon_name="clipboard-list",
        order=1200,
    )


@hooks.register("register_log_actions")
def register_reviewed_action(actions):
    actions.register_action(REVIEWED_ACTION, _("Reviewed, still accurate"), _("Reviewed"))


@hooks.register("insert_global_admin_css")
def upkeep_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("upkeep/admin.css"))
