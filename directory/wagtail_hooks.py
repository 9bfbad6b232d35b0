"""The coach directory in the admin: profiles (moderated snippets), contact requests
(read-only), and the skills and languages taxonomies, under one "Coach directory" menu.

Coaches see and open only their own profile and the requests sent to them
(``directory.permissions``); hub editors see everything and approve profiles.

A contact request whose email to the coach failed for good shows on the admin dashboard
(:class:`UndeliveredRequestsPanel`) for a month: hub editors see every one, a coach the
ones sent to them, each with a link to it and to the listing of failed relays.
"""

from datetime import timedelta
from functools import wraps

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import django_filters

from hub.enums import EmailPurpose, EmailStatus

from .forms import CoachProfileAdminForm
from .models import CoachProfile, ContactRequest, Language, Skill
from .permissions import MANAGE_PROFILES, manages_every_profile


def _restrict(queryset, user):
    """``queryset`` narrowed to what ``user`` may see (all of it for hub editors)."""
    return policy_registry.get_by_type(queryset.model).restrict(queryset, user)


class OwnedObjectsMixin:
    """For a viewset: every view that names an object checks the user may open that object,
    and listings show only the user's own objects."""

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        policy = policy_registry.get_by_type(self.model)

        @wraps(view)
        def owner_checked_view(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                try:
                    allowed = policy.can_access(request.user, unquote(str(pk)))
                except (ValueError, TypeError, ValidationError) as error:
                    raise Http404 from error
                if not allowed:
                    raise PermissionDenied
            return view(request, *args, **view_kwargs)

        return owner_checked_view


class OwnProfilesIndexView(SnippetIndexView):
    def get_base_queryset(self):
        return _restrict(super().get_base_queryset(), self.request.user).select_related(
            "organisation", "user"
        )


class OwnProfilesChooseView(snippet_chooser.ChooseView):
    def get_object_list(self):
        return _restrict(super().get_object_list(), self.request.user)


class OwnProfilesChooseResultsView(snippet_chooser.ChooseResultsView):
    def get_object_list(self):
        return _restrict(super().get_object_list(), self.request.user)


class CoachProfileChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = OwnProfilesChooseView
    choose_results_view_class = OwnProfilesChooseResultsView


# Sections another app adds to the profile editor (content health: the profile's owner and
# review dates): a function ``(profile, request) -> HTML or ""`` registered for this Wagtail
# hook. The directory never imports the app (it sits above the directory).
PROFILE_EDITOR_SECTIONS_HOOK = "coach_profile_editor_sections"


class HookedSectionsPanel(Panel):
    """Whatever the :data:`PROFILE_EDITOR_SECTIONS_HOOK` functions return for the profile
    being edited; shown only when one returns something."""

    class BoundPanel(Panel.BoundPanel):
        @cached_property
        def sections(self) -> list[str]:
            if not self.instance.pk:
                return []
            return [
                html
                for section in hooks.get_hooks(PROFILE_EDITOR_SECTIONS_HOOK)
                if (html := section(self.instance, self.request))
            ]

        def is_shown(self):
            return bool(self.sections)

        def render_html(self, parent_context=None):
            return format_html_join("", "{}", ((html,) for html in self.sections))


class CoachProfileViewSet(OwnedObjectsMixin, SnippetViewSet):
    model = CoachProfile
    icon = "user"
    menu_label = _("Coach profiles")
    index_view_class = OwnProfilesIndexView
    chooser_viewset_class = CoachProfileChooserViewSet
    list_display = ["display_name", "organisation", "role", "capacity", "user", "updated_at"]
    list_filter = ["capacity", "organisation", "live"]
    list_export = ["display_name", "slug", "organisation", "role", "capacity", "live"]
    ordering = ["display_name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("display_name"), FieldPanel("slug")]),
                    FieldPanel("user", permission=MANAGE_PROFILES),
                    FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
                    FieldPanel("bio"),
                    MultiFieldPanel(
                        [FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")
                    ),
                    HookedSectionsPanel(heading=_("Content health")),
                ],
                heading=_("Profile"),
            ),
            ObjectList(
                [
                    FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("offers", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("places", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("What you offer"),
            ),
            ObjectList(
                [
                    FieldPanel("capacity", widget=forms.RadioSelect),
                    FieldPanel("working_modes", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("area"),
                    FieldPanel("contact_email"),
                ],
                heading=_("Availability and contact"),
            ),
        ],
        base_form_class=CoachProfileAdminForm,
    )


class OwnContactRequestsIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            _restrict(super().get_base_queryset(), self.request.user)
            .select_related("coach")
            .prefetch_related("outbox_emails")  # the relay status column
        )


class ContactRequestFilterSet(WagtailFilterSet):
    # The email to the coach lives in the hub's outbox (ContactRequest.relay).
    relay_status = django_filters.ChoiceFilter(
        label=_("Email to the coach"),
        choices=EmailStatus.choices,
        method="filter_relay_status",
    )

    def filter_relay_status(self, queryset, name, value):
        # The relay only: a request may also have an email to the requester.
        return queryset.filter(
            outbox_emails__purpose=EmailPurpose.COACH_CONTACT, outbox_emails__status=value
        )

    class Meta:
        model = ContactRequest
        fields = ["support_wanted"]


class ContactRequestViewSet(OwnedObjectsMixin, ModelViewSet):
    """Read-only: what someone sent a coach, and whether the email reached them."""

    model = ContactRequest
    name = "coach_contact_requests"
    url_prefix = "coach-directory/contact-requests"
    icon = "mail"
    menu_label = _("Contact requests")
    index_view_class = OwnContactRequestsIndexView
    list_display = ["name", "coach", "support_wanted", "created_at", "relay_status"]
    filterset_class = ContactRequestFilterSet
    search_fields = ["name", "organisation", "message"]
    search_backend_name = None
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "coach",
        "name",
        "email",
        "organisation",
        "support_wanted",
        "message",
        "created_at",
        "relay_status",
        "relayed_at",
        "relay_attempts",
        "relay_error",
        "requester_told",
    ]
    copy_view_enabled = False
    # Never used: the permission policy refuses "add" and "change" to everyone.
    form_fields = []


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "pick"
    menu_label = _("QI skills")
    list_display = ["name", "sort_order", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "description", "sort_order"]
    ordering = ["sort_order", "name"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    menu_label = _("Languages")
    list_display = ["name", "code", "sort_order", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "code", "sort_order"]
    ordering = ["sort_order", "name"]


class CoachDirectoryGroup(SnippetViewSetGroup):
    menu_label = _("Coach directory")
    menu_icon = "user"
    menu_order = 255
    items = (CoachProfileViewSet, ContactRequestViewSet, SkillViewSet, LanguageViewSet)


register_snippet(CoachDirectoryGroup)


# How long a contact request whose relay failed stays on the dashboard.
UNDELIVERED_PANEL_DAYS = 30
UNDELIVERED_PANEL_ROWS = 10


def undelivered_requests(user):
    """Contact requests ``user`` may see whose email to the coach failed for good, in the
    last ``UNDELIVERED_PANEL_DAYS`` days, newest first."""
    since = timezone.now() - timedelta(days=UNDELIVERED_PANEL_DAYS)
    failed = ContactRequest.objects.filter(
        created_at__gte=since,
        outbox_emails__purpose=EmailPurpose.COACH_CONTACT,
        outbox_emails__status=EmailStatus.FAILED,
    )
    return _restrict(failed, user).select_related("coach").distinct().order_by("-created_at")


class UndeliveredRequestsPanel(Component):
    """Dashboard panel: contact requests the coach never received (their requester has been
    told by email), so a hub editor fixes the coach's address or follows up."""

    name = "undelivered_contact_requests"
    template_name = "directory/admin/undelivered_requests_panel.html"
    order = 90  # above Wagtail's own panels: something to act on

    def __init__(self, contact_requests, total: int, *, manages: bool):
        self.contact_requests = contact_requests
        self.total = total
        self.manages = manages

    def get_context_data(self, parent_context=None):
        listing_url = reverse(f"{ContactRequestViewSet.name}:index")
        return {
            "contact_requests": self.contact_requests,
            "total": self.total,
            "manages": self.manages,
            "days": UNDELIVERED_PANEL_DAYS,
            "listing_url": f"{listing_url}?relay_status={EmailStatus.FAILED}",
            "inspect_url_name": f"{ContactRequestViewSet.name}:inspect",
        }


@hooks.register("construct_homepage_panels")
def add_undelivered_requests_panel(request, panels):
    policy = policy_registry.get_by_type(ContactRequest)
    if not policy.user_has_permission(request.user, "view"):
        return
    undelivered = undelivered_requests(request.user)
    rows = list(undelivered[:UNDELIVERED_PANEL_ROWS])
    if rows:
        total = len(rows) if len(rows) < UNDELIVERED_PANEL_ROWS else undelivered.count()
        panels.append(
            UndeliveredRequestsPanel(rows, total, manages=manages_every_profile(request.user))
        )
