from urllib.parse import unquote_plus, urlencode

from django.conf import settings
from django.core.exceptions import BadRequest
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.log import log_response

from csp.middleware import CSPMiddleware, PolicyParts

from . import two_factor
from .api_schemas import problem_response
from .views import DATABASE_UNAVAILABLE, service_unavailable

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
API_DOCS_PREFIX = "/api/v3/docs"
PREVIEW_FRAME_ANCESTORS = "'self'"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy per part of the site: the public pages' strict
    policy (``CONTENT_SECURITY_POLICY``), the Wagtail admin's (``HUB_ADMIN_CSP``) and the API
    docs' (``HUB_API_DOCS_CSP``). A view may still adjust its own with django-csp's
    decorators or ``response._csp_update`` (the error pages add their inline style's hash)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # Inline styles the page declared by hash (hub_tags.header_colour_style).
        hashes = getattr(request, "_hub_csp_style_hashes", None)
        if hashes and not report_only:
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", []), *sorted(hashes)]
            parts.update = update
        if getattr(request, "is_dummy", False) and not report_only:
            # Wagtail's preview renders the page through the middleware again, on a made-up
            # request for the page's public address: that answer gets the public policy,
            # which is right (the preview obeys what the page will), except that the editor
            # frames it (the preview panel, and the Checks panel that runs the accessibility
            # checker in it). The hub's own admin may frame it; no other site may. Wagtail's
            # preview view sets X-Frame-Options: SAMEORIGIN to match.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [PREVIEW_FRAME_ANCESTORS]}
        if report_only or parts.config is not None:
            return parts
        path = request.path_info
        if path.startswith(ADMIN_PREFIXES):
            parts.config = settings.HUB_ADMIN_CSP
        elif path.startswith(API_DOCS_PREFIX):
            parts.config = settings.HUB_API_DOCS_CSP
        return parts


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` on every response: the
    camera, microphone, location, payment and the like are off for the hub and any frame."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in sorted(settings.PERMISSIONS_POLICY.items())
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.setdefault("Permissions-Policy", self.header)
        return response


class TwoFactorMiddleware:
    """In the admin, a signed-in user who has an authenticator (or must have one, with
    ``HUB_REQUIRE_2FA``) is sent to enter its code (or set one up) before anything else.
    Signing in, out, resetting a password and the two-step pages themselves stay open.

    A session whose user needed neither is remembered as such (with the setting's value), so
    the admin's pages pay for the check once per sign-in, not on every request."""

    session_key = "hub_two_factor_not_needed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path_info
        if (
            user is not None
            and user.is_authenticated
            and path.startswith(ADMIN_PREFIXES)
            and not user.is_verified()
            and not path.startswith(two_factor.open_admin_paths())
        ):
            not_needed = f"{user.pk}:{settings.HUB_REQUIRE_2FA}"
            if request.session.get(self.session_key) == not_needed:
                return self.get_response(request)
            if two_factor.has_device(user):
                target = reverse("hub_two_factor_verify")
            elif two_factor.is_required_for(user):
                target = reverse("hub_two_factor_setup")
            else:
                request.session[self.session_key] = not_needed
                return self.get_response(request)
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class HubLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except on machine and admin paths.

    On a 404 the stock middleware redirects an unprefixed URL to its language-prefixed
    twin; an API client or a health probe must get the real status instead.
    """

    exempt_prefixes = ("/api/", "/health/", "/admin/", "/django-admin/", "/static/", "/media/")

    def _exempt(self, request):
        return request.path_info.startswith(self.exempt_prefixes)

    def process_request(self, request):
        if self._exempt(request):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        if self._exempt(request):
            return response
        return super().process_response(request, response)


MAX_POSITION = 10**9


class RequestGuardMiddleware:
    """Refuse requests that would otherwise crash deeper down. Any address holding a NUL
    character is a 400 (PostgreSQL cannot compare text holding one). Under /api/, each refusal
    is a problem document:

    - 400 for an address holding a NUL character (``%00``): PostgreSQL cannot compare text
      holding one, so it would reach the database as a server error;
    - 400 for an ``offset``, ``limit`` or ``page`` beyond ``MAX_POSITION`` (Wagtail's own
      lists bound none of them, and a database integer cannot hold every number);
    - 413 for a body larger than ``API_MAX_BODY_BYTES``, before anything reads or parses it.

    It also drops double quotes from an API list's ``search`` (see below).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote_plus(request.META.get("QUERY_STRING", ""), errors="replace")
        has_nul = "\x00" in request.path_info or "\x00" in query
        if has_nul and not request.path_info.startswith("/api/"):
            # The web pages' searches and filters would hit the same database error.
            raise BadRequest("The address must not contain NUL characters.")
        if request.path_info.startswith("/api/"):
            if has_nul:
                return problem_response(
                    status=400, detail="The address must not contain NUL characters (%00)."
                )
            # Wagtail's own lists take any offset; one past what a database integer holds
            # would crash the query.
            for name in ("offset", "limit", "page"):
                for value in request.GET.getlist(name):
                    digits = value.strip().lstrip("+-")
                    if digits.isdigit() and (len(digits) > 10 or int(digits) > MAX_POSITION):
                        return problem_response(
                            status=400, detail=f"{name} must be at most {MAX_POSITION}."
                        )
            # Wagtail's own lists (pages, images, documents) hand ``search`` to the search
            # backend as it comes, and SQLite's full-text engine (the embedded default)
            # fails on a double quote left open; quotes mean nothing to those searches.
            if '"' in request.GET.get("search", ""):
                words = request.GET.copy()
                words.setlist("search", [v.replace('"', " ") for v in words.getlist("search")])
                request.GET = words
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = settings.API_MAX_BODY_BYTES
            if length > limit:
                return problem_response(
                    status=413, detail=f"The request body must be {limit} bytes or fewer."
                )
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with ``Retry-After`` (the branded
    page, or a problem document under /api/) instead of a 500: the visitor, API client and
    load balancer learn to come back, and the logs say why.

    ``process_exception`` only sees exceptions from views. Django wraps every middleware in
    its own exception handler, so a failure inside another middleware (sessions,
    authentication, Wagtail's redirects) never propagates up to this one: it reaches
    ``handler500`` (``hub.views.server_error``), which answers the same 503 for these errors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        response = service_unavailable(request, exception)
        # Django logs an error response without its cause; log it here with the traceback
        # (and once: log_response marks the response as logged).
        log_response(
            "%s: %s",
            response.reason_phrase,
            request.path,
            response=response,
            request=request,
            exception=exception,
        )
        return response
