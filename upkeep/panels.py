"""The "Content health" panel in the page editor: the page's owner and owning team, its
review dates and the "Reviewed, still accurate" action, its broken links and the hub's
editor checks on the version being edited, with plain-English hints. Moderators see it
while they review a page in the workflow (the same edit view), before they approve.

Added to the reviewed page types from ``UpkeepConfig.ready`` (before Wagtail binds their
edit handlers), so ``pages`` never imports this app. The owner can be changed in the
Settings tab by hub editors (the chooser lists every account).
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, Panel

from .checks import check_page, page_readability
from .enums import LinkStatus
from .models import Link, PageUpkeep, ProfileUpkeep
from .ownership import REVIEWED_MODELS, Sections

OWNER_PERMISSION = "hub.change_hubsettings"  # hub editors


class UpkeepPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "upkeep/admin/upkeep_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            upkeep = PageUpkeep.objects.filter(page_id=page.pk).first()
            context.update(
                page=page,
                team=Sections().team_of(page),
                upkeep=upkeep,
                overdue=bool(upkeep and upkeep.is_overdue()),
                today=timezone.localdate(),
                reviewed_url=reverse("upkeep:reviewed", args=[page.pk]),
                failing_links=Link.objects.filter(page_id=page.pk, status__in=LinkStatus.failing()),
                issues=check_page(page),
                readability=page_readability(page)
                if page.locale.language_code.startswith("en")
                else None,
            )
            return context


def _with_panel(panels, panel):
    return [*panels, panel]


def add_upkeep_panels() -> None:
    for model in REVIEWED_MODELS:
        handler = model.__dict__.get("edit_handler")
        if handler is not None:  # its own tabs: the first is the content
            handler.children[0].children = _with_panel(
                handler.children[0].children, UpkeepPanel(heading=_("Content health"))
            )
            handler.children[-1].children = _with_panel(
                handler.children[-1].children, FieldPanel("owner", permission=OWNER_PERMISSION)
            )
        else:
            model.content_panels = _with_panel(
                model.content_panels, UpkeepPanel(heading=_("Content health"))
            )
            model.settings_panels = _with_panel(
                model.settings_panels, FieldPanel("owner", permission=OWNER_PERMISSION)
            )


def profile_panel(profile, request) -> str:
    """The coach profile editor's Content health section (through the directory's
    ``PROFILE_EDITOR_SECTIONS_HOOK``): its owner (the coach's account), team (hub editors),
    review dates and the "Reviewed, still accurate" action."""
    upkeep = ProfileUpkeep.objects.filter(profile_id=profile.pk).first()
    return render_to_string(
        "upkeep/admin/profile_panel.html",
        {
            "owner": profile.user,
            "live": profile.live,
            "is_profile": True,
            "team": None,
            "upkeep": upkeep,
            "overdue": bool(upkeep and upkeep.is_overdue()),
            "reviewed_url": reverse("upkeep:profile_reviewed", args=[profile.pk]),
        },
        request=request,
    )
