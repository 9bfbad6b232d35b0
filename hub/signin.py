"""Sign-in protection: the admin's sign-in form and the API's bearer tokens (django-axes).

- Each failed sign-in is counted against the account (the user name typed) and against the
  address it came from (``hub.abuse.client_ip``); an unknown API token counts against the
  address. After ``AXES_FAILURE_LIMIT`` failures (``HUB_SIGNIN_FAILURE_LIMIT``, 5) within the
  lockout time (``HUB_SIGNIN_LOCKOUT_MINUTES``, 15), that account or address is refused, even
  with the right password, until the lockout time has passed since its last failure.
- A locked-out sign-in gets a 429 page that says so and when to try again (``Retry-After``);
  the API a 429 problem document.
- Every lockout is logged (logger ``hub.security``, WARNING). Hub editors see current lockouts
  under Settings → Sign-in lockouts and may unlock an account or address early (logged too).
"""

import hashlib
import logging
import math

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset

from .abuse import client_ip
from .api_schemas import problem_response

logger = logging.getLogger("hub.security")

UNLOCK_PERMISSION = "axes.delete_accessattempt"
TOKEN_ACCOUNT_PREFIX = "api-token:"  # noqa: S105 (a label, not a secret)


class SignInLockoutBackend(AxesStandaloneBackend):
    """django-axes' check before the password is: refuses a locked-out account or address.

    Only a request can be locked out: without one (the test client's ``login()``, a shell,
    a management command) there is no web sign-in to protect, so nothing is checked."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_seconds_left(request, credentials=None) -> int:
    """Seconds until this request's account and address are both out of lockout."""
    cool_off = settings.AXES_COOLOFF_TIME.total_seconds()
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    match = Q(ip_address=client_ip(request))
    if username:
        match |= Q(username=username)
    latest = AccessAttempt.objects.filter(match).order_by("-attempt_time").first()
    if latest is None:
        return math.ceil(cool_off)
    left = cool_off - (timezone.now() - latest.attempt_time).total_seconds()
    return max(1, math.ceil(left))


def _minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out sign-in (``AXES_LOCKOUT_CALLABLE``) or API token gets: 429 with
    ``Retry-After``, a problem document under /api/, otherwise the admin's sign-in layout."""
    seconds = lockout_seconds_left(request, credentials)
    if request.path_info.startswith("/api/"):
        response = problem_response(
            status=429,
            detail=(
                "Too many failed sign-in attempts from this address. "
                f"Try again in {seconds} seconds (Retry-After)."
            ),
        )
    else:
        response = render(
            request,
            "hub/signin/locked_out.html",
            {
                "minutes": _minutes(seconds),
                "failure_limit": settings.AXES_FAILURE_LIMIT,
                "lockout_minutes": _minutes(settings.AXES_COOLOFF_TIME.total_seconds()),
            },
            status=429,
        )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning(
        "Sign-in locked out: account %r, address %s, path %s, for %s minutes",
        username,
        ip_address,
        getattr(request, "path_info", ""),
        _minutes(settings.AXES_COOLOFF_TIME.total_seconds()),
    )


# API bearer tokens --------------------------------------------------------------------------


class TokenLockedOut(Exception):
    """Raised by :class:`LockoutBearerTokenAuth`; ``hub.api`` answers it with a 429."""


def _token_account(token: str) -> str:
    # Never the token itself: a short digest tells repeats of one wrong token apart.
    return TOKEN_ACCOUNT_PREFIX + hashlib.sha256(token.encode()).hexdigest()[:12]


class LockoutBearerTokenAuth(BearerTokenAuth):
    """Wagtail's bearer-token check behind the same lockout as the sign-in form.

    An unknown token counts as a failed sign-in from the address; a revoked one does not (a
    client left with an old token is a configuration problem, not a guess), and gets the
    same 401. A locked-out address is refused before its token is even looked up."""

    def authenticate(self, request, token: str):
        credentials = {settings.AXES_USERNAME_FORM_FIELD: _token_account(token)}
        if not AxesProxyHandler.is_allowed(request, credentials):
            raise TokenLockedOut
        api_token = super().authenticate(request, token)
        if api_token is None and not _is_revoked(token):
            AxesProxyHandler.user_login_failed(
                sender=LockoutBearerTokenAuth, credentials=credentials, request=request
            )
            if getattr(request, "axes_locked_out", False):
                raise TokenLockedOut
        return api_token


def _is_revoked(token: str) -> bool:
    return APIToken.objects.filter(
        key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=False
    ).exists()


def token_locked_out(request, exc):
    """The API's answer to :class:`TokenLockedOut` (registered by ``hub.api.install``)."""
    return lockout_response(request)


# Unlocking, for hub editors ------------------------------------------------------------------


def current_lockouts():
    """Accounts and addresses refused now, each with its failures and when it ends."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since)
    by_key: dict[tuple[str, str], dict] = {}
    for attempt in attempts:
        for kind, value in (("account", attempt.username), ("address", attempt.ip_address)):
            if not value:
                continue
            entry = by_key.setdefault(
                (kind, value),
                {"kind": kind, "value": value, "failures": 0, "last": attempt.attempt_time},
            )
            entry["failures"] += attempt.failures_since_start
            entry["last"] = max(entry["last"], attempt.attempt_time)
    locked = [e for e in by_key.values() if e["failures"] >= settings.AXES_FAILURE_LIMIT]
    for entry in locked:
        entry["ends"] = entry["last"] + settings.AXES_COOLOFF_TIME
        entry["is_token"] = entry["value"].startswith(TOKEN_ACCOUNT_PREFIX)
    return sorted(locked, key=lambda e: e["ends"])


@require_http_methods(["GET", "POST"])
def lockouts_view(request):
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        kind, value = request.POST.get("kind"), request.POST.get("value", "").strip()
        if kind in ("account", "address") and value:
            count = reset(username=value) if kind == "account" else reset(ip=value)
            logger.warning(
                "Sign-in lockout of %s %r lifted by %s (%d records)",
                kind,
                value,
                request.user.get_username(),
                count,
            )
            messages.success(request, _("%(value)s can sign in again.") % {"value": value})
        return redirect("hub_signin_lockouts")
    return TemplateResponse(
        request,
        "hub/signin/lockouts.html",
        {
            "lockouts": current_lockouts(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": _minutes(settings.AXES_COOLOFF_TIME.total_seconds()),
        },
    )


admin_urls = [
    path("sign-in-lockouts/", require_admin_access(lockouts_view), name="hub_signin_lockouts"),
]


def lockouts_url() -> str:
    return reverse("hub_signin_lockouts")
