"""The views of a public multi-step form, written once.

Flow: start page → one page per step (answers saved on a server-side draft whose key sits in
the session, ``hub.drafts``) → check your answers → send → confirmation. "Save and come back
later" emails a signed link that puts the draft back into a session. Everything works
without JavaScript.

A form is a subclass of :class:`MultiStepForm` naming its URL namespace (which is also its
template folder and the prefix of its session keys and rate-limit scopes), its draft model,
its steps (``hub.multistep.StepSequence``) and what only it does: submitting the draft,
the confirmation page, the continue-later email and any extra context. ``urls()`` gives
its URL patterns. The idea form (``submissions.portal.views``) and "Share your work"
(``sharing.views``) are the two.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from hub import abuse, drafts
from hub.links import absolute_url
from hub.models import HubSettings
from hub.multistep import HONEYPOT_FIELD, SaveForLaterForm, StepSequence, SummaryRow

RATE_PERIOD_SECONDS = 60 * 60


def private(view):
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


def privacy_page(request):
    page = HubSettings.for_request(request).privacy_page
    return page.localized if page else None


class MultiStepForm:
    """One public multi-step form: its views (methods) and ``urls()``."""

    namespace = ""  # "sharing": URL names, templates "sharing/...", session keys, scopes
    draft_model: type[drafts.FormDraft]
    steps: StepSequence
    files_step = ""  # the slug of the step with attachments
    rate_limit_setting = ""  # sends and continue-later emails per address per hour
    # The model a sent draft becomes, which keeps the draft's key (``source_draft_key``).
    submitted_model = None
    # Buttons that save the step and show it again (to see the files added, say).
    stay_actions = ("upload",)

    def __init__(self):
        self.session_draft = f"{self.namespace}.draft"
        self.session_submitted = f"{self.namespace}.submitted"
        self.submit_scope = f"{self.namespace}:submit"
        self.email_scope = f"{self.namespace}:continue-email"

    # What each form adds ---------------------------------------------------------------

    def start_context(self) -> dict:
        return {}

    def step_context(self, request, step, form, answers) -> dict:
        return {}

    def summary_rows(self, step, answers: dict, draft) -> list[SummaryRow]:
        """The check page's rows for one step: every question, answered or not."""
        raise NotImplementedError

    def check_context(self, request, draft) -> dict:
        return {}

    def submit(self, request, key):
        """Send the draft, once (raises ``hub.drafts.DraftIncomplete``); remember in the
        session what the confirmation page shows."""
        raise NotImplementedError

    def confirmation(self, request):
        raise NotImplementedError

    def record_continue_link(self, draft, link: str):
        raise NotImplementedError

    # Helpers ---------------------------------------------------------------------------

    def template(self, name: str) -> str:
        return f"{self.namespace}/{name}.html"

    def url(self, name: str) -> str:
        return f"{self.namespace}:{name}"

    def draft(self, request):
        """The draft in this session, if it still exists and has not expired."""
        draft = self.draft_model.current(request.session.get(self.session_draft))
        if draft is None:
            request.session.pop(self.session_draft, None)
        return draft

    def over_limit(self, request, scope) -> abuse.Limit:
        """Count this attempt for the client's address (``hub.abuse``); true once over the
        hourly limit."""
        return abuse.hit_rate_limit(
            request,
            scope,
            getattr(settings, self.rate_limit_setting),
            period_seconds=RATE_PERIOD_SECONDS,
        )

    def too_many_requests(self, request, limit: abuse.Limit):
        response = render(
            request,
            self.template("too_many_requests"),
            {"limit": getattr(settings, self.rate_limit_setting)},
            status=429,
        )
        return abuse.retry_after(response, limit.retry_after)

    def rejected(self, request):
        return HttpResponseBadRequest(render_to_string(self.template("rejected"), request=request))

    def step_url(self, step, *, to_check=False) -> str:
        url = reverse(step.url_name)
        return f"{url}?return=check" if to_check else url

    def summary(self, draft) -> list[dict]:
        """The check page's sections: each step's questions and answers, and where to change
        them."""
        return [
            {
                "step": step,
                "rows": self.summary_rows(step, draft.data.get(step.slug, {}), draft),
                "change_url": self.step_url(step, to_check=True),
            }
            for step in self.steps
        ]

    def where_next(self, draft) -> str:
        """The first step the draft still needs, or the check page."""
        following = self.steps.first_incomplete(draft)
        return following.url_name if following else self.url("check")

    # The views -------------------------------------------------------------------------

    def start(self, request):
        draft = self.draft(request)
        resume = reverse(self.where_next(draft)) if draft and draft.data else None
        return render(
            request,
            self.template("start"),
            {
                "first_step_url": reverse(self.steps[0].url_name),
                "resume_url": resume,
                "privacy_page": privacy_page(request),
                "step_count": len(self.steps),
                **self.start_context(),
            },
        )

    def step_view(self, request, slug):
        step = self.steps.by_slug.get(slug)
        if step is None:
            raise Http404
        first = self.steps.index(slug) == 0
        draft = self.draft(request)
        if draft is None and not first:
            return redirect(self.url("start"))
        to_check = request.GET.get("return") == "check" and draft is not None
        answers = draft.data.get(slug) if draft else None
        if request.method != "POST":
            form = step.form_class(initial=answers, draft=draft)
            return self.show_step(request, step, form, answers, to_check)
        if first and request.POST.get(HONEYPOT_FIELD, "").strip():
            return self.rejected(request)
        form = step.form_class(
            request.POST, request.FILES, draft=draft, client=abuse.client_ip(request)
        )
        if form.is_valid():
            return self.save_step(request, step, form, draft, to_check)
        checked_files = form.cleaned_data.get("attachments")
        if draft is not None and checked_files and "attachments" not in form.errors:
            # Files that passed their checks are kept even when another answer needs
            # fixing: a browser cannot put them back into the file input.
            drafts.save_uploads(draft, checked_files)
        return self.show_step(request, step, form, answers, to_check)

    def save_step(self, request, step, form, draft, to_check):
        """Keep a valid step's answers, then go where the button pressed says."""
        if draft is None:
            draft = self.draft_model(language=translation.get_language() or settings.LANGUAGE_CODE)
        uploads = form.cleaned_data.get("attachments") or []
        drafts.save_step(draft, step.slug, form.to_draft(), uploads)
        request.session[self.session_draft] = draft.key
        action = request.POST.get("action")
        if action == "save":
            return redirect(self.url("save"))
        if action in self.stay_actions:
            return redirect(self.step_url(step, to_check=to_check))
        following = self.steps.first_incomplete(draft) if to_check else self.steps.next(step)
        return redirect(self.step_url(following) if following else reverse(self.url("check")))

    def show_step(self, request, step, form, answers, to_check):
        previous = self.steps.previous(step)
        if to_check:
            back_url = reverse(self.url("check"))
        elif previous:
            back_url = reverse(previous.url_name)
        else:
            back_url = reverse(self.url("start"))
        retry_after = getattr(form, "upload_retry_after", None)
        response = render(
            request,
            step.template_name,
            {
                "step": step,
                "form": form,
                "step_number": self.steps.index(step.slug) + 1,
                "step_count": len(self.steps),
                "back_url": back_url,
                "to_check": to_check,
                "privacy_page": privacy_page(request) if step.slug == "consent" else None,
                "attachments": form.existing_attachments() if step.slug == self.files_step else [],
                **self.step_context(request, step, form, answers),
            },
            status=429 if retry_after else 200,
        )
        if retry_after:
            abuse.retry_after(response, retry_after)
        return response

    def remove_attachment(self, request):
        draft = self.draft(request)
        if draft is None:
            return redirect(self.url("start"))
        attachment_id = request.POST.get("attachment", "")
        attachment = draft.attachments.filter(
            pk=int(attachment_id) if attachment_id.isdigit() else 0
        ).first()
        if attachment is not None:
            attachment.delete()
            messages.success(
                request, _("%(name)s has been removed.") % {"name": attachment.original_name}
            )
        step = self.steps.by_slug[self.files_step]
        return redirect(self.step_url(step, to_check=request.POST.get("return") == "check"))

    def check(self, request):
        if request.method == "POST":
            return self.send(request, request.session.get(self.session_draft))
        draft = self.draft(request)
        if draft is None:
            return redirect(self.url("start"))
        missing = self.steps.first_incomplete(draft)
        if missing is not None:
            return redirect(missing.url_name)
        return render(
            request,
            self.template("check"),
            {"sections": self.summary(draft), **self.check_context(request, draft)},
        )

    def send(self, request, key):
        """The final POST: one record per draft however often it arrives."""
        if request.POST.get(HONEYPOT_FIELD, "").strip():
            return self.rejected(request)
        if not key:
            if request.session.get(self.session_submitted):
                return redirect(self.url("confirmation"))  # a replay after success
            return redirect(self.url("start"))
        # Over the limit, a replay of a send that already worked still reaches its
        # confirmation (the submit returns what was made the first time).
        limit = self.over_limit(request, self.submit_scope)
        if limit and not self.submitted_model.objects.filter(source_draft_key=key).exists():
            return self.too_many_requests(request, limit)
        try:
            self.submit(request, key)
        except drafts.DraftIncomplete:
            missing = self.steps.first_incomplete(self.draft(request))
            return redirect(missing.url_name if missing else self.url("start"))
        request.session.pop(self.session_draft, None)
        return redirect(self.url("confirmation"))

    def save_for_later(self, request):
        draft = self.draft(request)
        if draft is None:
            return redirect(self.url("start"))
        continue_url = reverse(self.where_next(draft))
        if request.method == "POST":
            form = SaveForLaterForm(request.POST, days=self.draft_model.expiry_days())
            if form.is_valid():
                limit = self.over_limit(request, self.email_scope)
                if limit:
                    return self.too_many_requests(request, limit)
                draft.email = form.cleaned_data["email"]
                draft.save(update_fields=["email"])
                token = drafts.continue_token(draft)
                self.record_continue_link(
                    draft, absolute_url(reverse(self.url("continue"), args=[token]))
                )
                return render(
                    request,
                    self.template("save_sent"),
                    {
                        "email": draft.email,
                        "expires_at": draft.expires_at,
                        "continue_url": continue_url,
                    },
                )
        else:
            known = draft.email or draft.data.get("about-you", {}).get("submitter_email", "")
            form = SaveForLaterForm(initial={"email": known}, days=self.draft_model.expiry_days())
        return render(
            request,
            self.template("save"),
            {"form": form, "continue_url": continue_url, "expires_at": draft.expires_at},
        )

    def continue_draft(self, request, token):
        invalid = self.template("continue_invalid")
        try:
            draft = drafts.draft_for_token(self.draft_model, token)
        except signing.SignatureExpired:
            return render(request, invalid, {"expired": True}, status=410)
        except signing.BadSignature:
            return render(request, invalid, {"expired": False}, status=404)
        request.session.cycle_key()
        request.session[self.session_draft] = draft.key
        return redirect(self.where_next(draft))

    def urls(self) -> list:
        """The form's URL patterns; each step's is named after it ("sharing:about-you")."""
        get_or_post = require_http_methods(["GET", "POST"])
        return [
            path("", private(self.start), name="start"),
            path("check/", private(get_or_post(self.check)), name="check"),
            path("confirmation/", private(self.confirmation), name="confirmation"),
            path("save/", private(get_or_post(self.save_for_later)), name="save"),
            path("continue/<str:token>/", private(self.continue_draft), name="continue"),
            path(
                "files/remove/",
                private(require_POST(self.remove_attachment)),
                name="remove_attachment",
            ),
            *[
                path(
                    f"{step.slug}/",
                    private(get_or_post(self.step_view)),
                    {"slug": step.slug},
                    name=step.slug,
                )
                for step in self.steps
            ],
        ]
