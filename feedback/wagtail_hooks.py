from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hub import page_cache
from upkeep.health import PAGE_VIEWS_HOOK

from . import usage
from .admin_views import PERMISSION, ImpactReportView


@hooks.register("before_serve_page")
def count_page_view(page, request, serve_args, serve_kwargs):
    """One view of ``page``, counted in the shared cache (never the database, never who),
    and again each time the page cache serves it (feedback/usage.py)."""
    if request.method == "GET":
        page_cache.on_every_request(request, usage.count_view, page.pk)


# The content health report's "most-read pages that are oldest" reads the counts from here
# (upkeep sits below feedback, so it asks through a hook instead of importing it).
hooks.register(PAGE_VIEWS_HOOK, usage.views_by_page)


@hooks.register("register_admin_urls")
def register_impact_report_url():
    return [path("reports/impact/", ImpactReportView.as_view(), name="impact_report")]


class ImpactMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_impact_menu_item():
    return ImpactMenuItem(
        _("Impact"), reverse("impact_report"), name="hub-impact", icon_name="pick", order=1400
    )
