"""The public idea form at /submit-an-idea/, and the submitter's private status page.

Flow: start page → one step per topic (answers saved on a server-side draft whose key sits
in the session) → check your answers → submit → confirmation. "Save and come back later"
emails a signed link that puts the draft back into a session.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from hub import abuse
from hub.links import absolute_url
from hub.models import HubSettings
from hub.multistep import HONEYPOT_FIELD
from submissions import emails
from submissions.enums import Status
from submissions.models import IdeaDraft, IdeaSubmission, SubmissionAttachment
from submissions.status import (
    SUBMITTER_DESCRIPTIONS,
    SUBMITTER_LABELS,
    TAG_COLOURS,
    InvalidTransition,
    can_transition,
)

from . import actions, steps
from .forms import ReplyForm, SaveForLaterForm, WithdrawForm
from .similar_work import similar_work

SESSION_DRAFT = "submissions.draft"
SESSION_SUBMITTED = "submissions.submitted"
SUBMIT_SCOPE = "submissions:submit"
EMAIL_SCOPE = "submissions:continue-email"
RATE_PERIOD_SECONDS = 60 * 60


# Helpers ------------------------------------------------------------------------------


def _draft(request) -> IdeaDraft | None:
    """The draft in this session, if it still exists and has not expired."""
    key = request.session.get(SESSION_DRAFT)
    if not key:
        return None
    draft = IdeaDraft.current(key)
    if draft is None:
        request.session.pop(SESSION_DRAFT, None)
    return draft


def _private(view):
    """Pages holding personal data or a private link: not cached and not indexed.

    The site-wide ``Referrer-Policy: same-origin`` already keeps private addresses from other
    sites. Not ``no-referrer``: with it, browsers send ``Origin: null`` on form posts and
    Django's CSRF check refuses them.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapped)


def _over_limit(request, scope) -> abuse.Limit:
    """Count this attempt for the client's address (``hub.abuse``); True once over the
    hourly ``SUBMISSIONS_RATE_LIMIT``."""
    return abuse.hit_rate_limit(
        request, scope, settings.SUBMISSIONS_RATE_LIMIT, period_seconds=RATE_PERIOD_SECONDS
    )


def too_many_requests(request, limit: abuse.Limit):
    response = render(
        request,
        "submissions/too_many_requests.html",
        {"limit": settings.SUBMISSIONS_RATE_LIMIT},
        status=429,
    )
    return abuse.retry_after(response, limit.retry_after)


def _honeypot_tripped(request) -> bool:
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def _rejected(request):
    return HttpResponseBadRequest(render_to_string("submissions/rejected.html", request=request))


def _step_url(step, *, to_check=False) -> str:
    url = reverse(step.url_name)
    return f"{url}?return=check" if to_check else url


def _privacy_page(request):
    hub_settings = HubSettings.for_request(request)
    page = hub_settings.privacy_page
    return page.localized if page else None


# The form -----------------------------------------------------------------------------


@_private
def start(request):
    draft = _draft(request)
    resume = None
    if draft and draft.data:
        next_step = steps.first_incomplete_step(draft)
        resume = _step_url(next_step) if next_step else reverse("submissions:check")
    return render(
        request,
        "submissions/start.html",
        {
            "first_step_url": reverse(steps.STEPS[0].url_name),
            "resume_url": resume,
            "privacy_page": _privacy_page(request),
            "step_count": len(steps.STEPS),
        },
    )


@_private
@require_http_methods(["GET", "POST"])
def step_view(request, slug):
    step = steps.STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404
    index = steps.step_index(slug)
    draft = _draft(request)
    if draft is None and index > 0:
        return redirect("submissions:start")
    to_check = request.GET.get("return") == "check" and draft is not None
    answers = draft.data.get(slug) if draft else None

    if request.method == "POST":
        if index == 0 and _honeypot_tripped(request):
            return _rejected(request)
        form = step.form_class(
            request.POST, request.FILES, draft=draft, client=abuse.client_ip(request)
        )
        valid = form.is_valid()
        checked_files = form.cleaned_data.get("attachments") if draft is not None else None
        if not valid and checked_files and "attachments" not in form.errors:
            # Files that passed their checks are kept even when another answer needs
            # fixing: a browser cannot put them back into the file input.
            actions.save_uploads(draft, checked_files)
        if valid:
            if draft is None:
                draft = IdeaDraft(language=translation.get_language() or settings.LANGUAGE_CODE)
            uploads = form.cleaned_data.get("attachments") or []
            actions.save_step(draft, slug, form.to_draft(), uploads)
            request.session[SESSION_DRAFT] = draft.key
            if request.POST.get("action") == "save":
                return redirect("submissions:save")
            if request.POST.get("action") == "upload":
                return redirect(_step_url(step, to_check=to_check))
            following = steps.first_incomplete_step(draft) if to_check else steps.next_step(step)
            if following is None:
                return redirect("submissions:check")
            return redirect(_step_url(following))
    else:
        form = step.form_class(initial=answers, draft=draft)

    previous = steps.previous_step(step)
    if to_check:
        back_url = reverse("submissions:check")
    elif previous:
        back_url = reverse(previous.url_name)
    else:
        back_url = reverse("submissions:start")
    retry_after = getattr(form, "upload_retry_after", None)
    response = render(
        request,
        step.template_name,
        {
            "step": step,
            "form": form,
            "step_number": index + 1,
            "step_count": len(steps.STEPS),
            "back_url": back_url,
            "to_check": to_check,
            "privacy_page": _privacy_page(request) if slug == "consent" else None,
            "retention_months": settings.SUBMISSIONS_RETENTION_MONTHS,
            "attachments": form.existing_attachments() if slug == "support" else [],
        },
        status=429 if retry_after else 200,
    )
    if retry_after:
        abuse.retry_after(response, retry_after)
    return response


