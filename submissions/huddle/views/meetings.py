"""Huddle meetings: the list of meetings, a meeting's agenda of ideas, what the huddle
discussed and decided about each one (applied as a status change), and the printable minutes.

Every view is for huddle members only (:func:`huddle_member_required`); the forms and the
agenda operations live in :mod:`.meeting_forms`.
"""

from itertools import chain

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from submissions.enums import Status
from submissions.models import AgendaItem, HuddleMeeting, IdeaSubmission
from submissions.permissions import huddle_member_required
from submissions.transitions import newest_change_subquery

from ..meeting_forms import (
    AddToAgendaForm,
    AgendaAddForm,
    AgendaItemForm,
    MeetingForm,
    add_awaiting_decision,
    add_to_agenda,
)

PAST_MEETINGS_PER_PAGE = 20


def agenda_items(meeting: HuddleMeeting) -> list[AgendaItem]:
    """The meeting's agenda in order, with each idea, its recorded decision, who recorded
    it (``recorded_by``) and the id of the idea's newest history entry (to detect a
    concurrent change): one query."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("submission", "status_change__changed_by")
        .annotate(latest_change_id=newest_change_subquery("submission_id"))
        .order_by("sort_order", "pk")
    )
    for item in items:
        item.recorded_by = _person(item.status_change.changed_by) if item.status_change else ""
    return items


def _person(user) -> str:
    if user is None:
        return str(_("a former user"))
    return user.get_full_name() or user.get_username()


def _with_counts(meetings):
    return meetings.annotate(
        item_count=Count("items"),
        decided_count=Count("items", filter=Q(items__status_change__isnull=False)),
    )


def safe_next(request) -> str:
    """The ``next`` the request carries if it points to this site, else ``""``."""
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _item_anchor(meeting: HuddleMeeting, item_pk: int | None = None) -> str:
    anchor = f"item-{item_pk}" if item_pk else "agenda"
    return f"{reverse('huddle:meeting', args=[meeting.pk])}#{anchor}"


class MeetingsBreadcrumbsMixin(WagtailAdminTemplateMixin):
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("huddle:meetings"), "label": _("Huddle meetings")},
            *self.get_extra_breadcrumbs(),
        ]

    def get_extra_breadcrumbs(self):
        return []


class MeetingIndexView(MeetingsBreadcrumbsMixin, TemplateView):
    template_name = "submissions/admin/meetings/index.html"
    page_title = _("Huddle meetings")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_header_buttons(self):
        return [HeaderButton(_("New meeting"), reverse("huddle:meeting_add"), icon_name="plus")]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        meetings = _with_counts(HuddleMeeting.objects.all())
        past = Paginator(
            meetings.filter(date__lt=today).order_by("-date", "-pk"), PAST_MEETINGS_PER_PAGE
        ).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            upcoming=meetings.filter(date__gte=today).order_by("date", "pk"),
            past=past,
            elided_page_range=past.paginator.get_elided_page_range(past.number),
            **kwargs,
        )


class MeetingFormView(MeetingsBreadcrumbsMixin, FormView):
    """Create (no ``pk``) or edit a meeting."""

    form_class = MeetingForm
    template_name = "submissions/admin/meetings/form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        pk = kwargs.get("pk")
        self.meeting = get_object_or_404(HuddleMeeting, pk=pk) if pk else None

    def get_page_title(self):
        return _("Edit meeting") if self.meeting else _("New meeting")

    def get_extra_breadcrumbs(self):
        crumbs = [{"url": "", "label": self.get_page_title()}]
        if self.meeting:
            crumbs.insert(
                0, {"url": reverse("huddle:meeting", args=[self.meeting.pk]), "label": self.meeting}
            )
        return crumbs

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.meeting}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=_("Save meeting"),
            submit_button_active_label=_("Saving…"),
            media=context["form"].media,
        )
        return context

    def form_valid(self, form):
        meeting = form.save(commit=False)
        if meeting.pk is None:
            meeting.created_by = self.request.user
        meeting.save()
        messages.success(self.request, _("Meeting “%(meeting)s” saved.") % {"meeting": meeting})
        return redirect("huddle:meeting", meeting.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("The meeting was not saved: correct the errors below."))
        return super().form_invalid(form)


class MeetingView(MeetingsBreadcrumbsMixin, TemplateView):
    """A meeting: its details, its agenda with a form per idea, and adding ideas.
    POST adds an idea by reference (errors next to the field)."""

    template_name = "submissions/admin/meetings/meeting.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.meeting = get_object_or_404(HuddleMeeting, pk=kwargs["pk"])

    def get_page_title(self):
        return str(self.meeting)

    def get_extra_breadcrumbs(self):
        return [{"url": "", "label": self.get_page_title()}]

    def get_header_buttons(self):
        pk = self.meeting.pk
        return [
            HeaderButton(_("Edit"), reverse("huddle:meeting_edit", args=[pk]), icon_name="edit"),
            HeaderButton(
                _("Print minutes"),
                reverse("huddle:meeting_minutes", args=[pk]),
                icon_name="doc-full",
            ),
        ]

    def get_context_data(self, *, add_form=None, bound_item_form=None, **kwargs):
        agenda = [
            (
                item,
                bound_item_form
                if bound_item_form is not None and bound_item_form.item.pk == item.pk
                else AgendaItemForm(item=item, latest_change_id=item.latest_change_id),
            )
            for item in agenda_items(self.meeting)
        ]
        awaiting = (
            IdeaSubmission.objects.awaiting_decision()
            .exclude(agenda_items__meeting=self.meeting)
            .count()
        )
        return super().get_context_data(
            meeting=self.meeting,
            agenda=agenda,
            decided_count=sum(form.decided for _item, form in agenda),
            add_form=add_form if add_form is not None else AddToAgendaForm(),
            awaiting_count=awaiting,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = AddToAgendaForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The idea was not added: see the message below."))
            return self.render_to_response(self.get_context_data(add_form=form))
        item, created = add_to_agenda(self.meeting, form.cleaned_data["reference"])
        _tell_added(request, item, created)
        return redirect(_item_anchor(self.meeting, item.pk))


class AgendaItemView(MeetingView):
    """POST: record the discussion of one agenda item and, optionally, its decision.
    GET (a reload of a page shown with errors) goes back to the item on the meeting page."""

    def get(self, request, *args, **kwargs):
        return redirect(_item_anchor(self.meeting, kwargs["item_pk"]))

    def post(self, request, *args, **kwargs):
        item = get_object_or_404(
            AgendaItem.objects.select_related("submission"),
            pk=kwargs["item_pk"],
            meeting=self.meeting,
        )
        form = AgendaItemForm(request.POST, item=item)
        change = form.save(user=request.user)
        if form.errors:
            messages.error(
                request,
                _("%(reference)s: the decision was not recorded (the discussion was saved).")
                % {"reference": item.submission.reference},
            )
            return self.render_to_response(self.get_context_data(bound_item_form=form))
        values = {"reference": item.submission.reference}
        if change is None:
            messages.success(request, _("%(reference)s: discussion saved.") % values)
        else:
            values["status"] = Status(change.to_status).label
            messages.success(
                request,
                _("%(reference)s: decision recorded, the idea is now “%(status)s”.") % values,
            )
        return redirect(_item_anchor(self.meeting, item.pk))


class AgendaRemoveView(View):
    """POST: take an idea off the agenda, only while it has no recorded decision."""

    def post(self, request, pk, item_pk):
        item = get_object_or_404(
            AgendaItem.objects.select_related("submission", "meeting"), pk=item_pk, meeting_id=pk
        )
        reference = item.submission.reference
        removed, _removed_by_type = AgendaItem.objects.filter(
            pk=item.pk, status_change__isnull=True, decision=""
        ).delete()
        if removed:
            messages.success(
                request, _("%(reference)s removed from the agenda.") % {"reference": reference}
            )
        else:
            messages.error(
                request,
                _("%(reference)s stays on the agenda: a decision on it is recorded.")
                % {"reference": reference},
            )
        return redirect(_item_anchor(item.meeting))


class AddAwaitingView(View):
    """POST: add every idea awaiting a decision that is not on the agenda yet."""

    def post(self, request, pk):
        meeting = get_object_or_404(HuddleMeeting, pk=pk)
        added = add_awaiting_decision(meeting)
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)d idea awaiting a decision added to the agenda.",
                    "%(count)d ideas awaiting a decision added to the agenda.",
                    added,
                )
                % {"count": added},
            )
        else:
            messages.info(request, _("Every idea awaiting a decision is already on the agenda."))
        return redirect(_item_anchor(meeting))


class AgendaAddView(View):
    """POST ``meeting``, ``reference`` and ``next``, from the idea page's "Add to meeting"
    form. Goes back to ``next`` if it is on this site, else to the meeting."""

    def post(self, request):
        form = AgendaAddForm(request.POST)
        if form.is_valid():
            item, created = add_to_agenda(
                form.cleaned_data["meeting"], form.cleaned_data["reference"]
            )
            _tell_added(request, item, created)
        else:
            for error in chain.from_iterable(form.errors.values()):
                messages.error(request, error)
        meeting = form.cleaned_data.get("meeting")
        fallback = _item_anchor(meeting) if meeting else reverse("huddle:meetings")
        return redirect(safe_next(request) or fallback)


def _tell_added(request, item: AgendaItem, created: bool) -> None:
    values = {"reference": item.submission.reference, "meeting": item.meeting}
    if created:
        messages.success(request, _("%(reference)s added to the agenda of %(meeting)s.") % values)
    else:
        messages.warning(
            request, _("%(reference)s is already on the agenda of %(meeting)s.") % values
        )


class MinutesView(MeetingsBreadcrumbsMixin, TemplateView):
    """The minutes, for printing: what was discussed and decided, no personal data."""

    template_name = "submissions/admin/meetings/minutes.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.meeting = get_object_or_404(HuddleMeeting, pk=kwargs["pk"])

    def get_page_title(self):
        return _("Minutes: %(meeting)s") % {"meeting": self.meeting}

    def get_extra_breadcrumbs(self):
        return [
            {"url": reverse("huddle:meeting", args=[self.meeting.pk]), "label": self.meeting},
            {"url": "", "label": _("Minutes")},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            items=agenda_items(self.meeting),
            now_local=timezone.localtime(),
            **kwargs,
        )


urlpatterns = [
    path("meetings/", huddle_member_required(MeetingIndexView.as_view()), name="meetings"),
    path("meetings/add/", huddle_member_required(MeetingFormView.as_view()), name="meeting_add"),
    path(
        "meetings/agenda/add/",
        huddle_member_required(AgendaAddView.as_view()),
        name="agenda_add",
    ),
    path("meetings/<int:pk>/", huddle_member_required(MeetingView.as_view()), name="meeting"),
    path(
        "meetings/<int:pk>/edit/",
        huddle_member_required(MeetingFormView.as_view()),
        name="meeting_edit",
    ),
    path(
        "meetings/<int:pk>/minutes/",
        huddle_member_required(MinutesView.as_view()),
        name="meeting_minutes",
    ),
    path(
        "meetings/<int:pk>/agenda/add-awaiting/",
        huddle_member_required(AddAwaitingView.as_view()),
        name="agenda_add_awaiting",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/",
        huddle_member_required(AgendaItemView.as_view()),
        name="agenda_item",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/remove/",
        huddle_member_required(AgendaRemoveView.as_view()),
        name="agenda_remove",
    ),
]
