"""The public side: "Was this page useful?" and the submitter's survey."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.abuse import hit_rate_limit, retry_after

from . import page_feedback, survey
from .forms import PageCommentForm, PageFeedbackForm, SurveyForm

# Answers one visitor (address) may give in an hour: more than anyone reading pages gives.
ANSWERS_PER_HOUR = 30
COMMENTS_PER_HOUR = 10
SURVEY_POSTS_PER_HOUR = 20


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refused(request, message: str, *, status: int, page=None, seconds: int = 0):
    if _wants_json(request):
        response = JsonResponse({"message": message}, status=status)
    else:
        response = TemplateResponse(
            request,
            "feedback/page_feedback_error.html",
            {"message": message, "back": page.url if page else reverse("search")},
            status=status,
        )
    return retry_after(response, seconds) if seconds else response


# The page feedback form sits on every public page, and those pages are kept in the page
# cache (hub/page_cache.py), which refuses any page holding a CSRF token (the token belongs
# to one visitor). So these two endpoints are csrf-exempt. That is safe here: a forged post
# could only add one anonymous yes, no or comment to a public page's counts; it reads and
# changes nothing belonging to the person, carries no personal data (comments are scrubbed
# of emails and numbers before they are stored), sets no cookie, accepts only the known
# fields, checks the page is live and public, and is rate-limited per address.
@csrf_exempt
@require_POST
def answer(request):
    """One yes or no for a page (or the search page)."""
    if limit := hit_rate_limit(request, "page-feedback", ANSWERS_PER_HOUR):
        message = _("You have sent a lot of feedback. Try again later.")
        return _refused(request, message, status=429, seconds=limit.retry_after)
    form = PageFeedbackForm(request.POST)
    if not form.is_valid():
        return _refused(
            request, _("Select yes or no to tell us if this page was useful."), status=400
        )
    page_id = form.cleaned_data["page"]
    page = page_feedback.public_page(page_id)
    if page_id is not None and page is None:
        return _refused(request, _("The page you gave feedback on could not be found."), status=400)
    useful = form.cleaned_data["useful"] == "yes"
    page_feedback.record_answer(page, get_language(), useful=useful)
    if _wants_json(request):
        return JsonResponse({"message": _("Thank you for your feedback.")})
    query = {"page": page.pk} if page else {}
    query["answer"] = form.cleaned_data["useful"]
    return redirect(f"{reverse('feedback:thanks')}?{urlencode(query)}", permanent=False)


def _thanks_context(request, *, form=None, done=False):
    try:
        page_id = int(request.GET.get("page") or request.POST.get("page") or 0) or None
    except ValueError:
        page_id = None
    page = page_feedback.public_page(page_id)
    answer_ = request.GET.get("answer", "")
    ask = not done and (answer_ == "no" or form is not None)
    if ask and form is None:
        form = PageCommentForm(initial={"page": page.pk if page else None})
    return {
        "feedback_page": page,
        "back": page.url if page else reverse("search"),
        "form": form if ask else None,
        "done": done,
    }


@require_GET
def thanks(request):
    """After an answer without JavaScript: thanks, and for a no, what was wrong. Read only."""
    done = request.GET.get("done") == "1"
    return TemplateResponse(request, "feedback/thanks.html", _thanks_context(request, done=done))


@csrf_exempt  # see answer() above: the same reasons hold
@require_POST
def comment(request):
    """What was wrong with a page: kept without emails or numbers, never who said it."""
    if limit := hit_rate_limit(request, "page-feedback-comment", COMMENTS_PER_HOUR):
        message = _("You have sent a lot of feedback. Try again later.")
        return _refused(request, message, status=429, seconds=limit.retry_after)
    form = PageCommentForm(request.POST)
    if form.honeypot_filled():
        return redirect(f"{reverse('feedback:thanks')}?done=1")
    page_id = None
    if form.is_valid():
        page_id = form.cleaned_data["page"]
        page = page_feedback.public_page(page_id)
        if page_id is None or page is not None:
            page_feedback.record_comment(page, get_language(), form.cleaned_data["text"])
            query = {"page": page.pk} if page else {}
            query["done"] = 1
            return redirect(f"{reverse('feedback:thanks')}?{urlencode(query)}")
        return _refused(request, _("The page you gave feedback on could not be found."), status=400)
    context = _thanks_context(request, form=form)
    return TemplateResponse(request, "feedback/thanks.html", context, status=400)


@never_cache  # a private link: never kept by the page cache, a browser or a proxy
@require_http_methods(["GET", "POST"])
def survey_view(request, token):
    """The submitter's three questions, from the link in their email."""
    found = survey.from_token(token)
    if found.problem:
        return TemplateResponse(
            request, "feedback/survey_closed.html", {"problem": found.problem}, status=found.status
        )
    form = SurveyForm(request.POST or None)
    if request.method == "POST":
        if limit := hit_rate_limit(request, "submitter-survey", SURVEY_POSTS_PER_HOUR):
            response = TemplateResponse(
                request,
                "feedback/survey_closed.html",
                {"problem": survey.TOO_MANY},
                status=429,
            )
            return retry_after(response, limit.retry_after)
        if form.honeypot_filled():
            return redirect("feedback:survey_done")
        if form.is_valid():
            data = form.cleaned_data
            answers = {name: data[name] for name in ("fair", "clear", "fast", "comment")}
            if not survey.answer(found.survey, **answers):
                return TemplateResponse(
                    request,
                    "feedback/survey_closed.html",
                    {"problem": survey.ANSWERED},
                    status=409,
                )
            return redirect("feedback:survey_done")
    status = 400 if form.errors else 200
    context = {"form": form, "survey": found.survey}
    return TemplateResponse(request, "feedback/survey.html", context, status=status)


@require_GET
def survey_done(request):
    return TemplateResponse(request, "feedback/survey_done.html", {})