@_private
@require_POST
def remove_attachment(request):
    draft = _draft(request)
    if draft is None:
        return redirect("submissions:start")
    attachment_id = request.POST.get("attachment", "")
    attachment = SubmissionAttachment.objects.filter(
        pk=int(attachment_id) if attachment_id.isdigit() else 0, draft=draft
    ).first()
    if attachment is not None:
        attachment.delete()
        messages.success(
            request, _("%(name)s has been removed.") % {"name": attachment.original_name}
        )
    step = steps.STEPS_BY_SLUG["support"]
    return redirect(_step_url(step, to_check=request.POST.get("return") == "check"))


@_private
@require_http_methods(["GET", "POST"])
def check(request):
    if request.method == "POST":
        return _submit(request, request.session.get(SESSION_DRAFT))
    draft = _draft(request)
    if draft is None:
        return redirect("submissions:start")
    missing = steps.first_incomplete_step(draft)
    if missing is not None:
        return redirect(missing.url_name)
    sections = [
        {
            "step": step,
            "rows": steps.summary_rows(step, draft.data.get(step.slug, {}), draft),
            "change_url": _step_url(step, to_check=True),
        }
        for step in steps.STEPS
    ]
    idea = draft.data.get("your-idea", {})
    similar_items = similar_work(
        f"{idea.get('title', '')} {idea.get('problem', '')}",
        language=translation.get_language(),
        request=request,
    )
    return render(
        request,
        "submissions/check.html",
        {"sections": sections, "similar_items": similar_items},
    )


def _submit(request, key):
    """The final POST: one submission per draft however often it arrives."""
    if _honeypot_tripped(request):
        return _rejected(request)
    if not key:
        if request.session.get(SESSION_SUBMITTED):
            return redirect("submissions:confirmation")  # a replay after success
        return redirect("submissions:start")
    # Over the limit, a replay of a submit that already worked still reaches its
    # confirmation (submit_draft returns the idea made the first time).
    limit = _over_limit(request, SUBMIT_SCOPE)
    if limit and not IdeaSubmission.objects.filter(source_draft_key=key).exists():
        return too_many_requests(request, limit)

    try:
        result = actions.submit_draft(
            key,
            ip=abuse.client_ip(request),
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    except actions.DraftIncomplete:
        missing = steps.first_incomplete_step(_draft(request))
        return redirect(missing.url_name if missing else "submissions:start")
    if result.created:
        request.session[SESSION_SUBMITTED] = {
            "id": result.submission.pk,
            "token": result.status_token,
        }
    elif request.session.get(SESSION_SUBMITTED, {}).get("id") != result.submission.pk:
        request.session[SESSION_SUBMITTED] = {"id": result.submission.pk, "token": None}
    request.session.pop(SESSION_DRAFT, None)
    return redirect("submissions:confirmation")


@_private
def confirmation(request):
    submitted = dict(request.session.get(SESSION_SUBMITTED) or {})
    submission = IdeaSubmission.objects.filter(pk=submitted.get("id")).first()
    if submission is None:
        return redirect("submissions:start")
    # The status link is shown once; the session does not keep it.
    token = submitted.pop("token", None)
    request.session[SESSION_SUBMITTED] = submitted
    return render(
        request,
        "submissions/confirmation.html",
        {
            "submission": submission,
            "status_url": reverse("submissions:status", args=[token]) if token else None,
        },
    )


# Save and come back later -------------------------------------------------------------


@_private
@require_http_methods(["GET", "POST"])
def save_for_later(request):
    draft = _draft(request)
    if draft is None:
        return redirect("submissions:start")
    next_step = steps.first_incomplete_step(draft)
    continue_url = reverse(next_step.url_name) if next_step else reverse("submissions:check")
    if request.method == "POST":
        form = SaveForLaterForm(request.POST)
        if form.is_valid():
            limit = _over_limit(request, EMAIL_SCOPE)
            if limit:
                return too_many_requests(request, limit)
            draft.email = form.cleaned_data["email"]
            draft.save(update_fields=["email"])
            link = absolute_url(
                reverse("submissions:continue", args=[actions.continue_token(draft)])
            )
            emails.record_continue_link(
                draft, to=draft.email, continue_url=link, expires_at=draft.expires_at
            )
            return render(
                request,
                "submissions/save_sent.html",
                {
                    "email": draft.email,
                    "expires_at": draft.expires_at,
                    "continue_url": continue_url,
                },
            )
    else:
        known = draft.email or draft.data.get("about-you", {}).get("submitter_email", "")
        form = SaveForLaterForm(initial={"email": known})
    return render(
        request,
        "submissions/save.html",
        {"form": form, "continue_url": continue_url, "expires_at": draft.expires_at},
    )


@_private
def continue_draft(request, token):
    try:
        draft = actions.draft_for_continue_token(token)
    except signing.SignatureExpired:
        return render(request, "submissions/continue_invalid.html", {"expired": True}, status=410)
    except signing.BadSignature:
        return render(request, "submissions/continue_invalid.html", {"expired": False}, status=404)
    request.session.cycle_key()
    request.session[SESSION_DRAFT] = draft.key
    next_step = steps.first_incomplete_step(draft)
    return redirect(next_step.url_name if next_step else "submissions:check")


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


@_private
def status_page(request, token):
    submission = _submission_for(token)
    return render(request, "submissions/status.html", _status_context(submission, token))


@_private
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


@_private
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


@_private
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
