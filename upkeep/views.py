"""The admin's content health views: the report (Reports → Content health) and the
"Reviewed, still accurate" confirmation."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

import django_filters

from directory.models import CoachProfile
from directory.permissions import CoachProfilePolicy
from hub.dates import date_format
from hub.links import absolute_url

from . import health, reviews
from .emails import edit_url, is_page, title_of
from .ownership import REVIEWED_MODELS, Sections

PROBLEMS = [
    ("overdue", _("Review overdue")),
    ("owner_gone", _("Owner has gone")),
    ("no_owner", _("No owner")),
    ("waiting", _("Waiting in review too long")),
    ("broken_links", _("Broken links")),
    ("accessibility", _("Accessibility check failures")),
]


def _type_choices():
    return [
        (model._meta.model_name, model._meta.verbose_name.capitalize()) for model in REVIEWED_MODELS
    ]


class ContentHealthFilterSet(WagtailFilterSet):
    problem = django_filters.ChoiceFilter(
        label=_("Needs attention"), choices=PROBLEMS, method="with_problem"
    )
    partner = django_filters.ChoiceFilter(label=_("Partner"), choices=[], method="in_section")
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=_type_choices, method="of_type")
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), queryset=get_user_model().objects.none(), field_name="owner"
    )

    class Meta:
        model = Page
        fields = []

    def __init__(self, *args, partners=(), owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner_paths = {str(partner.pk): partner.path for partner in partners}
        self.filters["partner"].extra["choices"] = [
            (str(partner.pk), partner.title) for partner in partners
        ]
        if owners is not None:
            self.filters["owner"].queryset = owners

    def with_problem(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(upkeep__review_due__lt=today)
        if value == "owner_gone":
            return queryset.filter(health.owner_gone_q())
        if value == "no_owner":
            return queryset.filter(owner__isnull=True)
        if value == "waiting":
            return health.waiting_in_review(queryset)
        if value == "broken_links":
            return queryset.filter(broken_links__gt=0)
        if value == "accessibility":
            return queryset.filter(upkeep__accessibility_failures__gt=0)
        return queryset

    def in_section(self, queryset, name, value):
        path = self.partner_paths.get(value)
        return queryset.filter(path__startswith=path) if path else queryset.none()

    def of_type(self, queryset, name, value):
        models = [model for model in REVIEWED_MODELS if model._meta.model_name == value]
        return queryset.type(*models) if models else queryset.none()

    def filter_profiles(self, profiles, today):
        """Of ``profiles``, those the chosen filters leave (the export lists them after the
        pages). What needs attention and the owner apply to a profile as to a page; a
        partner, a page type, or a problem only pages have (links, accessibility, waiting
        in review) leaves none."""
        data = self.form.cleaned_data if self.is_valid() else {}
        if data.get("partner") or data.get("kind"):
            return profiles.none()
        problem = data.get("problem")
        if problem == "overdue":
            profiles = profiles.filter(upkeep__review_due__lt=today)
        elif problem == "owner_gone":
            profiles = profiles.filter(health.profile_owner_gone_q())
        elif problem == "no_owner":
            profiles = profiles.filter(user__isnull=True)
        elif problem:
            return profiles.none()
        if data.get("owner"):
            profiles = profiles.filter(user=data["owner"])
        return profiles


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _day(value) -> str:
    return date_format(value, "j M Y") if value else ""


def _person(user) -> str:
    return (user.get_full_name() or user.email or user.get_username()) if user else ""


def _profile_row(profile, today) -> dict:
    upkeep = getattr(profile, "upkeep", None)
    return {
        "profile": profile,
        "edit_url": edit_url(profile),
        "owner": _person(profile.user),
        "reviewed_on": _day(upkeep.reviewed_on if upkeep else None),
        "review_due": _day(upkeep.review_due if upkeep else None),
        "attention": _profile_attention(profile, upkeep, today),
    }


def _profile_attention(profile, upkeep, today) -> str:
    attention = []
    if upkeep and upkeep.is_overdue(today):
        attention.append(str(_("Review overdue")))
    if (profile.user and not profile.user.is_active) or (
        profile.user is None and upkeep and upkeep.owner_left_at
    ):
        attention.append(str(_("Owner has gone")))
    elif profile.user is None:
        attention.append(str(_("No owner")))
    return "; ".join(attention)


def _profile_export_row(profile, today) -> SimpleNamespace:
    """A coach profile as a row of the export: the page columns that apply to a profile
    (it has no partner, links checked, accessibility checks or counted views)."""
    upkeep = getattr(profile, "upkeep", None)
    return SimpleNamespace(
        title=profile.display_name,
        kind=_("Coach profile"),
        type_name=CoachProfile._meta.verbose_name.capitalize(),
        partner_name="",
        owner_name=_person(profile.user),
        last_reviewed=upkeep.reviewed_on if upkeep else None,
        review_due=upkeep.review_due if upkeep else None,
        attention=_profile_attention(profile, upkeep, today),
        broken_links=None,
        accessibility_failures=None,
        views=None,
        edit_address=absolute_url(edit_url(profile)),
    )


class ContentHealthReportView(ReportView):
    """Reports → Content health: every reviewed page (in the hub's main language) with its
    partner, owner, review dates, broken links and accessibility failures, filterable by
    what needs attention, exportable as CSV or Excel. Partner editors see their own
    sections' pages; hub editors see the coach profiles too, and the export lists them
    after the pages (its "Page or coach profile" column tells them apart)."""

    page_title = _("Content health")
    header_icon = "clipboard-list"
    template_name = "upkeep/admin/content_health.html"
    results_template_name = "upkeep/admin/content_health_results.html"
    index_url_name = "upkeep:report"
    index_results_url_name = "upkeep:report_results"
    filterset_class = ContentHealthFilterSet
    paginate_by = 50
    columns = [
        TitleColumn(
            "title",
            label=_("Page"),
            get_url=lambda page: _edit_url(page),
        ),
        Column("type_name", label=_("Type")),
        Column("partner_name", label=_("Partner")),
        Column("owner_name", label=_("Owner")),
        # Dates as dates ("4 Dec 2026"), not "1 year ago": a due date must be exact.
        Column("last_reviewed", label=_("Last reviewed"), accessor=lambda p: _day(p.last_reviewed)),
        Column("review_due", label=_("Review due"), accessor=lambda p: _day(p.review_due)),
        Column("attention", label=_("Needs attention")),
        NumberColumn("broken_links", label=_("Broken links")),
        NumberColumn("accessibility_failures", label=_("Accessibility failures")),
        NumberColumn("views", label=_("Views (90 days)")),
    ]
    list_export = [
        "title",
        "kind",
        "type_name",
        "partner_name",
        "owner_name",
        "last_reviewed",
        "review_due",
        "attention",
        "broken_links",
        "accessibility_failures",
        "views",
        "edit_address",
    ]
    export_headings = {
        "title": _("Title"),
        "kind": _("Page or coach profile"),
        "type_name": _("Type"),
        "partner_name": _("Partner"),
        "owner_name": _("Owner"),
        "last_reviewed": _("Last reviewed"),
        "review_due": _("Review due"),
        "attention": _("Needs attention"),
        "broken_links": _("Broken links"),
        "accessibility_failures": _("Accessibility failures"),
        "views": _("Views (90 days)"),
        "edit_address": _("Edit address"),
    }
    # (CSV cells are kept from running as formulas by hub.spreadsheets, for every export.)

    def dispatch(self, request, *args, **kwargs):
        if not health.may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"content-health-{timezone.localdate():%Y-%m-%d}"

    @cached_property
    def sections(self) -> Sections:
        return Sections()

    @cached_property
    def scope(self):
        return health.scope(self.request.user, self.sections)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["partners"] = health.partners_of(self.request.user, self.sections)
        kwargs["owners"] = (
            get_user_model()
            .objects.filter(pk__in=self.scope.exclude(owner=None).values("owner"))
            .order_by("first_name", "last_name", "email")
        )
        return kwargs

    def get_base_queryset(self):
        return self.scope.select_related("owner", "upkeep", "content_type").order_by(
            "upkeep__review_due", "title"
        )

    def get_queryset(self):
        return self.get_base_queryset()

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        waiting = set(
            health.waiting_in_review(
                Page.objects.filter(pk__in=[p.pk for p in object_list])
            ).values_list("pk", flat=True)
        )
        read = health.views(object_list, today=today)
        rows = []
        for page in object_list:
            page.views = read.get(page.pk, 0)
            page.kind = _("Page")
            upkeep = getattr(page, "upkeep", None)
            partner = self.sections.partner_of(page)
            model = page.content_type.model_class()
            page.type_name = model._meta.verbose_name.capitalize() if model else ""
            page.partner_name = partner.title if partner else ""
            page.owner_name = _person(page.owner)
            page.last_reviewed = upkeep.reviewed_on if upkeep else None
            page.review_due = upkeep.review_due if upkeep else None
            page.accessibility_failures = upkeep.accessibility_failures if upkeep else 0
            page.edit_address = absolute_url(_edit_url(page))
            attention = []
            if upkeep and upkeep.is_overdue(today):
                attention.append(str(_("Review overdue")))
            if (page.owner and not page.owner.is_active) or (
                page.owner is None and upkeep and upkeep.owner_left_at
            ):
                attention.append(str(_("Owner has gone")))
            elif page.owner is None:
                attention.append(str(_("No owner")))
            if page.pk in waiting:
                attention.append(str(_("Waiting in review too long")))
            page.attention = "; ".join(attention)
            rows.append(page)
        return rows

    def export_profiles(self) -> list[SimpleNamespace]:
        """The coach profiles the export adds (for hub editors, as on the report), through
        the same filters as the pages."""
        if not health.sees_everything(self.request.user):
            return []
        today = timezone.localdate()
        profiles = health.profiles_in_scope().order_by("upkeep__review_due", "display_name")
        if self.filters:
            profiles = self.filters.filter_profiles(profiles, today)
        return [_profile_export_row(profile, today) for profile in profiles]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet([*queryset, *self.export_profiles()], spreadsheet_format)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = health.summarise(self.scope)
        context["most_read_old"] = [
            {
                "row": row,
                "edit_url": _edit_url(row.page),
                "partner": getattr(self.sections.partner_of(row.page), "title", ""),
                "reviewed_on": _day(row.reviewed_on),
            }
            for row in health.most_read_oldest(self.scope)
        ]
        if health.sees_everything(self.request.user):
            today = timezone.localdate()
            context["profile_summary"] = health.summarise_profiles(today)
            context["profiles"] = [
                _profile_row(profile, today)
                for profile in health.profiles_needing_attention(today)[: self.paginate_by]
            ]
        context["read_days"] = health.READ_DAYS
        context["old_after_months"] = health.OLD_AFTER_DAYS // 30
        context["sees_everything"] = health.sees_everything(self.request.user)
        return context


def _confirm_reviewed(request, item):
    """Ask, then record, that ``item`` is still accurate; back to its edit view."""
    back = edit_url(item)
    if request.method == "POST":
        reviews.mark_reviewed(item, request.user)
        thanks = (
            gettext("Thank you: “%(title)s” is recorded as reviewed.")
            if is_page(item)
            else pgettext("coach profile", "Thank you: “%(title)s” is recorded as reviewed.")
        )
        messages.success(request, thanks % {"title": title_of(item)})
        return redirect(back)
    return TemplateResponse(
        request,
        "upkeep/admin/confirm_reviewed.html",
        {"title": title_of(item), "back_url": back, "is_profile": not is_page(item)},
    )


@require_http_methods(["GET", "POST"])
def reviewed(request, page_id):
    """Confirm that a live page is still accurate: a page its editors may edit."""
    page = get_object_or_404(Page, pk=page_id, live=True).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return _confirm_reviewed(request, page)


@require_http_methods(["GET", "POST"])
def profile_reviewed(request, profile_id):
    """Confirm that a live coach profile is still accurate: the coach, or a hub editor."""
    profile = get_object_or_404(CoachProfile, pk=profile_id, live=True)
    if not CoachProfilePolicy(CoachProfile).user_has_permission_for_instance(
        request.user, "change", profile
    ):
        raise PermissionDenied
    return _confirm_reviewed(request, profile)
