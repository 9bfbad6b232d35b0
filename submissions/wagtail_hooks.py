"""The huddle inbox in the Wagtail admin: its URLs, its menu (shown to huddle members only)
and the audit-log actions the huddle's work writes."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .benefits import BENEFIT_STATUSES
from .huddle.home_panel import add_huddle_panel
from .huddle.projects_panel import add_projects_panel
from .models import Benefit
from .permissions import is_huddle_member


@hooks.register("register_admin_urls")
def register_huddle_urls():
    return [path("huddle/", include("submissions.huddle.urls", namespace="huddle"))]


# The huddle's day on the dashboard, for huddle members (new, overdue, theirs, next meeting).
hooks.register("construct_homepage_panels", add_huddle_panel)
hooks.register("construct_homepage_panels", add_projects_panel)


class HuddleMenuItem(MenuItem):
    def is_shown(self, request):
        return is_huddle_member(request.user)


class HuddleSubmenuMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return is_huddle_member(request.user)


@hooks.register("register_admin_menu_item")
def register_huddle_menu():
    menu = Menu(
        items=[
            HuddleMenuItem(_("Inbox"), reverse("huddle:inbox"), icon_name="mail", order=100),
            HuddleMenuItem(_("Meetings"), reverse("huddle:meetings"), icon_name="date", order=200),
            HuddleMenuItem(
                _("Process measures"), reverse("huddle:dashboard"), icon_name="table", order=300
            ),
            HuddleMenuItem(
                _("Targets"),
                reverse("wagtailsettings:edit", args=["submissions", "huddlesettings"]),
                icon_name="time",
                order=400,
            ),
        ]
    )
    return HuddleSubmenuMenuItem(_("Huddle"), menu, icon_name="group", order=150)


@hooks.register("register_log_actions")
def register_huddle_log_actions(actions):
    actions.register_action("submissions.status_change", _("Change status"), _("Status changed"))
    actions.register_action("submissions.sift", _("Sift"), _("Route and priorities recorded"))
    actions.register_action("submissions.assign", _("Assign"), _("Lead or coach assigned"))
    actions.register_action("submissions.note", _("Add note"), _("Huddle note added"))
    actions.register_action("submissions.message", _("Message"), _("Message sent to submitter"))
    actions.register_action("submissions.coaching", _("Coaching"), _("Coaching session logged"))
    actions.register_action("submissions.export", _("Export"), _("Inbox exported"))
    actions.register_action(
        "submissions.case_study", _("Case study"), _("Draft case study created")
    )
    actions.register_action(
        "submissions.project_consent",
        _("Project consent"),
        _("Submitter consented to a public project"),
    )
    actions.register_action(
        "submissions.project_approved", _("Approve project"), _("Publication as a project approved")
    )
    actions.register_action("submissions.project", _("Project"), _("Project page published"))
    actions.register_action("submissions.benefits", _("Benefits"), _("Benefits recorded"))
    actions.register_action(
        "submissions.view_attachment", _("Download"), _("Attachment downloaded")
    )


@hooks.register("project_page_sections")
def project_benefits(page, request):
    """The public project page shows its idea's expected and realised benefits."""
    benefits = list(
        Benefit.objects.filter(
            submission__project__translation_key=page.translation_key,
            submission__status__in=BENEFIT_STATUSES,
        ).order_by("kind", "pk")
    )
    if not benefits:
        return ""
    return render_to_string(
        "submissions/includes/project_benefits.html", {"benefits": benefits}, request=request
    )
