"""The public idea form at /submit-an-idea/ (``hub.multistep_views``), and the submitter's
private status page.

Flow: start page → one step per topic → check your answers → submit → confirmation.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hub import abuse
from hub.multistep_views import (
    RATE_PERIOD_SECONDS,  # noqa: F401 (tests/services)
    MultiStepForm,
    private,
)
from submissions import emails
from submissions.enums import Status
from submissions.models import IdeaDraft, IdeaSubmission
from submissions.status import (
    SUBMITTER_DESCRIPTIONS,
    SUBMITTER_LABELS,
    TAG_COLOURS,
    InvalidTransition,
    can_transition,
)

from . import actions, steps
from .forms import ReplyForm, WithdrawForm
from .similar_work import similar_work


class IdeaForm(MultiStepForm):
    namespace = "submissions"
    draft_model = IdeaDraft
    steps = steps.STEPS
    files_step = "support"
    rate_limit_setting = "SUBMISSIONS_RATE_LIMIT"
    submitted_model = IdeaSubmission

    def step_context(self, request, step, form, answers):
        return {"retention_months": settings.SUBMISSIONS_RETENTION_MONTHS}

    def summary_rows(self, step, answers, draft):
        return steps.summary_rows(step, answers, draft)

    def check_context(self, request, draft):
        idea = draft.data.get("your-idea", {})
        similar_items = similar_work(
            f"{idea.get('title', '')} {idea.get('problem', '')}",
            language=translation.get_language(),
            request=request,
        )
        return {"similar_items": similar_items}

    def submit(self, request, key):
        result = actions.submit_draft(
            key,
            ip=abuse.client_ip(request),
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        pk, key = result.submission.pk, self.session_submitted
        if result.created:
            request.session[key] = {"id": pk, "token": result.status_token}
        elif request.session.get(key, {}).get("id") != pk:
            request.session[key] = {"id": pk, "token": None}

    def confirmation(self, request):
        submitted = dict(request.session.get(self.session_submitted) or {})
        submission = IdeaSubmission.objects.filter(pk=submitted.get("id")).first()
        if submission is None:
            return redirect("submissions:start")
        # The status link is shown once; the session does not keep it.
        token = submitted.pop("token", None)
        request.session[self.session_submitted] = submitted
        return render(
            request,
            "submissions/confirmation.html",
            {
                "submission": submission,
                "status_url": reverse("submissions:status", args=[token]) if token else None,
            },
        )

    def record_continue_link(self, draft, link):
        emails.record_continue_link(
            draft, to=draft.email, continue_url=link, expires_at=draft.expires_at
        )


idea_form = IdeaForm()
# As the tests of rate limits across processes name them (tests/services).
SESSION_DRAFT, SUBMIT_SCOPE = idea_form.session_draft, idea_form.submit_scope


# The private status page --------------------------------------------------------------


def _submission_for(token) -> IdeaSubmission:
    submission = IdeaSubmission.for_status_token(token)
    if submission is None:
        raise Http404
    return submission


def _status_context(submission, token, reply_form=None):
    status = Status(submission.status)
    changes = list(submission.status_changes.all())
    closing = changes[-1] if changes and submission.is_closed else None
    return {
        "submission": submission,
        "token": token,
        "status_label": SUBMITTER_LABELS[status],
        "status_description": SUBMITTER_DESCRIPTIONS[status],
        "status_colour": TAG_COLOURS[status],
        "history": [
            {"label": SUBMITTER_LABELS[Status(change.to_status)], "at": change.changed_at}
            for change in changes
        ],
        "closing_reason": closing.reason if closing and not closing.by_submitter else "",
        "messages_": list(submission.messages.all()),
        "can_reply": submission.status == Status.MORE_INFO_REQUESTED,
        "can_withdraw": can_transition(submission.status, Status.WITHDRAWN, by_submitter=True),
        "reply_form": reply_form or ReplyForm(),
        "can_consent_to_project": actions.can_consent(submission),
        "project_consent_at": submission.project_consent_at,
    }


@private
def status_page(request, token):
    submission = _submission_for(token)
    return render(request, "submissions/status.html", _status_context(submission, token))


@private
@require_POST
def reply(request, token):
    submission = _submission_for(token)
    form = ReplyForm(request.POST)
    if submission.status != Status.MORE_INFO_REQUESTED:
        messages.info(request, _("You can reply when the huddle asks you for more information."))
        return redirect("submissions:status", token)
    if not form.is_valid():
        return render(request, "submissions/status.html", _status_context(submission, token, form))
    try:
        actions.reply(submission, form.cleaned_data["body"])
    except InvalidTransition:
        messages.info(request, _("You can reply when the huddle asks you for more information."))
        return redirect("submissions:status", token)
    messages.success(request, _("Your reply has been sent to the huddle."))
    return redirect("submissions:status", token)


@private
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    submission = _submission_for(token)
    if not can_transition(submission.status, Status.WITHDRAWN, by_submitter=True):
        messages.info(request, _("This idea is closed, so it cannot be withdrawn."))
        return redirect("submissions:status", token)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.withdraw(submission, form.cleaned_data["reason"])
        except InvalidTransition:
            messages.info(request, _("This idea is closed, so it cannot be withdrawn."))
            return redirect("submissions:status", token)
        messages.success(request, _("You have withdrawn your idea."))
        return redirect("submissions:status", token)
    return render(
        request,
        "submissions/withdraw.html",
        {"submission": submission, "token": token, "form": form},
    )


@private
@require_POST
def project_consent(request, token):
    """The submitter agrees to their idea becoming a public project in progress (a huddle
    member must approve it too). Recorded once, with when and how."""
    submission = _submission_for(token)
    if request.POST.get("consent") != "yes":
        messages.info(request, _("Nothing was changed."))
    elif actions.record_consent(submission):
        messages.success(
            request, _("Thank you. The huddle will let you know if it publishes your project.")
        )
    else:
        messages.info(request, _("Your idea cannot become a public project at this stage."))
    return redirect("submissions:status", token)
