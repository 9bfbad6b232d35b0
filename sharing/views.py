"""The public "Share your work" form at /share-your-work/.

Flow: start page → about you → your work → your measure (previewed as the SPC chart the
site draws) → files → publication and privacy → check your answers → send → confirmation
with a reference. Answers are saved on a server-side draft whose key sits in the session;
"Save and come back later" emails a signed link that puts the draft back into a session.
Everything works without JavaScript.
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
from hub.models import HubSettings, Organisation, Priority
from hub.multistep import HONEYPOT_FIELD
from pages.charts import render_spc_chart
from pages.measure_import import MeasureImportError, read_measure_file
from pages.spc import compute_spc

from . import actions, emails
from .forms import YES, SaveForLaterForm
from .models import ShareAttachment, ShareDraft, SharedWork
from .steps import STEPS

SESSION_DRAFT = "sharing.draft"
SESSION_SUBMITTED = "sharing.submitted"
SUBMIT_SCOPE = "sharing:submit"
EMAIL_SCOPE = "sharing:continue-email"
RATE_PERIOD_SECONDS = 60 * 60


def _draft(request) -> ShareDraft | None:
    draft = ShareDraft.current(request.session.get(SESSION_DRAFT))
    if draft is None:
        request.session.pop(SESSION_DRAFT, None)
    return draft


def _private(view):
    """Pages holding personal data or a private link: not cached and not indexed."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapped)


def _over_limit(request, scope) -> abuse.Limit:
    return abuse.hit_rate_limit(
        request, scope, settings.SHARING_RATE_LIMIT, period_seconds=RATE_PERIOD_SECONDS
    )


def _too_many_requests(request, limit: abuse.Limit):
    response = render(
        request,
        "sharing/too_many_requests.html",
        {"limit": settings.SHARING_RATE_LIMIT},
        status=429,
    )
    return abuse.retry_after(response, limit.retry_after)


def _step_url(step, *, to_check=False) -> str:
    url = reverse(step.url_name)
    return f"{url}?return=check" if to_check else url


def _privacy_page(request):
    page = HubSettings.for_request(request).privacy_page
    return page.localized if page else None


def measure_chart(answers: dict, id_prefix="share-measure"):
    """The SPC chart of the draft's measure (None without data)."""
    data = (answers or {}).get("measure_data")
    if not data:
        return None
    try:
        points = read_measure_file(data.encode(), "typed.csv").points
    except MeasureImportError:
        return None
    name, unit = answers.get("measure_name", ""), answers.get("measure_unit", "")
    result = compute_spc(points, direction=answers.get("measure_direction") or "neither", unit=unit)
    return render_spc_chart(result, title=name, unit=unit, id_prefix=id_prefix)


@_private
def start(request):
    draft = _draft(request)
    resume = None
    if draft and draft.data:
        following = STEPS.first_incomplete(draft)
        resume = _step_url(following) if following else reverse("sharing:check")
    return render(
        request,
        "sharing/start.html",
        {
            "first_step_url": reverse(STEPS[0].url_name),
            "resume_url": resume,
            "privacy_page": _privacy_page(request),
            "step_count": len(STEPS),
            "retention_months": settings.SHARING_RETENTION_MONTHS,
        },
    )


