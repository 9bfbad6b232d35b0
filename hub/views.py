import base64
import hashlib
import json
import logging
import re
import sys
import time
import uuid

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage, storages
from django.db import InterfaceError, OperationalError, connection
from django.db.models import Count, Min
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape
from django.utils.translation import get_language, gettext, gettext_lazy, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from wagtail_localize.views import submit_translations, update_translations

from hub import access, outbox
from hub.abuse import hit_rate_limit
from hub.api_schemas import problem_response
from search.engines import backend_status, get_engine

logger = logging.getLogger(__name__)

# Errors & health ------------------------------------------------------------------------------

# What a lost, restarting or overloaded database raises. A 503 with Retry-After tells browsers,
# API clients and load balancers to come back; any other database error is a bug and a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

# The default WAGTAIL_SITE_NAME, kept in the catalogues: the error pages translate the name.
DEFAULT_SITE_NAME = gettext_noop("Improvement Hub")

NOT_FOUND_TITLE = gettext_lazy("Page not found")
SERVER_ERROR_TITLE = gettext_lazy("Sorry, there is a problem with the service")
UNAVAILABLE_TITLE = gettext_lazy("Sorry, the service is unavailable")

# Served if even the plain template fails (a broken release): no template engine involved.
LAST_RESORT_PAGE = (
    '<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title} – {site}</title></head>"
    '<body style="margin:0;font-family:Arial,sans-serif;color:#212b32">'
    '<header style="background:#005eb8;padding:1rem"><a href="/" style="color:#fff">{site}</a>'
    '</header><main style="padding:1rem"><h1>{title}</h1></main></body></html>'
)


def _is_api(request):
    return request.path_info.startswith("/api/")


def _site_name():
    # From settings, never from the hub's site settings: the database may be why we are here.
    return gettext(getattr(settings, "WAGTAIL_SITE_NAME", "") or DEFAULT_SITE_NAME)


def _plain_page(template_name, status, title):
    """An error page that needs nothing but the template files: no database, no static files
    manifest, no cache, no context processors (rendered without the request)."""
    site_name = _site_name()
    try:
        html = loader.get_template(template_name).render(
            {"site_name": site_name, "error_layout": "errors/plain.html"}
        )
    except Exception:
        logger.exception("The %s error page failed to render", status)
        language = get_language() or settings.LANGUAGE_CODE
        html = LAST_RESORT_PAGE.format(
            lang=escape(language), title=escape(title), site=escape(site_name)
        )
    response = HttpResponse(html, status=status)
    # The page's own inline CSS (it may not rely on static files), allowed by its hash.
    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in re.findall(r"<style>(.*?)</style>", html, re.S)
    ]
    if "style=" in html:
        response._csp_update = {"style-src-attr": ["'unsafe-inline'"]}
    elif hashes:
        response._csp_update = {"style-src": hashes}
    return response


def page_not_found(request, exception=None):
    try:
        return render(request, "errors/404.html", status=404)
    except Exception:
        # The full page reads the navigation and site settings from the database and links
        # the static files: when either is missing the visitor still gets a 404, not a 500.
        logger.exception("The full 404 page failed to render: serving the plain one")
        return _plain_page("errors/404.html", 404, NOT_FOUND_TITLE)


def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        # The database failed outside a view (in a middleware such as sessions or Wagtail's
        # redirects, or while rendering a response), where hub.middleware does not see it.
        return service_unavailable(request)
    if _is_api(request):
        # API clients get the API's error shape, never an HTML page.
        response = problem_response(status=500, detail="Something went wrong on our side.")
    else:
        response = _plain_page("errors/500.html", 500, SERVER_ERROR_TITLE)
    # A cache or CDN in front must not keep serving the error once it is fixed.
    add_never_cache_headers(response)
    return response


def service_unavailable(request, exception=None):
    """The database is unreachable: come back in RETRY_AFTER_SECONDS (hub.middleware)."""
    if _is_api(request):
        response = problem_response(
            status=503, detail="The service is unavailable for a moment. Try again shortly."
        )
    else:
        response = _plain_page("errors/503.html", 503, UNAVAILABLE_TITLE)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


# What /health/ checks. Without the database, the cache or the default storage (media) no
# page works: the answer is then 503 and a load balancer takes this instance out. The others
# are reported, and only make the overall status "degraded".
REQUIRED_PARTS = ("database", "cache", "storage")
# An email queued longer than this means the worker is stopped or the mail server refuses.
EMAIL_BACKLOG_WARNING_SECONDS = 30 * 60
SEARCH_TIMEOUT_SECONDS = 2
HEALTH_KEY = "health-check"
# Without the database, checks that query it would each wait for it again: they are skipped.
UNCHECKED = "not checked: the database is unavailable"


class CheckFailed(Exception):
    """A part answered, but wrongly; the message is safe to show."""


