"""One idea in the huddle inbox: everything submitted, its timeline, and the huddle's work on
it (status, sift, assignment, notes, messages, coaching log, meeting agenda, case study), in
five tabs (``TABS``); and the one-click "Start triage" of a new idea (``start_triage``).

Every form on the page posts to the same URL with an ``action``; a valid post redirects back
(so a reload never repeats it), an invalid one re-renders the page with the error next to the
field and the text as typed. The rules come from ``submissions.status`` and
``submissions.huddle.actions``; what the page shows from ``timeline``, ``answers``,
``similar_ideas`` and ``clocks``.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from wagtail.admin import messages
from wagtail.log_actions import log

from directory.matching import suggest_coaches
from hub.private_files import download
from submissions.benefits import may_record_benefits
from submissions.enums import Status
from submissions.models import HuddleMeeting, IdeaSubmission, SubmissionAttachment
from submissions.permissions import huddle_member_required
from submissions.portal.similar_work import similar_work
from submissions.status import TAG_COLOURS, InvalidTransition
from submissions.transitions import StaleStatus, latest_change_id

from .. import actions, clocks, forms, projects
from ..answers import answer_sections
from ..case_study import CannotDraftCaseStudy, draft_case_study, sections_for
from ..similar_ideas import similar_ideas
from ..timeline import timeline
from .meetings import safe_next


def _idea_queryset():
    return IdeaSubmission.objects.select_related(
        "organisation",
        "lead",
        "coach",
        "coach__organisation",
        "case_study",
        "sifted_by",
        "project",
        "project_approved_by",
    ).prefetch_related("organisations_involved", "priorities", "route_organisations")


def _get_idea(reference: str) -> IdeaSubmission:
    return get_object_or_404(_idea_queryset(), reference=reference)


# Lookups shown beside the idea -----------------------------------------


def coach_suggestions(idea: IdeaSubmission):
    organisations = {
        *idea.route_organisations.all(),
        *idea.organisations_involved.all(),
        *([idea.organisation] if idea.organisation_id else []),
    }
    return suggest_coaches(
        support_wanted=idea.support_wanted,
        priorities=list(idea.priorities.all()),
        organisations=organisations,
        language=idea.language,
        limit=5,
    )


# The page -----------------------------------------------------------------------------

ACTIONS = {
    "status": "status_form",
    "sift": "sift_form",
    "assign": "assign_form",
    "assign_coach": "coach_pick_form",
    "note": "note_form",
    "message": "message_form",
    "coaching": "coaching_form",
    "case_study": "case_study_form",
    "project_approve": "project_approve_form",
    "project_start": "project_start_form",
    "project_end": "project_end_form",
}


# The idea page's tabs, in order (ids are used in URLs: #tab-<id>).
TABS = [
    ("answers", _lazy("What was submitted")),
    ("decision", _lazy("Decision")),
    ("people", _lazy("People")),
    ("conversation", _lazy("Conversation")),
    ("history", _lazy("History")),
]
# The tab holding each action's form: a refused post reopens it.
ACTION_TABS = {
    "status": "decision",
    "sift": "decision",
    "case_study": "decision",
    "project_approve": "decision",
    "project_start": "decision",
    "project_end": "decision",
    "assign": "people",
    "assign_coach": "people",
    "coaching": "people",
    "note": "conversation",
    "message": "conversation",
}
# The panel a successful post scrolls back to, when it is not named after the action.
ACTION_PANELS = {
    "assign_coach": "suggestions",
    "project_approve": "project",
    "project_start": "project",
    "project_end": "project",
}
# Timeline entries that are the conversation about the idea.
CONVERSATION = ("message", "reply", "note")


def _forms(idea, data=None, action=None):
    """Every form on the page; only the one named by ``action`` is bound to ``data``."""

    def bound(name):
        return data if action == name else None

    # A project's end makes the case study (project_end), not the completed idea's form.
    can_share = idea.status == Status.COMPLETED and not idea.case_study_id and not idea.project_id
    sections = sections_for(idea) if can_share else []
    can_start = (
        projects.may_become_project(idea)
        and idea.project_consent_at is not None
        and idea.project_approved_at is not None
    )
    can_end = bool(idea.project_id) and not idea.case_study_id
    return {
        "status_form": forms.StatusForm(
            bound("status"),
            submission=idea,
            initial={"expected_change_id": latest_change_id(idea)},
            prefix="status",
        ),
        "sift_form": forms.SiftForm(
            bound("sift"),
            initial={
                "route": idea.route or idea.proposed_route,
                "organisations": list(idea.route_organisations.all())
                or list(idea.organisations_involved.all()),
                "priorities": list(idea.priorities.all()),
            },
            prefix="sift",
        ),
        "assign_form": forms.AssignForm(
            bound("assign"), initial={"lead": idea.lead_id, "coach": idea.coach_id}, prefix="assign"
        ),
        "coach_pick_form": forms.CoachPickForm(bound("assign_coach")),
        "note_form": forms.NoteForm(bound("note"), prefix="note"),
        "message_form": forms.MessageForm(bound("message"), prefix="message"),
        "coaching_form": forms.CoachingSessionForm(
            bound("coaching"), initial={"date": timezone.localdate()}, prefix="coaching"
        ),
        "case_study_form": forms.CaseStudyForm(
            bound("case_study"), sections=sections, prefix="case_study"
        )
        if sections
        else None,
        "project_approve_form": forms.ProjectApproveForm(bound("project_approve"))
        if projects.may_become_project(idea) and idea.project_approved_at is None
        else None,
        "project_start_form": forms.ProjectSectionForm(
            bound("project_start"),
            sections=projects.sections_for(idea),
            label=_("Where the project page goes"),
            help_text=_("The editors of that section keep it up to date."),
            prefix="project_start",
        )
        if can_start
        else None,
        "project_end_form": forms.ProjectSectionForm(
            bound("project_end"),
            sections=sections_for(idea),
            label=_("Where the case study goes"),
            help_text=_("The editors of that section finish it and submit it for review."),
            prefix="project_end",
        )
        if can_end
        else None,
    }


def _render(request, idea, page_forms, status=200, active_tab="answers"):
    events = timeline(idea)
    context = {
        "tabs": TABS,
        "active_tab": active_tab,
        "idea": idea,
        "clock": clocks.clock_for(idea),
        "targets": clocks.targets(),
        "tag_colour": TAG_COLOURS[Status(idea.status)],
        "timeline": events,
        "conversation": [event for event in events if event.kind in CONVERSATION],
        "answers": answer_sections(idea),
        "attachments": list(idea.attachments.all()),
        "similar_content": similar_work(f"{idea.title} {idea.problem}", limit=5, request=request),
        "similar_ideas": similar_ideas(idea),
        "suggestions": coach_suggestions(idea),
        "coaching_sessions": list(idea.coaching_sessions.select_related("coach")),
        "upcoming_meetings": list(
            HuddleMeeting.objects.filter(date__gte=timezone.localdate()).order_by("date")[:10]
        ),
        "agenda_items": list(idea.agenda_items.select_related("meeting")),
        "can_record_benefits": may_record_benefits(idea),
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("huddle:inbox"), "label": _("Huddle inbox")},
            {"url": "", "label": f"{idea.reference}: {idea.title}"},
        ],
        "header_title": f"{idea.reference}: {idea.title}",
        **page_forms,
    }
    return TemplateResponse(request, "submissions/admin/idea.html", context, status=status)


@huddle_member_required
def idea_page(request, reference):
    idea = _get_idea(reference)
    if request.method != "POST":
        return _render(request, idea, _forms(idea))
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        messages.error(request, _("That action is not known. Nothing was changed."))
        return redirect("huddle:idea", idea.reference)
    page_forms = _forms(idea, request.POST, action)
    form = page_forms[ACTIONS[action]]
    if form is None:
        messages.error(request, _("That cannot be done to this idea now. Nothing was changed."))
        return redirect("huddle:idea", idea.reference)
    if form.is_valid():
        try:
            done = HANDLERS[action](request, idea, form.cleaned_data)
        except StaleStatus as error:
            form.add_error(None, str(error))
        except (
            InvalidTransition,
            ValueError,
            CannotDraftCaseStudy,
            projects.CannotStartProject,
        ) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            panel = ACTION_PANELS.get(action, action)
            return redirect(reverse("huddle:idea", args=[idea.reference]) + f"#{panel}-section")
    messages.error(request, _("Nothing was changed: check the form below."))
    # The page is redrawn with what was typed; 422 tells tools (and tests) it was refused.
    return _render(
        request, _get_idea(reference), page_forms, status=422, active_tab=ACTION_TABS[action]
    )


# Handlers: do the thing, return the confirmation --------------------------------------


def _change_status(request, idea, data):
    change = actions.change_status(
        idea,
        data["to_status"],
        user=request.user,
        reason=data["reason"],
        route=data["route"] or None,
        redirected_to=data["redirected_to"],
        # The page always sends the history entry it showed; a hand-made post without one
        # is checked against the status alone (still under the row lock).
        expected_change_id=(
            data["expected_change_id"] if data["expected_change_id"] is not None else ...
        ),
    )
    return _("%(reference)s is now “%(status)s”.") % {
        "reference": idea.reference,
        "status": Status(change.to_status).label,
    }


def _sift(request, idea, data):
    actions.sift(
        idea,
        user=request.user,
        route=data["route"],
        organisations=data["organisations"],
        priorities=data["priorities"],
    )
    return _("Route and priorities recorded.")


def _assign(request, idea, data):
    changed = actions.assign(idea, user=request.user, lead=data["lead"], coach=data["coach"])
    return _("Assignment saved.") if changed else _("Nothing to change.")


def _assign_coach(request, idea, data):
    actions.assign(idea, user=request.user, coach=data["coach"])
    return _("%(coach)s is now the coach for this idea.") % {"coach": data["coach"].display_name}


def _note(request, idea, data):
    note = actions.add_note(idea, user=request.user, body=data["body"])
    mentioned = note.mentions.count()
    if mentioned:
        return _("Note added; %(count)s mentioned member(s) emailed.") % {"count": mentioned}
    return _("Note added.")


def _message(request, idea, data):
    actions.send_message(idea, user=request.user, body=data["body"])
    if actions.can_email_submitter(idea):
        return _("Message sent to the submitter.")
    return _("Message saved. The submitter has no email address on file, so it was not emailed.")


def _coaching(request, idea, data):
    if data["coach"] is None and idea.coach is None:
        raise ValueError(_("Choose the coach: this idea has none assigned yet."))
    actions.log_coaching_session(
        idea, user=request.user, coach=data["coach"], date=data["date"], note=data["note"]
    )
    return _("Coaching session logged.")


def _case_study(request, idea, data):
    page = draft_case_study(idea, user=request.user, parent=data["parent"])
    return _("Draft case study “%(title)s” created for the section's editors to finish.") % {
        "title": page.title
    }


def _project_approve(request, idea, data):
    projects.approve(idea, user=request.user)
    return _("Publication as a project approved.")


def _project_start(request, idea, data):
    page = projects.start_project(idea, user=request.user, parent=data["parent"])
    return _("Project page “%(title)s” published.") % {"title": page.title}


def _project_end(request, idea, data):
    page = projects.end_project(idea, user=request.user, parent=data["parent"])
    return _("Project ended; draft case study “%(title)s” created from its history.") % {
        "title": page.title
    }


HANDLERS = {
    "status": _change_status,
    "sift": _sift,
    "assign": _assign,
    "assign_coach": _assign_coach,
    "note": _note,
    "message": _message,
    "coaching": _coaching,
    "case_study": _case_study,
    "project_approve": _project_approve,
    "project_start": _project_start,
    "project_end": _project_end,
}


# One-click triage ---------------------------------------------------------------------


@require_POST
@huddle_member_required
def start_triage(request, reference):
    """Move a new idea into triage in one click, through the same action (and status
    machine) as the idea page, then go back where the click came from (``next``, if it is
    on this site; else the inbox). A move someone else made meanwhile is refused and said."""
    idea = _get_idea(reference)
    form = forms.TriageForm(request.POST)
    back = safe_next(request) or reverse("huddle:inbox")
    if not form.is_valid():
        messages.error(request, _("Reload the page, then try again. Nothing was changed."))
        return redirect(back)
    expected = form.cleaned_data["expected_change"]
    try:
        actions.change_status(
            idea,
            Status.IN_TRIAGE,
            user=request.user,
            expected_change_id=expected if expected is not None else ...,
        )
    except InvalidTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(reference)s (%(title)s) is now “%(status)s”.")
            % {"reference": idea.reference, "title": idea.title, "status": Status.IN_TRIAGE.label},
            buttons=[messages.button(reverse("huddle:idea", args=[idea.reference]), _("Open"))],
        )
    return redirect(back)


# Attachments --------------------------------------------------------------------------


@require_GET
@huddle_member_required
def attachment(request, reference, pk):
    """Stream one attachment as a download, never rendered by the browser, and log it."""
    item = SubmissionAttachment.objects.filter(
        pk=pk, submission__reference=reference, submission__isnull=False
    ).first()
    if item is None:
        raise Http404
    response = download(item)  # 404 when the file has gone
    log(
        instance=item.submission,
        action="submissions.view_attachment",
        user=request.user,
        data={"file": item.original_name},
    )
    return response


urlpatterns = [
    path("ideas/<str:reference>/", idea_page, name="idea"),
    path("ideas/<str:reference>/files/<int:pk>/", attachment, name="attachment"),
    path("ideas/<str:reference>/triage/", start_triage, name="triage"),
]