@_private
@require_http_methods(["GET", "POST"])
def step_view(request, slug):
    step = STEPS.by_slug.get(slug)
    if step is None:
        raise Http404
    index = STEPS.index(slug)
    draft = _draft(request)
    if draft is None and index > 0:
        return redirect("sharing:start")
    to_check = request.GET.get("return") == "check" and draft is not None
    answers = draft.data.get(slug) if draft else None

    if request.method == "POST":
        if index == 0 and request.POST.get(HONEYPOT_FIELD, "").strip():
            return HttpResponseBadRequest(
                render_to_string("sharing/rejected.html", request=request)
            )
        form = step.form_class(
            request.POST, request.FILES, draft=draft, client=abuse.client_ip(request)
        )
        valid = form.is_valid()
        checked_files = form.cleaned_data.get("attachments") if draft is not None else None
        if not valid and checked_files and "attachments" not in form.errors:
            actions.save_uploads(draft, checked_files)  # a browser cannot put them back
        if valid:
            if draft is None:
                draft = ShareDraft(language=translation.get_language() or settings.LANGUAGE_CODE)
            uploads = form.cleaned_data.get("attachments") or []
            actions.save_step(draft, slug, form.to_draft(), uploads)
            request.session[SESSION_DRAFT] = draft.key
            action = request.POST.get("action")
            if action == "save":
                return redirect("sharing:save")
            if action in ("upload", "preview"):
                return redirect(_step_url(step, to_check=to_check))
            following = STEPS.first_incomplete(draft) if to_check else STEPS.next(step)
            return redirect(_step_url(following) if following else reverse("sharing:check"))
    else:
        form = step.form_class(initial=answers, draft=draft)

    previous = STEPS.previous(step)
    if to_check:
        back_url = reverse("sharing:check")
    elif previous:
        back_url = reverse(previous.url_name)
    else:
        back_url = reverse("sharing:start")
    retry_after = getattr(form, "upload_retry_after", None)
    response = render(
        request,
        step.template_name,
        {
            "step": step,
            "form": form,
            "step_number": index + 1,
            "step_count": len(STEPS),
            "back_url": back_url,
            "to_check": to_check,
            "privacy_page": _privacy_page(request) if slug == "consent" else None,
            "attachments": form.existing_attachments() if slug == "files" else [],
            "chart": measure_chart(answers) if slug == "measures" and not form.errors else None,
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
        return redirect("sharing:start")
    attachment_id = request.POST.get("attachment", "")
    attachment = ShareAttachment.objects.filter(
        pk=int(attachment_id) if attachment_id.isdigit() else 0, draft=draft
    ).first()
    if attachment is not None:
        attachment.delete()
        messages.success(
            request, _("%(name)s has been removed.") % {"name": attachment.original_name}
        )
    step = STEPS.by_slug["files"]
    return redirect(_step_url(step, to_check=request.POST.get("return") == "check"))


def _names(model, pks) -> list[str]:
    ids = [int(pk) for pk in pks if str(pk).isdigit()]
    names = dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [names[pk] for pk in ids if pk in names]


def summary(draft) -> list[dict]:
    """The check page's sections: each step's questions and answers, and where to change
    them."""
    sections = []
    for step in STEPS:
        answers = draft.data.get(step.slug, {})
        form = step.form_class(draft=draft)
        rows = []
        for name, field in form.fields.items():
            if name in (HONEYPOT_FIELD, "measure_file"):
                continue
            value = answers.get(name)
            if name == "attachments":
                lines = [a.original_name for a in form.existing_attachments()]
            elif name == "organisation":
                lines = _names(Organisation, [value])
            elif name == "priorities":
                lines = _names(Priority, value or [])
            elif isinstance(value, bool):
                lines = [_("Yes")] if value else []
            elif hasattr(field, "choices") and value:
                lines = [str(dict(field.choices).get(value, value))]
            else:
                lines = [value] if value else []
            rows.append({"label": field.label, "lines": lines})
        sections.append({"step": step, "rows": rows, "change_url": _step_url(step, to_check=True)})
    return sections


@_private
@require_http_methods(["GET", "POST"])
def check(request):
    if request.method == "POST":
        return _submit(request, request.session.get(SESSION_DRAFT))
    draft = _draft(request)
    if draft is None:
        return redirect("sharing:start")
    missing = STEPS.first_incomplete(draft)
    if missing is not None:
        return redirect(missing.url_name)
    return render(
        request,
        "sharing/check.html",
        {
            "sections": summary(draft),
            "chart": measure_chart(draft.data.get("measures"), id_prefix="check-measure"),
            "named": draft.data.get("consent", {}).get("named_contact") == YES,
        },
    )


def _submit(request, key):
    if request.POST.get(HONEYPOT_FIELD, "").strip():
        return HttpResponseBadRequest(render_to_string("sharing/rejected.html", request=request))
    if not key:
        if request.session.get(SESSION_SUBMITTED):
            return redirect("sharing:confirmation")  # a replay after success
        return redirect("sharing:start")
    limit = _over_limit(request, SUBMIT_SCOPE)
    if limit and not SharedWork.objects.filter(source_draft_key=key).exists():
        return _too_many_requests(request, limit)
    try:
        result = actions.submit_draft(
            key, language=translation.get_language() or settings.LANGUAGE_CODE
        )
    except actions.DraftIncomplete:
        missing = STEPS.first_incomplete(_draft(request))
        return redirect(missing.url_name if missing else "sharing:start")
    request.session[SESSION_SUBMITTED] = result.shared.pk
    request.session.pop(SESSION_DRAFT, None)
    return redirect("sharing:confirmation")


@_private
def confirmation(request):
    shared = SharedWork.objects.filter(pk=request.session.get(SESSION_SUBMITTED)).first()
    if shared is None:
        return redirect("sharing:start")
    return render(request, "sharing/confirmation.html", {"shared": shared})


@_private
@require_http_methods(["GET", "POST"])
def save_for_later(request):
    draft = _draft(request)
    if draft is None:
        return redirect("sharing:start")
    following = STEPS.first_incomplete(draft)
    continue_url = reverse(following.url_name) if following else reverse("sharing:check")
    if request.method == "POST":
        form = SaveForLaterForm(request.POST)
        if form.is_valid():
            limit = _over_limit(request, EMAIL_SCOPE)
            if limit:
                return _too_many_requests(request, limit)
            draft.email = form.cleaned_data["email"]
            draft.save(update_fields=["email"])
            link = absolute_url(reverse("sharing:continue", args=[actions.continue_token(draft)]))
            emails.record_continue_link(
                draft, to=draft.email, continue_url=link, expires_at=draft.expires_at
            )
            return render(
                request,
                "sharing/save_sent.html",
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
        "sharing/save.html",
        {"form": form, "continue_url": continue_url, "expires_at": draft.expires_at},
    )


@_private
def continue_draft(request, token):
    try:
        draft = actions.draft_for_continue_token(token)
    except signing.SignatureExpired:
        return render(request, "sharing/continue_invalid.html", {"expired": True}, status=410)
    except signing.BadSignature:
        return render(request, "sharing/continue_invalid.html", {"expired": False}, status=404)
    request.session.cycle_key()
    request.session[SESSION_DRAFT] = draft.key
    following = STEPS.first_incomplete(draft)
    return redirect(following.url_name if following else "sharing:check")