def _measure(name, check):
    """Run one check: ``{"status": "ok"|"error", "ms": ..., ...}``. A failure is logged in
    full; the answer names only the exception class (its text may hold hosts or users)."""
    started = time.perf_counter()
    try:
        result = {"status": "ok", **(check() or {})}
    except CheckFailed as exc:
        logger.warning("Health check: %s: %s", name, exc)
        result = {"status": "error", "error": str(exc)}
    except Exception as exc:
        logger.exception("Health check: %s failed", name)
        result = {"status": "error", "error": type(exc).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    result["required"] = name in REQUIRED_PARTS
    return result


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    # A key of its own per probe, so two probes at once never read each other's value.
    key, value = f"{HEALTH_KEY}:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise CheckFailed("the cache did not return what was stored")


def _check_storage(storage):
    # Reading is enough to prove the storage answers (and, on S3, the credentials work);
    # a probe every few seconds must not write files.
    storage.exists(HEALTH_KEY)


def _check_search(database_up):
    # The search app's own check (docs/search.md): one cheap read of the index, on the
    # database or on the cluster (given up after SEARCH_TIMEOUT_SECONDS).
    if not database_up and get_engine().name == "database":
        raise CheckFailed(UNCHECKED)
    answer = backend_status(SEARCH_TIMEOUT_SECONDS)
    result = {"status": answer.status, "backend": answer.backend}
    if not answer.ok:
        logger.warning("Health check: search: %s", answer.detail)
        result["error"] = answer.detail
    return result


def _queue_backlog(queryset, date_field, now):
    counts = queryset.aggregate(backlog=Count("pk"), oldest=Min(date_field))
    oldest = counts["oldest"]
    return {
        "backlog": counts["backlog"],
        "oldest_age_seconds": int((now - oldest).total_seconds()) if oldest else None,
    }


def _check_email_queue(database_up):
    """Emails waiting: the hub's outbox (every email the hub sends), and the task queue when
    it is the database queue (EMAIL_QUEUE=database). An outbox email waiting for the worker
    is in both."""
    if not database_up:
        raise CheckFailed(UNCHECKED)
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    queues = {"outbox": _queue_backlog(outbox.waiting(), "created_at", now)}
    backend = task_backends["email"]
    if isinstance(backend, DatabaseBackend):
        # ready(): waiting for a worker now (not a task deferred to later).
        queues["tasks"] = _queue_backlog(
            DBTaskResult.objects.ready().filter(backend_name=backend.alias, queue_name="email"),
            "enqueued_at",
            now,
        )
    ages = [queue["oldest_age_seconds"] for queue in queues.values()]
    oldest = max((age for age in ages if age is not None), default=None)
    result = {"oldest_age_seconds": oldest, "queues": queues}
    if oldest is not None and oldest > EMAIL_BACKLOG_WARNING_SECONDS:
        result["warning"] = (
            f"an email has waited more than {EMAIL_BACKLOG_WARNING_SECONDS // 60} minutes: "
            "is the email worker running, and is the mail server accepting mail?"
        )
    return result


CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORTS_PER_HOUR = 100
csp_logger = logging.getLogger("hub.csp")


@csrf_exempt
@require_POST
def csp_report(request):
    """Browsers post what the Content-Security-Policy blocked (``report-uri``): logged at
    WARNING (logger ``hub.csp``), a few per address an hour, never stored. Always 204."""
    if len(request.body) <= CSP_REPORT_MAX_BYTES and not hit_rate_limit(
        request, "csp-report", CSP_REPORTS_PER_HOUR
    ):
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            body = {}
        report = body.get("csp-report", body) if isinstance(body, dict) else {}
        if isinstance(report, dict) and report:
            csp_logger.warning(
                "Content-Security-Policy blocked %s on %s (%s)",
                str(report.get("blocked-uri", ""))[:200],
                str(report.get("document-uri", ""))[:200],
                str(report.get("violated-directive") or report.get("effective-directive"))[:80],
            )
    return HttpResponse(status=204)


@never_cache
@require_GET
def health(request):
    """Each part the hub depends on, for load balancers and monitors (docs/deploying.md):
    ``{"status": "ok"|"degraded"|"error", "checks": {part: {"status", "ms", ...}}}``.
    503 when a required part is down. No templates, no page rendering, a few queries."""
    checks = {"database": _measure("database", _check_database)}
    database_up = checks["database"]["status"] == "ok"
    checks["cache"] = _measure("cache", _check_cache)
    checks["storage"] = _measure("storage", lambda: _check_storage(default_storage))
    checks["private_storage"] = _measure(
        "private_storage", lambda: _check_storage(storages["private"])
    )
    checks["search"] = _measure("search", lambda: _check_search(database_up))
    checks["email_queue"] = _measure("email_queue", lambda: _check_email_queue(database_up))

    failed = [name for name, check in checks.items() if check["status"] != "ok"]
    if any(name in REQUIRED_PARTS for name in failed):
        overall = "error"
    else:
        overall = "degraded" if failed else "ok"
    return JsonResponse(
        {"status": overall, "checks": checks}, status=503 if overall == "error" else 200
    )


# wagtail-localize's "Translate" and "Sync translated pages" views, limited to what the editor
# may edit (hub/access.py): served in place of wagtail-localize's own at the same addresses.
class _TranslateOwnSectionOnly:
    def source_of(self, obj):
        return obj

    def get_object(self):
        obj = super().get_object()
        self.source = self.source_of(obj)
        if not access.can_translate(self.request.user, self.source):
            raise PermissionDenied
        return obj


class SubmitPageTranslationView(
    _TranslateOwnSectionOnly, submit_translations.SubmitPageTranslationView
):
    pass


class SubmitSnippetTranslationView(
    _TranslateOwnSectionOnly, submit_translations.SubmitSnippetTranslationView
):
    pass


class UpdateTranslationsView(_TranslateOwnSectionOnly, update_translations.UpdateTranslationsView):
    """Sync from the source; "publish immediately" only for those who may publish, so a
    partner editor's sync waits for a hub editor like everything else they change."""

    def source_of(self, obj):
        return obj.get_source_instance()

    def get_form(self):
        form = super().get_form()
        if not access.can_publish_translation(self.request.user, self.source):
            field = form.fields["publish_translations"]
            field.disabled = True
            field.widget = forms.HiddenInput()
        return form
